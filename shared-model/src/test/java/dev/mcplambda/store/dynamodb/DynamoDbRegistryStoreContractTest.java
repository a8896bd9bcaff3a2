package dev.mcplambda.store.dynamodb;

import dev.mcplambda.testing.Dynalite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The registry contract against {@link DynamoDbRegistryStore} on dynalite (every build). */
class DynamoDbRegistryStoreContractTest extends AbstractDynamoDbRegistryStoreContractTest {

  private static DynamoDbClient client;

  @BeforeAll
  static void connect() {
    String endpoint = Dynalite.endpoint();
    String server =
        System.getenv("DYNAMODB_TEST_ENDPOINT") == null
                || System.getenv("DYNAMODB_TEST_ENDPOINT").isBlank()
            ? "dynalite"
            : "the server in DYNAMODB_TEST_ENDPOINT";
    System.out.println(
        "[contract] DynamoDbRegistryStore contract suite runs against "
            + server
            + " at "
            + endpoint);
    client = DynamoDbClients.forEndpoint(endpoint);
  }

  @AfterAll
  static void disconnect() {
    if (client != null) {
      client.close();
    }
  }

  @Override
  protected DynamoDbClient client() {
    return client;
  }
}
