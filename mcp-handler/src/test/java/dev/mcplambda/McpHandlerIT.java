package dev.mcplambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mcplambda.config.Environment;
import dev.mcplambda.http.FunctionUrlRequest;
import dev.mcplambda.invoke.LambdaFunctionInvoker;
import dev.mcplambda.json.Json;
import dev.mcplambda.protocol.ProtocolDispatcher;
import dev.mcplambda.registry.EntryType;
import dev.mcplambda.registry.RegistryEntry;
import dev.mcplambda.runtime.BufferedResponseStream;
import dev.mcplambda.runtime.InvocationContext;
import dev.mcplambda.store.memory.InMemoryRegistryStore;
import dev.mcplambda.store.memory.InMemorySessionStore;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Full tool calls through each transport: {@link McpHandler} (the local server's constructor) with
 * the real {@link ProtocolDispatcher} and {@link LambdaFunctionInvoker} ({@link LambdaClient})
 * against a fake Lambda endpoint speaking the Invoke REST API ({@code POST
 * /2015-03-31/functions/{name}/invocations}), so the SDK's real serialization is exercised.
 */
class McpHandlerIT {

  static final String ALICE = "arn:aws:iam::111122223333:user/alice";
  static final String FN = "arn:aws:lambda:us-east-1:111122223333:function:";
  static final String META =
      "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
          + "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"it\",\"version\":\"1\"},"
          + "\"io.modelcontextprotocol/clientCapabilities\":{\"elicitation\":{}}}";

  private HttpServer lambda;
  private ExecutorService executor;
  private LambdaClient client;
  private final List<JsonNode> events = new CopyOnWriteArrayList<>();
  private McpHandler handler;
  private InMemorySessionStore sessions;

  @BeforeEach
  void start() throws IOException {
    lambda = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    executor = Executors.newCachedThreadPool();
    lambda.setExecutor(executor);
    lambda.createContext("/2015-03-31/functions/", this::invoke);
    lambda.start();
    client =
        LambdaFunctionInvoker.configure(
                LambdaClient.builder()
                    .region(Region.US_EAST_1)
                    .endpointOverride(
                        URI.create("http://127.0.0.1:" + lambda.getAddress().getPort()))
                    .credentialsProvider(
                        StaticCredentialsProvider.create(
                            AwsBasicCredentials.create("AKIDEXAMPLE", "secret"))),
                Duration.ofMillis(700))
            .build();
    InMemoryRegistryStore registry = new InMemoryRegistryStore();
    for (String name : List.of("echo", "failing", "slow", "ask")) {
      registry.create(
          RegistryEntry.builder(EntryType.TOOL, name)
              .id("tool-" + name)
              .description("IT tool " + name)
              .lambdaArn(FN + name)
              .build());
    }
    registry.create(
        RegistryEntry.builder(EntryType.TOOL, "regional")
            .id("tool-regional")
            .description("Mirrors region into a header")
            .lambdaArn(FN + "echo")
            .inputSchema(
                Json.readTree(
                    "{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\","
                        + "\"x-mcp-header\":\"Text\"}}}"))
            .build());
    sessions = new InMemorySessionStore();
    // the local server's constructor: real dispatcher and invoker on the given LambdaClient
    handler =
        new McpHandler(
            McpWiring.of(
                registry,
                sessions,
                client,
                new Environment(
                    Map.of(
                        Environment.STATE_SECRET, "it-secret",
                        Environment.STREAM_DEADLINE_MARGIN_SECONDS, "0")),
                Clock.systemUTC()));
  }

  @AfterEach
  void stop() {
    client.close();
    lambda.stop(0);
    executor.shutdownNow();
  }

  /** The fake Lambda: echo, a failing function, a slow one, and an MRTR one. */
  private void invoke(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    String name =
        URLDecoder.decode(
            path.substring("/2015-03-31/functions/".length(), path.lastIndexOf("/invocations")),
            StandardCharsets.UTF_8);
    JsonNode event = Json.mapper().readTree(exchange.getRequestBody().readAllBytes());
    events.add(event);
    switch (name.substring(name.lastIndexOf(':') + 1)) {
      case "echo" ->
          respond(exchange, Map.of(), "{\"echoed\":" + event.path("args").path("text") + "}");
      case "failing" ->
          respond(
              exchange,
              Map.of("X-Amz-Function-Error", "Unhandled"),
              "{\"errorMessage\":\"boom\",\"errorType\":\"java.lang.IllegalStateException\","
                  + "\"stackTrace\":[\"com.example.Handler.handle(Handler.java:42)\"]}");
      case "slow" -> {
        try {
          Thread.sleep(3000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        respond(exchange, Map.of(), "{}");
      }
      case "ask" -> {
        JsonNode extra = event.path("extra");
        if (!extra.has("requestState")) {
          respond(
              exchange,
              Map.of(),
              "{\"resultType\":\"input_required\",\"inputRequests\":{\"name\":{"
                  + "\"method\":\"elicitation/create\",\"params\":{\"mode\":\"form\","
                  + "\"message\":\"Your name?\",\"requestedSchema\":{\"type\":\"object\","
                  + "\"properties\":{\"name\":{\"type\":\"string\"}}}}}},"
                  + "\"requestState\":\"step-1\"}");
        } else {
          respond(
              exchange,
              Map.of(),
              "{\"content\":[{\"type\":\"text\",\"text\":\"hello "
                  + extra.path("inputResponses").path("name").path("content").path("name").asText()
                  + " at "
                  + extra.path("requestState").asText()
                  + "\"}]}");
        }
      }
      default -> respond(exchange, Map.of(), "{}");
    }
  }

  private static void respond(HttpExchange exchange, Map<String, String> headers, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  // ---- requests ----

  private BufferedResponseStream send(FunctionUrlRequest request, long streamMillis)
      throws IOException {
    BufferedResponseStream out = new BufferedResponseStream();
    handler.handle(request, out, invocation(streamMillis));
    return out;
  }

  private static InvocationContext invocation(long streamMillis) {
    return new InvocationContext(
        "it-req", System.currentTimeMillis() + streamMillis, "arn:aws:lambda:it", null);
  }

  private static FunctionUrlRequest event(
      String method,
      String path,
      Map<String, String> headers,
      Map<String, String> query,
      String body) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    if (body != null) {
      h.put("content-type", "application/json");
    }
    return new FunctionUrlRequest(
        "2.0",
        "$default",
        path,
        null,
        null,
        h,
        query,
        new FunctionUrlRequest.RequestContext(
            "111122223333",
            "it",
            "it.lambda-url.us-east-1.on.aws",
            "it",
            "it-req",
            "$default",
            "$default",
            null,
            null,
            new FunctionUrlRequest.Http(method, path, "HTTP/1.1", "127.0.0.1", "it"),
            new FunctionUrlRequest.Authorizer(
                new FunctionUrlRequest.Iam(null, "111122223333", null, null, null, ALICE, null))),
        body,
        false);
  }

  private JsonNode modernCall(int id, String tool, String argsAndMore) throws IOException {
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":"
            + id
            + ",\"method\":\"tools/call\",\"params\":{\"name\":\""
            + tool
            + "\","
            + argsAndMore
            + ","
            + META
            + "}}";
    BufferedResponseStream out =
        send(
            event(
                "POST",
                "/mcp",
                Map.of(
                    "accept", "application/json, text/event-stream",
                    "mcp-protocol-version", "2026-07-28",
                    "mcp-method", "tools/call",
                    "mcp-name", tool),
                null,
                body),
            60_000);
    assertThat(out.status()).as(out.bodyText()).isEqualTo(200);
    assertThat(out.header("Content-Type")).isEqualTo("application/json");
    return Json.readTree(out.bodyText());
  }

  // ---- tests ----

  @Test
  void statelessToolCallReachesTheFunctionAndReturnsItsResult() throws Exception {
    // when
    JsonNode response = modernCall(1, "echo", "\"arguments\":{\"text\":\"hi\"}");

    // then
    JsonNode result = response.path("result");
    assertThat(result.path("isError").asBoolean(false)).isFalse();
    assertThat(result.path("resultType").asText()).isEqualTo("complete");
    assertThat(result.path("structuredContent").path("echoed").asText()).isEqualTo("hi");
    JsonNode event = events.get(0);
    assertThat(event.path("args").path("text").asText()).isEqualTo("hi");
    assertThat(event.path("extra").toString()).contains(ALICE);
  }

  @Test
  void mcpParamHeadersFollowTheRegisteredSchemasXMcpHeader() throws Exception {
    // given
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{"
            + "\"name\":\"regional\",\"arguments\":{\"text\":\"héllo\"},"
            + META
            + "}}";
    Map<String, String> headers =
        Map.of(
            "accept", "application/json, text/event-stream",
            "mcp-protocol-version", "2026-07-28",
            "mcp-method", "tools/call",
            "mcp-name", "regional");

    // when
    BufferedResponseStream missing = send(event("POST", "/mcp", headers, null, body), 60_000);
    Map<String, String> withParam = new LinkedHashMap<>(headers);
    withParam.put("mcp-param-text", "=?base64?aMOpbGxv?=");
    BufferedResponseStream ok = send(event("POST", "/mcp", withParam, null, body), 60_000);

    // then
    assertThat(missing.status()).isEqualTo(400);
    assertThat(Json.readTree(missing.bodyText()).path("error").path("code").asInt())
        .isEqualTo(-32020);
    assertThat(ok.status()).as(ok.bodyText()).isEqualTo(200);
    assertThat(
            Json.readTree(ok.bodyText())
                .path("result")
                .path("structuredContent")
                .path("echoed")
                .asText())
        .isEqualTo("héllo");
  }

  @Test
  void aFunctionErrorIsAToolErrorNotATransportFailure() throws Exception {
    // when
    JsonNode response = modernCall(2, "failing", "\"arguments\":{}");

    // then
    JsonNode result = response.path("result");
    assertThat(result.path("isError").asBoolean()).isTrue();
    assertThat(result.toString()).contains("boom").doesNotContain("Handler.java");
  }

  @Test
  void aTimedOutFunctionIsAToolError() throws Exception {
    // when (the client-side timeout is 700 ms, the function takes 3 s)
    JsonNode response = modernCall(3, "slow", "\"arguments\":{}");

    // then
    JsonNode result = response.path("result");
    assertThat(result.path("isError").asBoolean()).isTrue();
    assertThat(result.toString()).containsIgnoringCase("time");
  }

  @Test
  void inputRequiredRoundTripHandsResponsesAndStateBackToTheFunction() throws Exception {
    // when: first round
    JsonNode first = modernCall(4, "ask", "\"arguments\":{}").path("result");

    // then
    assertThat(first.path("resultType").asText()).isEqualTo("input_required");
    assertThat(first.path("inputRequests").path("name").path("method").asText())
        .isEqualTo("elicitation/create");
    String state = first.path("requestState").asText();
    assertThat(state).isNotEmpty().isNotEqualTo("step-1"); // sealed by the server

    // when: the retry with the user's answer and the state
    JsonNode second =
        modernCall(
                5,
                "ask",
                "\"arguments\":{},\"inputResponses\":{\"name\":{\"action\":\"accept\","
                    + "\"content\":{\"name\":\"Ada\"}}},\"requestState\":\""
                    + state
                    + "\"")
            .path("result");

    // then the function saw its own state and the answer
    assertThat(second.path("resultType").asText()).isEqualTo("complete");
    assertThat(second.path("content").get(0).path("text").asText())
        .isEqualTo("hello Ada at step-1");
    JsonNode retryEvent = events.get(events.size() - 1);
    assertThat(retryEvent.path("extra").path("requestState").asText()).isEqualTo("step-1");
  }

  @Test
  void streamableHttpSessionToolCall() throws Exception {
    // given an initialized session
    BufferedResponseStream init =
        send(
            event(
                "POST",
                "/mcp",
                Map.of("accept", "application/json, text/event-stream"),
                null,
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
                    + "\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
                    + "\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}"),
            60_000);
    assertThat(init.status()).isEqualTo(200);
    String session = init.header("Mcp-Session-Id");
    assertThat(session).hasSize(22);
    assertThat(Json.readTree(init.bodyText()).path("result").path("protocolVersion").asText())
        .isEqualTo("2025-11-25");
    Map<String, String> headers =
        Map.of(
            "accept", "application/json, text/event-stream",
            "mcp-session-id", session,
            "mcp-protocol-version", "2025-11-25");
    assertThat(
            send(
                    event(
                        "POST",
                        "/mcp",
                        headers,
                        null,
                        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"),
                    60_000)
                .status())
        .isEqualTo(202);

    // when
    BufferedResponseStream call =
        send(
            event(
                "POST",
                "/mcp",
                headers,
                null,
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{"
                    + "\"name\":\"failing\",\"arguments\":{}}}"),
            60_000);
    BufferedResponseStream echo =
        send(
            event(
                "POST",
                "/mcp",
                headers,
                null,
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{"
                    + "\"name\":\"echo\",\"arguments\":{\"text\":\"yo\"}}}"),
            60_000);

    // then
    assertThat(call.status()).isEqualTo(200);
    assertThat(Json.readTree(call.bodyText()).path("result").path("isError").asBoolean()).isTrue();
    assertThat(
            Json.readTree(echo.bodyText())
                .path("result")
                .path("structuredContent")
                .path("echoed")
                .asText())
        .isEqualTo("yo");
    BufferedResponseStream deleted =
        send(event("DELETE", "/mcp", Map.of("mcp-session-id", session), null, null), 60_000);
    assertThat(deleted.status()).isEqualTo(204);
  }

  @Test
  void legacySseToolCall() throws Exception {
    // given an open legacy stream
    BufferedResponseStream stream = new BufferedResponseStream();
    CompletableFuture<Void> streaming =
        CompletableFuture.runAsync(
            () -> {
              try {
                handler.handle(
                    event("GET", "/sse", Map.of("accept", "text/event-stream"), null, null),
                    stream,
                    invocation(60_000));
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    assertThat(stream.awaitBodyContaining("\n\n", 10_000)).isTrue();
    String first = stream.bodyText();
    assertThat(first).startsWith("event: endpoint\nid: ");
    String marker = "data: /message?sessionId=";
    String session =
        first.substring(first.indexOf(marker) + marker.length(), first.indexOf("\n\n"));

    // when: the seed's shorthand (method = tool name) and a regular tools/call
    BufferedResponseStream shorthand =
        send(
            event(
                "POST",
                "/message",
                Map.of(),
                Map.of("sessionId", session),
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":{\"text\":\"seed\"}}"),
            60_000);
    BufferedResponseStream call =
        send(
            event(
                "POST",
                "/message",
                Map.of(),
                Map.of("sessionId", session),
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{"
                    + "\"name\":\"failing\",\"arguments\":{}}}"),
            60_000);
    assertThat(stream.awaitBodyContaining("\"id\":2", 10_000)).isTrue();
    sessions.delete(session); // ends the stream (as the session's expiry would)
    streaming.get(10, TimeUnit.SECONDS);

    // then
    assertThat(shorthand.status()).isEqualTo(202);
    assertThat(call.status()).isEqualTo(202);
    String body = stream.bodyText();
    assertThat(body)
        .contains(
            "event: message\nid: "
                + session
                + ":1\ndata: {\"jsonrpc\":\"2.0\",\"id\":1,\"result\":");
    assertThat(body).contains("seed");
    assertThat(body)
        .contains(
            "event: message\nid: "
                + session
                + ":2\ndata: {\"jsonrpc\":\"2.0\",\"id\":2,\"result\":");
    assertThat(body).contains("\"isError\":true");
  }
}
