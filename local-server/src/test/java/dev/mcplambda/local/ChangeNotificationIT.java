package dev.mcplambda.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcplambda.McpHandler;
import dev.mcplambda.config.Environment;
import dev.mcplambda.http.FunctionUrlRequest;
import dev.mcplambda.http.FunctionUrlResponse;
import dev.mcplambda.registry.RegistryStore;
import dev.mcplambda.runtime.InvocationContext;
import dev.mcplambda.session.SessionStore;
import dev.mcplambda.store.dynamodb.DynamoDbClients;
import dev.mcplambda.store.dynamodb.DynamoDbRegistryStore;
import dev.mcplambda.store.dynamodb.DynamoDbSessionStore;
import dev.mcplambda.store.dynamodb.DynamoDbTables;
import dev.mcplambda.store.memory.InMemoryRegistryStore;
import dev.mcplambda.store.memory.InMemorySessionStore;
import dev.mcplambda.testing.Dynalite;
import dev.mcplambda.transport.BufferedResponseStream;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * A registry write through the registration handler on one store handle reaches the long-lived
 * streams an {@code McpHandler} on another handle holds — the 2025 {@code GET /mcp} stream, the
 * legacy {@code GET /sse} stream and a 2026 {@code subscriptions/listen} stream — as list-changed
 * notifications; with DynamoDB (two clients on one dynalite table, as two Lambda functions would
 * be) and with the in-memory stores of the local server.
 */
class ChangeNotificationIT {

  private static final String PRINCIPAL = "arn:aws:iam::000000000000:user/local";
  private static final String TOOL_CHANGED = "notifications/tools/list_changed";
  private static final long STREAM_MILLIS = 3_000;

