package dev.mcplambda.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mcplambda.McpHandler;
import dev.mcplambda.McpWiring;
import dev.mcplambda.config.Environment;
import dev.mcplambda.http.FunctionUrlRequest;
import dev.mcplambda.store.memory.InMemoryRegistryStore;
import dev.mcplambda.store.memory.InMemorySessionStore;
import dev.mcplambda.testing.FuzzTarget;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Fuzzes the Lambda event path of the MCP plane: {@link FunctionUrlEventReader} turns any event
 * into a request, {@code null} (not an object) or an {@link IOException} (not JSON) and nothing
 * else; every request it produces is then served by a real {@link McpHandler} (in-memory stores, no
 * tools) and answered with a status below 500.
 *
 * <p>Seeds: the sample events of {@code events/} in {@code FunctionUrlEventReaderFuzzTestInputs}.
 */
class FunctionUrlEventReaderFuzzTest {

  private static final FuzzTarget TARGET = FuzzTarget.named("FunctionUrlEventReader");

  /** No tool is registered, so nothing is invoked; the client is never used. */
  private static final LambdaClient NO_LAMBDA =
      LambdaClient.builder()
          .region(Region.US_EAST_1)
          .endpointOverride(URI.create("http://127.0.0.1:9"))
          .credentialsProvider(
              StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "s")))
          .build();

  private static McpHandler handler = newHandler();
  private static long served;

  private static McpHandler newHandler() {
    return new McpHandler(
        McpWiring.of(
            new InMemoryRegistryStore(),
            new InMemorySessionStore(),
            NO_LAMBDA,
            new Environment(Map.of()),
            Clock.systemUTC()));
  }

  @FuzzTest(maxDuration = "25s")
  void everyEventIsReadOrRefusedAndNeverAnswered5xx(byte[] event) {
    TARGET.run(
        () -> {
          // given any invocation payload
          FunctionUrlRequest request;
          try {
            request = FunctionUrlEventReader.read(event);
          } catch (IOException e) {
            TARGET.outcome("not JSON");
            return null;
          }
          if (request == null) {
            TARGET.outcome("not an object");
            return null;
          }
          // when the handler serves what the reader made of it (streams end at once)
          if (++served % 2_000 == 0) {
            handler = newHandler(); // bounded memory over millions of inputs
          }
          BufferedResponseStream out = new BufferedResponseStream();
          handler.handle(
              request,
              out,
              new InvocationContext("fuzz", System.currentTimeMillis() + 50, "arn:fuzz", null));
          // then it answered, and not with a server error
          assertThat(out.started()).as("the handler started a response").isTrue();
          assertThat(out.status()).as("status for a client's request").isBetween(200, 499);
          TARGET.outcome(out.status() / 100 + "xx");
          return null;
        });
  }
}
