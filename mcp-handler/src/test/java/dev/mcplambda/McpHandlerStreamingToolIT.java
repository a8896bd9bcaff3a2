package dev.mcplambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mcplambda.config.Environment;
import dev.mcplambda.http.FunctionUrlRequest;
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
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * A streaming tool ({@code invokeMode: "stream"}) through each era's transport: {@link McpHandler}
 * with the real dispatcher and invoker against a fake {@code InvokeWithResponseStream} endpoint.
 * Progress and log notifications come before the result on the POST's SSE response (2026-07-28,
 * 2025 Streamable HTTP) or on the session's stream (2024-11-05 legacy SSE).
 */
class McpHandlerStreamingToolIT {

  static final String ALICE = "arn:aws:iam::111122223333:user/alice";
  static final String FN = "arn:aws:lambda:us-east-1:111122223333:function:";

  private HttpServer lambda;
  private LambdaClient client;
  private McpHandler handler;
  private InMemorySessionStore sessions;

  @BeforeEach
  void start() throws IOException {
    lambda = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    lambda.createContext("/2021-11-15/functions/", McpHandlerStreamingToolIT::stream);
    lambda.start();
    client =
        LambdaClient.builder()
            .region(Region.US_EAST_1)
            .endpointOverride(URI.create("http://127.0.0.1:" + lambda.getAddress().getPort()))
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "s")))
            .build();
    InMemoryRegistryStore registry = new InMemoryRegistryStore();
    registry.create(
        RegistryEntry.builder(EntryType.TOOL, "report")
            .id("tool-report")
            .description("reports progress")
            .lambdaArn(FN + "report")
            .invokeMode(RegistryEntry.INVOKE_STREAM)
            .build());
    sessions = new InMemorySessionStore();
    handler =
        new McpHandler(
            McpWiring.of(
                registry,
                sessions,
                client,
                new Environment(Map.of(Environment.STATE_SECRET, "it-secret")),
                Clock.systemUTC()));
  }

  @AfterEach
  void stop() {
    client.close();
    lambda.stop(0);
  }

  /** The function: one progress, one info log, the result, each in its own PayloadChunk. */
  private static void stream(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    exchange.getResponseHeaders().set("Content-Type", "application/vnd.amazon.eventstream");
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out = exchange.getResponseBody()) {
      for (String line :
          new String[] {
            "{\"type\":\"progress\",\"progress\":1,\"total\":2,\"message\":\"half\"}\n",
            "{\"type\":\"log\",\"level\":\"info\",\"logger\":\"report\",\"data\":\"working\"}\n",
            "{\"type\":\"result\",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"done\"}]}}\n"
          }) {
        frame("PayloadChunk", "application/octet-stream", line).encode(out);
        out.flush();
      }
      frame("InvokeComplete", "application/json", "{}").encode(out);
    }
  }

  private static Message frame(String eventType, String contentType, String payload) {
    Map<String, HeaderValue> headers = new LinkedHashMap<>();
    headers.put(":event-type", HeaderValue.fromString(eventType));
    headers.put(":content-type", HeaderValue.fromString(contentType));
    headers.put(":message-type", HeaderValue.fromString("event"));
    return new Message(headers, payload.getBytes(StandardCharsets.UTF_8));
  }

  private BufferedResponseStream send(FunctionUrlRequest request) throws IOException {
    BufferedResponseStream out = new BufferedResponseStream();
    handler.handle(request, out, invocation());
    return out;
  }

  private static InvocationContext invocation() {
    return new InvocationContext(
        "it-req", System.currentTimeMillis() + 60_000, "arn:aws:lambda:it", null);
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

  /** The order of the three messages in an SSE body (or session stream). */
  private static void assertProgressThenLogThenResult(String sse, String token) {
    int progress =
        sse.indexOf(
            "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":\""
                + token
                + "\",\"progress\":1,\"total\":2,\"message\":\"half\"}}");
    int log =
        sse.indexOf(
            "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"level\":\"info\","
                + "\"logger\":\"report\",\"data\":\"working\"}}");
    int result = sse.indexOf("\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"done\"}]");
    assertThat(progress).as(sse).isNotNegative();
    assertThat(log).as(sse).isGreaterThan(progress);
    assertThat(result).as(sse).isGreaterThan(log);
  }

  @Test
  void stateless2026PostBecomesAnSseStreamWithTheNotificationsBeforeTheResult() throws Exception {
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"report\","
            + "\"arguments\":{},\"_meta\":{\"progressToken\":\"t-26\","
            + "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
            + "\"io.modelcontextprotocol/clientCapabilities\":{},"
            + "\"io.modelcontextprotocol/logLevel\":\"info\"}}}";
    BufferedResponseStream out =
        send(
            event(
                "POST",
                "/mcp",
                Map.of(
                    "accept", "application/json, text/event-stream",
                    "mcp-protocol-version", "2026-07-28",
                    "mcp-method", "tools/call",
                    "mcp-name", "report"),
                null,
                body));
    assertThat(out.status()).isEqualTo(200);
    assertThat(out.header("Content-Type")).startsWith("text/event-stream");
    assertProgressThenLogThenResult(out.bodyText(), "t-26");
  }

  @Test
  void streamableHttp2025SessionGetsNotificationsAtTheLevelItSet() throws Exception {
    BufferedResponseStream init =
        send(
            event(
                "POST",
                "/mcp",
                Map.of("accept", "application/json, text/event-stream"),
                null,
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
                    + "\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
                    + "\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}"));
    Map<String, String> headers =
        Map.of(
            "accept", "application/json, text/event-stream",
            "mcp-session-id", init.header("Mcp-Session-Id"),
            "mcp-protocol-version", "2025-11-25");
    send(
        event(
            "POST",
            "/mcp",
            headers,
            null,
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"logging/setLevel\","
                + "\"params\":{\"level\":\"debug\"}}"));

    BufferedResponseStream out =
        send(
            event(
                "POST",
                "/mcp",
                headers,
                null,
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{"
                    + "\"name\":\"report\",\"arguments\":{},\"_meta\":{\"progressToken\":\"t-25\"}}}"));

    assertThat(out.status()).isEqualTo(200);
    assertThat(out.header("Content-Type")).startsWith("text/event-stream");
    assertProgressThenLogThenResult(out.bodyText(), "t-25");
  }

  @Test
  void legacySseSessionStreamCarriesTheNotificationsBeforeTheResult() throws Exception {
    BufferedResponseStream stream = new BufferedResponseStream();
    CompletableFuture<Void> streaming =
        CompletableFuture.runAsync(
            () -> {
              try {
                handler.handle(
                    event("GET", "/sse", Map.of("accept", "text/event-stream"), null, null),
                    stream,
                    invocation());
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    assertThat(stream.awaitBodyContaining("\n\n", 10_000)).isTrue();
    String first = stream.bodyText();
    String marker = "data: /message?sessionId=";
    String session =
        first.substring(first.indexOf(marker) + marker.length(), first.indexOf("\n\n"));
    Map<String, String> query = Map.of("sessionId", session);
    send(
        event(
            "POST",
            "/message",
            Map.of(),
            query,
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"logging/setLevel\","
                + "\"params\":{\"level\":\"info\"}}"));

    BufferedResponseStream post =
        send(
            event(
                "POST",
                "/message",
                Map.of(),
                query,
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{"
                    + "\"name\":\"report\",\"arguments\":{},\"_meta\":{\"progressToken\":\"t-24\"}}}"));
    assertThat(stream.awaitBodyContaining("\"id\":2", 10_000)).isTrue();
    sessions.delete(session);
    streaming.get(10, TimeUnit.SECONDS);

    assertThat(post.status()).isEqualTo(202);
    String body = stream.bodyText();
    // 2024-11-05 progress has no message field
    assertThat(body).doesNotContain("\"message\":\"half\"");
    int progress =
        body.indexOf(
            "\"method\":\"notifications/progress\",\"params\":{\"progressToken\":\"t-24\","
                + "\"progress\":1,\"total\":2}");
    int log = body.indexOf("\"method\":\"notifications/message\"");
    int result = body.indexOf("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":");
    assertThat(progress).as(body).isNotNegative();
    assertThat(log).as(body).isGreaterThan(progress);
    assertThat(result).as(body).isGreaterThan(log);
  }
}
