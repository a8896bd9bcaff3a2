package dev.mcplambda.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mcplambda.json.Json;
import dev.mcplambda.jsonrpc.JsonRpcRequest;
import dev.mcplambda.protocol.CallContext;
import dev.mcplambda.protocol.CatalogCache;
import dev.mcplambda.protocol.DispatcherConfig;
import dev.mcplambda.protocol.Era;
import dev.mcplambda.protocol.OutboundChannel;
import dev.mcplambda.protocol.ProtocolDispatcher;
import dev.mcplambda.protocol.ServerInfo;
import dev.mcplambda.registry.EntryType;
import dev.mcplambda.registry.RegistryEntry;
import dev.mcplambda.runtime.InvocationContext;
import dev.mcplambda.schema.SchemaValidator;
import dev.mcplambda.store.memory.InMemoryRegistryStore;
import dev.mcplambda.store.memory.InMemorySessionStore;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * {@link LambdaFunctionInvoker} against a fake Lambda endpoint that speaks the Invoke REST API
 * ({@code POST /2015-03-31/functions/{name}/invocations}), so the SDK's real serialization, error
 * unmarshalling and timeouts are exercised.
 */
class LambdaFunctionInvokerIT {

  private static final String ARN = "arn:aws:lambda:us-east-1:111122223333:function:";

  record Received(String path, String invocationType, String authorization, JsonNode body) {}

  private HttpServer server;
  private ExecutorService executor;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private LambdaClient client;
  private LambdaFunctionInvoker invoker;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    executor = Executors.newCachedThreadPool();
    server.setExecutor(executor);
    server.createContext("/2015-03-31/functions/", this::handle);
    server.start();
    client =
        LambdaFunctionInvoker.configure(
                LambdaClient.builder()
                    .region(Region.US_EAST_1)
                    .endpointOverride(
                        URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                    .credentialsProvider(
                        StaticCredentialsProvider.create(
                            AwsBasicCredentials.create("AKIDEXAMPLE", "secret"))),
                Duration.ofMillis(700))
            .build();
    invoker = new LambdaFunctionInvoker(client);
  }

