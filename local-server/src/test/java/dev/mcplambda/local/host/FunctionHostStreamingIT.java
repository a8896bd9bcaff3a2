package dev.mcplambda.local.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.mcplambda.examples.ToolEvents;
import dev.mcplambda.examples.catalog.ExampleCatalog;
import dev.mcplambda.invoke.InvocationOutcome;
import dev.mcplambda.invoke.LambdaFunctionInvoker;
import dev.mcplambda.invoke.ToolEvent;
import dev.mcplambda.invoke.ToolEventListener;
import dev.mcplambda.json.Json;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The function host's {@code InvokeWithResponseStream} against the orchestrator's real {@link
 * LambdaFunctionInvoker}: frames per flush, events before the function ends, errors.
 */
class FunctionHostStreamingIT {

  /** Hang guard only; never decides pass or fail. */
  private static final long HANG_GUARD_SECONDS = 30;

  /** Reports progress, then waits until the orchestrator has seen it, then returns. */
  public static final class GatedStreamHandler implements RequestStreamHandler {
    static final CountDownLatch SEEN = new CountDownLatch(1);
    static final List<Boolean> SEEN_BEFORE_RESULT = new CopyOnWriteArrayList<>();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
      ToolEvents events = ToolEvents.of(output);
      events.progress(1, 2, "first");
      try {
        SEEN_BEFORE_RESULT.add(SEEN.await(HANG_GUARD_SECONDS, TimeUnit.SECONDS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      events.log("info", Map.of("name", context.getFunctionName()));
      events.result(Map.of("content", List.of(Map.of("type", "text", "text", "done"))));
    }
  }

  /** Writes an event, then fails. */
  public static final class FailingStreamHandler implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
      ToolEvents.of(output).progress(1);
      throw new IllegalStateException("disk full");
    }
  }

  private static FunctionHost host;
  private static LambdaClient lambda;
  private static LambdaFunctionInvoker invoker;

  @BeforeAll
  static void start() throws Exception {
    ClassLoader loader = FunctionHostStreamingIT.class.getClassLoader();
    FunctionDirectory directory =
        FunctionDirectory.of(ExampleCatalog.all())
            .add(new HostedFunction("gated", GatedStreamHandler.class.getName(), loader))
            .add(new HostedFunction("failing", FailingStreamHandler.class.getName(), loader))
            .add(
                new HostedFunction(
                    "blocking", FunctionHostTest.BlockingHandler.class.getName(), loader));
    host = new FunctionHost(directory, Duration.ofSeconds(2), "us-east-1", "000000000000");
    URI endpoint = host.start("127.0.0.1", 0);
    lambda =
        LambdaClient.builder()
            .region(Region.US_EAST_1)
            .endpointOverride(endpoint)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build();
    invoker = new LambdaFunctionInvoker(lambda, Duration.ofSeconds(HANG_GUARD_SECONDS));
  }

  @AfterAll
  static void stop() {
    lambda.close();
    host.close();
  }

  @Test
  void eachFlushReachesTheOrchestratorWhileTheFunctionStillRuns() {
    // given
    List<ToolEvent> events = new ArrayList<>();

    // when
    InvocationOutcome outcome =
        invoker.invokeStreaming(
            host.arnOf("gated"),
            Json.object(),
            null,
            e -> {
              events.add(e);
              GatedStreamHandler.SEEN.countDown();
            });

    // then the function saw the orchestrator receive its first event before it went on
    assertThat(GatedStreamHandler.SEEN_BEFORE_RESULT).containsExactly(true);
    assertThat(events)
        .containsExactly(
            new ToolEvent.Progress(1, 2.0, "first"),
            new ToolEvent.Log("info", null, Json.object().put("name", "gated")));
    assertThat(outcome).isInstanceOf(InvocationOutcome.Success.class);
    assertThat(((InvocationOutcome.Success) outcome).payload().at("/content/0/text").asText())
        .isEqualTo("done");
  }

  @Test
  void theProgressFixtureStreamsThreeIncreasingEvents() {
    List<ToolEvent> events = new ArrayList<>();
    InvocationOutcome outcome =
        invoker.invokeStreaming(
            host.arnOf("test_tool_with_progress"), Json.object(), null, events::add);
    assertThat(events)
        .containsExactly(
            new ToolEvent.Progress(0, 100.0, null),
            new ToolEvent.Progress(50, 100.0, null),
            new ToolEvent.Progress(100, 100.0, null));
    assertThat(outcome).isInstanceOf(InvocationOutcome.Success.class);
  }

  @Test
  void aBufferedFunctionAnswersInOneChunk() {
    InvocationOutcome outcome =
        invoker.invokeStreaming(
            host.arnOf("test_simple_text"), Json.object(), null, ToolEventListener.IGNORE);
    assertThat(((InvocationOutcome.Success) outcome).payload().at("/content/0/text").asText())
        .isEqualTo("This is a simple text response for testing.");
  }

  @Test
  void failuresTimeoutsAndUnknownFunctionsAreOutcomes() {
    List<ToolEvent> events = new ArrayList<>();
    assertThat(invoker.invokeStreaming(host.arnOf("failing"), Json.object(), null, events::add))
        .isEqualTo(
            new InvocationOutcome.FunctionError("java.lang.IllegalStateException", "disk full"));
    assertThat(events).containsExactly(new ToolEvent.Progress(1, null, null));
    assertThat(
            invoker.invokeStreaming(
                host.arnOf("test_error_handling"), Json.object(), null, ToolEventListener.IGNORE))
        .isInstanceOf(InvocationOutcome.FunctionError.class);
    assertThat(
            invoker.invokeStreaming(
                host.arnOf("blocking"), Json.object(), null, ToolEventListener.IGNORE))
        .isEqualTo(new InvocationOutcome.Timeout("the function timed out"));
    assertThat(
            invoker.invokeStreaming(
                host.arnOf("nope"), Json.object(), null, ToolEventListener.IGNORE))
        .isEqualTo(new InvocationOutcome.Unavailable("function not found"));
  }
}
