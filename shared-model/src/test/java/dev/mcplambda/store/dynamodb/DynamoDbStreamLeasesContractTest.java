package dev.mcplambda.store.dynamodb;

import dev.mcplambda.session.StreamLeases;
import dev.mcplambda.session.StreamLeasesContractTest;
import dev.mcplambda.testing.Dynalite;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The stream-cap contract on a real DynamoDB-API server (dynalite), in a session table. */
class DynamoDbStreamLeasesContractTest extends StreamLeasesContractTest {

  private DynamoDbClient client;

  @Override
  protected StreamLeases newLeases(Clock clock) {
    client = DynamoDbClients.forEndpoint(Dynalite.endpoint());
    String table = "leases-" + UUID.randomUUID();
    DynamoDbTables.ensureSessionTable(client, table);
    return new DynamoDbStreamLeases(client, table, clock);
  }

  @AfterEach
  void close() {
    client.close();
  }
}
