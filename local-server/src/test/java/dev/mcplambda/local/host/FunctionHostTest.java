package dev.mcplambda.local.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.mcplambda.examples.catalog.ExampleCatalog;
import dev.mcplambda.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class FunctionHostTest {

  /** Never returns until interrupted (the host's timeout). */
  public static final class BlockingHandler implements RequestHandler<Map<String, Object>, String> {
    static final CountDownLatch NEVER = new CountDownLatch(1);

    @Override
    public String handleRequest(Map<String, Object> input, Context context) {
      try {
        NEVER.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return "late";
    }
  }

  /** Upper-cases the raw payload and reports its function name. */
  public static final class ShoutingStreamHandler implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context)
        throws IOException {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      out.write(("\"" + context.getFunctionName() + ":" + text.toUpperCase() + "\"").getBytes());
    }
  }

  /** A typed input, converted from JSON like the Java runtime does. */
  public record Pair(int a, int b) {}

  public static final class TypedHandler implements RequestHandler<Pair, Integer> {
    @Override
    public Integer handleRequest(Pair input, Context context) {
      return input.a() * input.b();
    }
  }

  // long enough for a first invocation's class loading on a loaded machine; the timeout case
  // waits it out once
  private static final Duration TIMEOUT = Duration.ofMillis(1_500);

  private final FunctionHost host =
      new FunctionHost(new FunctionDirectory(), TIMEOUT, "us-east-1", "000000000000");

  private static ClassLoader loader() {
    return FunctionHostTest.class.getClassLoader();
  }

  private InvocationOutcome run(String function, String payload) throws Exception {
    byte[] raw = payload.getBytes(StandardCharsets.UTF_8);
    return host.run(find(function), Json.mapper().readTree(raw), raw, "req-1");
  }

  private HostedFunction find(String name) {
    return switch (name) {
      case "blocking" -> new HostedFunction(name, BlockingHandler.class.getName(), loader());
      case "shout" -> new HostedFunction(name, ShoutingStreamHandler.class.getName(), loader());
      case "typed" -> new HostedFunction(name, TypedHandler.class.getName(), loader());
      case "missing-class" -> new HostedFunction(name, "no.such.Handler", loader());
      default -> FunctionDirectory.of(ExampleCatalog.all()).find(name);
    };
  }

  @Test
  void convertsJsonToTheHandlersMapAndBack() throws Exception {
    InvocationOutcome outcome = run("echo", "{\"args\":{\"message\":\"hi\"}}");
    assertThat(outcome).isInstanceOf(InvocationOutcome.Returned.class);
    String json =
        new String(((InvocationOutcome.Returned) outcome).payload(), StandardCharsets.UTF_8);
    assertThat(Json.readTree(json).at("/content/0/text").asText()).isEqualTo("hi");
  }

  @Test
  void convertsToATypedInput() throws Exception {
    InvocationOutcome outcome = run("typed", "{\"a\":6,\"b\":7}");
    assertThat(new String(((InvocationOutcome.Returned) outcome).payload())).isEqualTo("42");
  }

  @Test
  void passesRawBytesToAStreamHandler() throws Exception {
    InvocationOutcome outcome = run("shout", "\"abc\"");
    assertThat(new String(((InvocationOutcome.Returned) outcome).payload()))
        .isEqualTo("\"shout:\"ABC\"\"");
  }

  @Test
  void reportsAnExceptionLikeTheJavaRuntime() throws Exception {
    InvocationOutcome outcome = run("test_error_handling", "{}");
    assertThat(outcome).isInstanceOf(InvocationOutcome.Threw.class);
    InvocationOutcome.Threw threw = (InvocationOutcome.Threw) outcome;
    assertThat(threw.errorType()).isEqualTo("java.lang.IllegalStateException");
    assertThat(threw.errorMessage())
        .isEqualTo("This tool intentionally returns an error for testing");
    assertThat(threw.stackTrace()).isNotEmpty();
  }

  @Test
  void reportsAMissingHandlerClassAsAFunctionError() throws Exception {
    InvocationOutcome outcome = run("missing-class", "{}");
    assertThat(((InvocationOutcome.Threw) outcome).errorType())
        .isEqualTo("java.lang.ClassNotFoundException");
  }

  @Test
  void abandonsAnInvocationAtTheTimeout() throws Exception {
    InvocationOutcome outcome = run("blocking", "{}");
    assertThat(outcome).isEqualTo(new InvocationOutcome.TimedOut(TIMEOUT.toMillis()));
  }

  @Test
  void resolvesNamesArnsAndQualifiers() {
    assertThat(FunctionHost.functionName("echo")).isEqualTo("echo");
    assertThat(FunctionHost.functionName("echo:$LATEST")).isEqualTo("echo");
    assertThat(FunctionHost.functionName("000000000000:function:echo")).isEqualTo("echo");
    assertThat(FunctionHost.functionName("arn:aws:lambda:us-east-1:000000000000:function:echo"))
        .isEqualTo("echo");
    assertThat(
            FunctionHost.functionName("arn:aws:lambda:us-east-1:000000000000:function:echo:prod"))
        .isEqualTo("echo");
  }
}
