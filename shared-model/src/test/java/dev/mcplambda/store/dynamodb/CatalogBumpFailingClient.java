package dev.mcplambda.store.dynamodb;

import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * A client that passes every call to a real one, except that the next {@code failures} updates of
 * the registry's catalog item fail as a throttled request would.
 */
final class CatalogBumpFailingClient implements DynamoDbClient {

  private final DynamoDbClient delegate;
  private final AtomicInteger failures;

  CatalogBumpFailingClient(DynamoDbClient delegate, int failures) {
    this.delegate = delegate;
    this.failures = new AtomicInteger(failures);
  }

  @Override
  public UpdateItemResponse updateItem(UpdateItemRequest request) {
    boolean catalog = DynamoDbRegistryStore.CATALOG_ID.equals(request.key().get("id").s());
    if (catalog && failures.getAndDecrement() > 0) {
      throw DynamoDbException.builder()
          .message("Rate of requests exceeds the allowed throughput (injected)")
          .statusCode(400)
          .build();
    }
    return delegate.updateItem(request);
  }

  @Override
  public PutItemResponse putItem(PutItemRequest request) {
    return delegate.putItem(request);
  }

  @Override
  public DeleteItemResponse deleteItem(DeleteItemRequest request) {
    return delegate.deleteItem(request);
  }

  @Override
  public GetItemResponse getItem(GetItemRequest request) {
    return delegate.getItem(request);
  }

  @Override
  public ScanResponse scan(ScanRequest request) {
    return delegate.scan(request);
  }

  @Override
  public String serviceName() {
    return delegate.serviceName();
  }

  @Override
  public void close() {}
}