  @AfterEach
  void stop() {
    client.close();
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    String name =
        URLDecoder.decode(
            path.substring("/2015-03-31/functions/".length(), path.lastIndexOf("/invocations")),
            StandardCharsets.UTF_8);
    byte[] body = exchange.getRequestBody().readAllBytes();
    received.add(
        new Received(
            path,
            exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type"),
            exchange.getRequestHeaders().getFirst("Authorization"),
            Json.mapper().readTree(body)));
    String function = name.substring(name.lastIndexOf(':') + 1);
    switch (function) {
      case "echo" ->
          respond(exchange, 200, Map.of(), Json.write(Json.mapper().readTree(body).get("args")));
      case "failing" ->
          respond(
              exchange,
              200,
              Map.of("X-Amz-Function-Error", "Unhandled"),
              "{\"errorMessage\":\"boom\",\"errorType\":\"java.lang.IllegalStateException\","
                  + "\"stackTrace\":[\"com.example.Handler.handle(Handler.java:42)\"]}");
      case "sandbox-timeout" ->
          respond(
              exchange,
              200,
              Map.of("X-Amz-Function-Error", "Unhandled"),
              "{\"errorMessage\":\"Task timed out after 3.00 seconds\","
                  + "\"errorType\":\"Sandbox.Timedout\"}");
      case "throttled" ->
          respond(
              exchange,
              429,
              Map.of("x-amzn-ErrorType", "TooManyRequestsException", "Retry-After", "1"),
              "{\"Type\":\"User\",\"message\":\"Rate Exceeded.\","
                  + "\"Reason\":\"ReservedFunctionConcurrentInvocationLimitExceeded\"}");
      case "forbidden" ->
          respond(
              exchange,
              403,
              Map.of("x-amzn-ErrorType", "AccessDeniedException"),
              "{\"Message\":\"User is not authorized to perform: lambda:InvokeFunction\"}");
      case "garbled" -> respond(exchange, 200, Map.of(), "this is not json");
      case "slow" -> {
        try {
          Thread.sleep(3000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        respond(exchange, 200, Map.of(), "{}");
      }
      default ->
          respond(
              exchange,
              404,
              Map.of("x-amzn-ErrorType", "ResourceNotFoundException"),
              "{\"Type\":\"User\",\"Message\":\"Function not found: " + name + "\"}");
    }
  }

  private static void respond(
      HttpExchange exchange, int status, Map<String, String> headers, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.getResponseHeaders().set("x-amzn-RequestId", "req-123");
    headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    try {
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    } catch (IOException e) {
      // the client gave up (timeout test)
    }
  }

  private static JsonNode event(String argsJson) throws IOException {
    return FunctionEvents.tool(
        Json.readTree(argsJson),
        FunctionEvents.extra(
            "tool",
            "echo",
            "arn:aws:iam::1:user/a",
            "2025-11-25",
            "streamable-http",
            Json.nodes().numberNode(1),
            Json.object(),
            null,
            null));
  }

  @Test
  void successSendsTheEventAndReturnsThePayload() throws IOException {
    JsonNode event = event("{\"text\":\"hi\"}");

    InvocationOutcome outcome = invoker.invoke(ARN + "echo", event);

    assertThat(outcome)
        .isEqualTo(new InvocationOutcome.Success(Json.readTree("{\"text\":\"hi\"}")));
    Received r = received.get(0);
    assertThat(r.path()).endsWith("/invocations").contains("function%3Aecho");
    assertThat(r.invocationType()).isEqualTo("RequestResponse");
    assertThat(r.authorization()).startsWith("AWS4-HMAC-SHA256");
    assertThat(r.body()).isEqualTo(event);
  }

  @Test
  void unhandledFunctionErrorKeepsTypeAndMessageButNoStackTrace() throws IOException {
    InvocationOutcome outcome = invoker.invoke(ARN + "failing", event("{}"));
    assertThat(outcome)
        .isEqualTo(new InvocationOutcome.FunctionError("java.lang.IllegalStateException", "boom"));
    assertThat(outcome.toString()).doesNotContain("Handler.java");
  }

  @Test
  void sandboxTimeoutIsATimeout() throws IOException {
    assertThat(invoker.invoke(ARN + "sandbox-timeout", event("{}")))
        .isInstanceOf(InvocationOutcome.Timeout.class);
  }

  @Test
  void throttlingIsReportedWithoutRetrying() throws IOException {
    assertThat(invoker.invoke(ARN + "throttled", event("{}")))
        .isInstanceOf(InvocationOutcome.Throttled.class);
    assertThat(received).hasSize(1);
  }

  @Test
  void unknownFunctionIsUnavailable() throws IOException {
    assertThat(invoker.invoke(ARN + "missing", event("{}")))
        .isEqualTo(new InvocationOutcome.Unavailable("function not found"));
  }

  @Test
  void accessDeniedIsUnavailable() throws IOException {
    assertThat(invoker.invoke(ARN + "forbidden", event("{}")))
        .isEqualTo(new InvocationOutcome.Unavailable("not permitted to invoke the function"));
  }

  @Test
  void nonJsonOutputIsMalformed() throws IOException {
    assertThat(invoker.invoke(ARN + "garbled", event("{}")))
        .isEqualTo(new InvocationOutcome.MalformedOutput("the function's output is not JSON"));
  }

  @Test
  void aSlowFunctionTimesOutOnTheClient() throws IOException {
    assertThat(invoker.invoke(ARN + "slow", event("{}")))
        .isInstanceOf(InvocationOutcome.Timeout.class);
  }

  @Test
  void theDispatcherCallsToolsThroughTheInvokeApi() throws IOException {
    // given a registry with three tools behind the fake endpoint
    InMemoryRegistryStore registry = new InMemoryRegistryStore();
    for (String name : List.of("echo", "failing", "slow")) {
      registry.create(
          RegistryEntry.builder(EntryType.TOOL, name)
              .id("tool-" + name)
              .description(name)
              .lambdaArn(ARN + name)
              .build());
    }
    ProtocolDispatcher dispatcher =
        new ProtocolDispatcher(
            new CatalogCache(registry),
            invoker,
            new InMemorySessionStore(),
            new SchemaValidator(),
            ServerInfo.DEFAULT,
            DispatcherConfig.defaults().withStateSecret("it"));
    CallContext ctx =
        new CallContext(
            Era.STREAMABLE_HTTP,
            "2025-11-25",
            "arn:aws:iam::1:user/a",
            null,
            Json.object(),
            null,
            null,
            new InvocationContext("r", Long.MAX_VALUE, null, null));

    // when / then
    JsonNode ok = call(dispatcher, ctx, "{\"name\":\"echo\",\"arguments\":{\"text\":\"hi\"}}");
    assertThat(ok.get("structuredContent")).isEqualTo(Json.readTree("{\"text\":\"hi\"}"));
    JsonNode failed = call(dispatcher, ctx, "{\"name\":\"failing\"}");
    assertThat(failed.get("isError").asBoolean()).isTrue();
    assertThat(failed.get("content").get(0).get("text").asText())
        .isEqualTo("Tool 'failing' failed: java.lang.IllegalStateException: boom");
    JsonNode slow = call(dispatcher, ctx, "{\"name\":\"slow\"}");
    assertThat(slow.get("isError").asBoolean()).isTrue();
    assertThat(slow.get("content").get(0).get("text").asText()).startsWith("Tool 'slow' timed out");
  }

  private static JsonNode call(ProtocolDispatcher dispatcher, CallContext ctx, String params)
      throws IOException {
    return dispatcher
        .handle(
            new JsonRpcRequest(Json.nodes().numberNode(1), "tools/call", Json.readTree(params)),
            ctx,
            OutboundChannel.DISCARD)
        .result();
  }

  @Test
  void aPerCallDeadlineOverridesTheClientTimeout() throws IOException {
    // given a client that would wait long enough for the slow function to answer
    try (LambdaClient patient =
        LambdaFunctionInvoker.configure(
                LambdaClient.builder()
                    .region(Region.US_EAST_1)
                    .endpointOverride(
                        URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                    .credentialsProvider(
                        StaticCredentialsProvider.create(
                            AwsBasicCredentials.create("AKIDEXAMPLE", "secret"))),
                Duration.ofSeconds(30))
            .build()) {
      // when the caller's deadline is shorter, then it wins
      assertThat(
              new LambdaFunctionInvoker(patient)
                  .invoke(ARN + "slow", event("{}"), Duration.ofMillis(300)))
          .isInstanceOf(InvocationOutcome.Timeout.class);
    }
  }

  @Test
  void unreachableEndpointIsUnavailable() throws IOException {
    server.stop(0);
    assertThat(invoker.invoke(ARN + "echo", event("{}")))
        .isInstanceOf(InvocationOutcome.Unavailable.class);
  }
}