  private final List<AutoCloseable> closeables = new ArrayList<>();
  private BufferedFunctionUrlHandler admin;
  private McpHandler mcp;

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : closeables) {
      c.close();
    }
  }

  private void wire(String store) {
    RegistryStore adminRegistry;
    RegistryStore mcpRegistry;
    SessionStore sessions;
    if ("dynamodb".equals(store)) {
      DynamoDbClient adminClient = DynamoDbClients.forEndpoint(Dynalite.endpoint());
      DynamoDbClient mcpClient = DynamoDbClients.forEndpoint(Dynalite.endpoint());
      closeables.add(adminClient);
      closeables.add(mcpClient);
      String registryTable = "registry-" + UUID.randomUUID();
      String sessionTable = "sessions-" + UUID.randomUUID();
      DynamoDbTables.ensureRegistryTable(adminClient, registryTable);
      DynamoDbTables.ensureSessionTable(adminClient, sessionTable);
      adminRegistry = new DynamoDbRegistryStore(adminClient, registryTable);
      mcpRegistry = new DynamoDbRegistryStore(mcpClient, registryTable);
      sessions = new DynamoDbSessionStore(mcpClient, sessionTable);
    } else {
      adminRegistry = new InMemoryRegistryStore();
      mcpRegistry = adminRegistry;
      sessions = new InMemorySessionStore();
    }
    LambdaClient lambda =
        LambdaClient.builder()
            .region(Region.US_EAST_1)
            .endpointOverride(URI.create("http://127.0.0.1:9"))
            .credentialsProvider(AnonymousCredentialsProvider.create())
            .build();
    closeables.add(lambda);
    Map<String, String> env = new HashMap<>();
    env.put(Environment.ANONYMOUS_PRINCIPAL, PRINCIPAL);
    env.put(Environment.CHANGE_POLL_MILLIS, "50");
    env.put(Environment.STREAM_DEADLINE_MARGIN_SECONDS, "0");
    env.put(Environment.SSE_HEARTBEAT_SECONDS, "1");
    admin = HandlerWiring.registrationHandler(adminRegistry);
    mcp = new McpHandler(mcpRegistry, sessions, lambda, new Environment(env), Clock.systemUTC());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"memory", "dynamodb"})
  void aRegistrationReachesA2025GetStream(String store) throws Exception {
    // given a 2025 session with an open GET stream
    wire(store);
    BufferedResponseStream init =
        send(
            "POST",
            "/mcp",
            Map.of("accept", "application/json, text/event-stream"),
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
                + "\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
                + "\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}",
            10_000);
    String session = init.header("Mcp-Session-Id");
    assertThat(session).isNotNull();
    assertThat(init.bodyText()).contains("\"listChanged\":true");

    // when a tool is registered through the admin plane while the stream is open
    String body =
        streamWhileRegistering(
            "GET",
            "/mcp",
            Map.of(
                "accept",
                "text/event-stream",
                "mcp-session-id",
                session,
                "mcp-protocol-version",
                "2025-11-25"),
            null,
            ": ping");

    // then the stream carries tools/list_changed exactly once
    assertThat(body).contains("data: {\"jsonrpc\":\"2.0\",\"method\":\"" + TOOL_CHANGED + "\"}");
    assertThat(body.indexOf(TOOL_CHANGED)).isEqualTo(body.lastIndexOf(TOOL_CHANGED));
    assertThat(body).doesNotContain("prompts/list_changed");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"memory", "dynamodb"})
  void aRegistrationReachesALegacySseStream(String store) throws Exception {
    // given
    wire(store);

    // when
    String body =
        streamWhileRegistering(
            "GET", "/sse", Map.of("accept", "text/event-stream"), null, "event: endpoint");

    // then
    assertThat(body)
        .contains(
            "event: message\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"" + TOOL_CHANGED + "\"}");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"memory", "dynamodb"})
  void aRegistrationReachesAListenStreamThatAskedForIt(String store) throws Exception {
    // given
    wire(store);
    String meta =
        "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
            + "\"io.modelcontextprotocol/clientCapabilities\":{}}";

    // when
    String body =
        streamWhileRegistering(
            "POST",
            "/mcp",
            Map.of(
                "accept",
                "application/json, text/event-stream",
                "mcp-protocol-version",
                "2026-07-28",
                "mcp-method",
                "subscriptions/listen"),
            "{\"jsonrpc\":\"2.0\",\"id\":\"sub-1\",\"method\":\"subscriptions/listen\",\"params\":{"
                + meta
                + ",\"notifications\":{\"toolsListChanged\":true,\"promptsListChanged\":true}}}",
            "acknowledged");

    // then: tagged with the subscription id, after the acknowledgement
    String change =
        "{\"jsonrpc\":\"2.0\",\"method\":\""
            + TOOL_CHANGED
            + "\",\"params\":{\"_meta\":{\"io.modelcontextprotocol/subscriptionId\":\"sub-1\"}}}";
    assertThat(body).contains(change);
    assertThat(body.indexOf("acknowledged")).isLessThan(body.indexOf(change));
    assertThat(body).doesNotContain("prompts/list_changed");
  }

  /**
   * Opens a stream, waits until {@code openedMarker} is on it, registers a tool, and returns the
   * whole stream once it ended at its deadline.
   */
  private String streamWhileRegistering(
      String method, String path, Map<String, String> headers, String body, String openedMarker)
      throws Exception {
    BufferedResponseStream out = new BufferedResponseStream();
    CompletableFuture<Void> stream =
        CompletableFuture.runAsync(
            () -> {
              try {
                mcp.handle(
                    request(method, path, headers, body),
                    out,
                    new InvocationContext(
                        "stream", System.currentTimeMillis() + STREAM_MILLIS, null, null));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    assertThat(out.awaitBodyContaining(openedMarker, 10_000)).isTrue();
    FunctionUrlResponse created =
        admin.handle(
            request(
                "POST",
                "/register",
                Map.of("content-type", "application/json"),
                "{\"type\":\"tool\",\"name\":\"added_later\",\"description\":\"Added while"
                    + " streaming\",\"lambdaArn\":\"arn:aws:lambda:us-east-1:000000000000:"
                    + "function:echo\",\"parameters\":{\"message\":\"string\"}}"));
    assertThat(created.statusCode()).isEqualTo(201);
    stream.get(STREAM_MILLIS + 10_000, TimeUnit.MILLISECONDS);
    return out.bodyText();
  }

  private BufferedResponseStream send(
      String method, String path, Map<String, String> headers, String body, long millis)
      throws Exception {
    BufferedResponseStream out = new BufferedResponseStream();
    mcp.handle(
        request(method, path, headers, body),
        out,
        new InvocationContext("r", System.currentTimeMillis() + millis, null, null));
    return out;
  }

  private static FunctionUrlRequest request(
      String method, String path, Map<String, String> headers, String body) {
    Map<String, String> h = new HashMap<>(headers);
    if (body != null) {
      h.putIfAbsent("content-type", "application/json");
    }
    h.putIfAbsent("host", "127.0.0.1");
    var http = new FunctionUrlRequest.Http(method, path, "HTTP/1.1", "127.0.0.1", "test");
    var context =
        new FunctionUrlRequest.RequestContext(
            null,
            null,
            null,
            null,
            "r",
            null,
            null,
            null,
            0L,
            http,
            // the caller the local endpoint always adds (the admin plane refuses events without)
            new FunctionUrlRequest.Authorizer(
                new FunctionUrlRequest.Iam(
                    null, null, null, null, null, CallerIdentity.LOCAL.userArn(), null)));
    return new FunctionUrlRequest("2.0", "$default", path, "", null, h, null, context, body, false);
  }
}
