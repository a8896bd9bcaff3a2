package dev.mcplambda.transport;

import dev.mcplambda.session.SessionStore;
import dev.mcplambda.store.dynamodb.DynamoDbClients;
import dev.mcplambda.store.dynamodb.DynamoDbSessionStore;
import dev.mcplambda.testing.Dynalite;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * The concurrency contract on {@link DynamoDbSessionStore} against dynalite: the stream holder and
 * the POST handlers each have their own client and store on one table, as separate Lambda
 * invocations do.
 */
class DynamoDbLegacySseConcurrencyTest extends LegacySseConcurrencyContract {

  private final List<DynamoDbClient> clients = new ArrayList<>();
  private String table;

  @Override
  protected SessionStore newStore() {
    DynamoDbClient client = DynamoDbClients.forEndpoint(Dynalite.endpoint());
    clients.add(client);
    if (table == null) {
      table = "sessions-" + UUID.randomUUID();
      createTable(client, table);
    }
    return new DynamoDbSessionStore(
        client, table, Clock.systemUTC(), DynamoDbSessionStore.DEFAULT_POLL_INTERVAL);
  }

  @AfterEach
  void closeClients() {
    clients.forEach(DynamoDbClient::close);
  }

  private static void createTable(DynamoDbClient client, String name) {
    client.createTable(
        b ->
            b.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                    AttributeDefinition.builder()
                        .attributeName("sessionId")
                        .attributeType(ScalarAttributeType.S)
                        .build(),
                    AttributeDefinition.builder()
                        .attributeName("sk")
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .keySchema(
                    KeySchemaElement.builder()
                        .attributeName("sessionId")
                        .keyType(KeyType.HASH)
                        .build(),
                    KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build()));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (client.describeTable(b -> b.tableName(name)).table().tableStatus()
        != TableStatus.ACTIVE) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("table " + name + " did not become ACTIVE");
      }
    }
  }
}
