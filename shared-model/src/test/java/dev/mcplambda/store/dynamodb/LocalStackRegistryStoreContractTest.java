package dev.mcplambda.store.dynamodb;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The registry contract against {@link DynamoDbRegistryStore} on LocalStack in Docker, through
 * Testcontainers. Opt-in: only the Maven profile {@code localstack} runs it ({@code ./mvnw verify
 * -Plocalstack}). Without a Docker engine it fails with instructions; it never skips. The image is
 * {@value #DEFAULT_IMAGE} unless the system property {@code mcplambda.localstack.image} names
 * another one.
 */
class LocalStackRegistryStoreContractTest extends AbstractDynamoDbRegistryStoreContractTest {

  static final String DEFAULT_IMAGE = "localstack/localstack:4.4";

  private static LocalStackContainer localstack;
  private static DynamoDbClient client;

  @BeforeAll
  static void startLocalStack() {
    if (!DockerClientFactory.instance().isDockerAvailable()) {
      throw new IllegalStateException(
          "LocalStack contract tests were requested (Maven profile 'localstack') but no Docker"
              + " engine is reachable. Start Docker (or point DOCKER_HOST at one) and rerun, or run"
              + " without -Plocalstack; the default build tests the DynamoDB stores against"
              + " dynalite. These tests fail instead of skipping on purpose.");
    }
    String image = System.getProperty("mcplambda.localstack.image", DEFAULT_IMAGE);
    localstack = new LocalStackContainer(DockerImageName.parse(image)).withServices("dynamodb");
    localstack.start();
    System.out.println(
        "[contract] DynamoDbRegistryStore contract suite runs against LocalStack ("
            + image
            + ") at "
            + localstack.getEndpoint());
    client =
        DynamoDbClient.builder()
            .endpointOverride(localstack.getEndpoint())
            .region(Region.of(localstack.getRegion()))
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(
                        localstack.getAccessKey(), localstack.getSecretKey())))
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build();
  }

  @AfterAll
  static void stopLocalStack() {
    if (client != null) {
      client.close();
    }
    if (localstack != null) {
      localstack.stop();
    }
  }

  @Override
  protected DynamoDbClient client() {
    return client;
  }
}
