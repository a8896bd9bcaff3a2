package dev.mcplambda.local.e2e;

import dev.mcplambda.testing.Dynalite;
import java.nio.file.Path;
import java.util.List;

/**
 * The same end-to-end scenarios with {@code --dynamodb-endpoint} (a real dynalite): the registry,
 * the sessions and their message queues (which the legacy SSE stream and the Streamable HTTP
 * sessions read from) live in DynamoDB, as on AWS.
 */
class SdkClientDynamoDbIT extends ExampleCatalogEndToEnd {

  @Override
  List<String> serverArgs(Path dir) {
    return List.of("--dynamodb-endpoint", Dynalite.endpoint());
  }

  @Override
  SigV4RequestCustomizer newSigner() {
    return null;
  }
}
