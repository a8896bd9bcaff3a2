package dev.mcplambda.store.dynamodb;

import dev.mcplambda.config.AwsCredentialsChoice;
import dev.mcplambda.config.Environment;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds the {@link DynamoDbClient}: URL-connection HTTP client (lean cold start), region and
 * credentials provider ({@link AwsCredentialsChoice}) from the environment, optional endpoint
 * override for dynalite / DynamoDB Local. Build one per process.
 */
public final class DynamoDbClients {

  private DynamoDbClients() {}

  /** From the environment: {@code AWS_REGION}, {@code DYNAMODB_ENDPOINT}. */
  public static DynamoDbClient fromEnvironment(Environment env) {
    Region region = Region.of(env.getOrDefault(Environment.AWS_REGION, "us-east-1"));
    var builder =
        DynamoDbClient.builder()
            .region(region)
            .credentialsProvider(AwsCredentialsChoice.fromEnvironment(env))
            .httpClientBuilder(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(2))
                    .socketTimeout(Duration.ofSeconds(10)))
            .overrideConfiguration(
                ClientOverrideConfiguration.builder()
                    .apiCallTimeout(Duration.ofSeconds(15))
                    .build());
    env.get(Environment.DYNAMODB_ENDPOINT)
        .ifPresent(
            endpoint -> {
              builder.endpointOverride(URI.create(endpoint));
              if (env.get("AWS_ACCESS_KEY_ID").isEmpty()) {
                // local DynamoDB-API servers accept any credentials
                builder.credentialsProvider(
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
              }
            });
    return builder.build();
  }

  /** For a local DynamoDB-API server (dynalite, DynamoDB Local) with dummy credentials. */
  public static DynamoDbClient forEndpoint(String endpoint) {
    return DynamoDbClient.builder()
        .region(Region.US_EAST_1)
        .endpointOverride(URI.create(endpoint))
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .build();
  }
}
