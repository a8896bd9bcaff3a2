package dev.mcplambda.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcplambda.json.Json;
import dev.mcplambda.local.LocalServer;
import dev.mcplambda.local.LocalServerOptions;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Server-to-client notifications with the official SDK client, over the legacy SSE stream and
 * Streamable HTTP (the POST's response stream and the session's GET stream): log messages and
 * progress from a streaming tool function, {@code notifications/tools/list_changed} after a
 * registry write, and {@code notifications/resources/updated} for a subscribed resource.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SdkClientNotificationsIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private LocalServer server;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  private final BlockingQueue<McpSchema.LoggingMessageNotification> logs =
      new LinkedBlockingQueue<>();
  private final BlockingQueue<McpSchema.ProgressNotification> progress =
      new LinkedBlockingQueue<>();
  private final BlockingQueue<List<McpSchema.Tool>> toolLists = new LinkedBlockingQueue<>();
  private final BlockingQueue<List<McpSchema.ResourceContents>> updates =
      new LinkedBlockingQueue<>();

  @BeforeAll
  void startServer() throws Exception {
    server =
        LocalServer.start(
            new LocalServerOptions(
                "127.0.0.1",
                0,
                0,
                0,
                null,
                null,
                null,
                LocalServerOptions.AuthMode.NONE,
                null,
                true,
                30,
                LocalServerOptions.DEFAULT_MAX_BODY_BYTES,
                false),
            Map.of());
  }

  @AfterAll
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"/sse", "/mcp"})
  void aStreamingToolsLogMessagesAndProgressReachTheClient(String endpoint) throws Exception {
    // given
    McpSyncClient client = client(endpoint);
    try {
      client.initialize();
      client.setLoggingLevel(McpSchema.LoggingLevel.INFO);
      logs.clear();
      progress.clear();

      // when
      McpSchema.CallToolResult logged =
          client.callTool(new McpSchema.CallToolRequest("test_tool_with_logging", Map.of()));
      McpSchema.CallToolResult reported =
          client.callTool(
              new McpSchema.CallToolRequest(
                  "test_tool_with_progress", Map.of(), Map.of("progressToken", "p-" + endpoint)));

      // then
      assertThat(logged.content())
          .containsExactly(new McpSchema.TextContent("Tool with logging executed successfully"));
      assertThat(reported.content())
          .containsExactly(new McpSchema.TextContent("Tool with progress executed successfully"));
      assertThat(take(logs, 3))
          .extracting(McpSchema.LoggingMessageNotification::data)
          .containsExactly(
              "Tool execution started", "Tool processing data", "Tool execution completed");
      List<McpSchema.ProgressNotification> reports = take(progress, 3);
      assertThat(reports)
          .extracting(McpSchema.ProgressNotification::progress)
          .containsExactly(0.0, 50.0, 100.0);
      assertThat(reports)
          .allSatisfy(
              p -> {
                assertThat(p.progressToken()).isEqualTo("p-" + endpoint);
                assertThat(p.total()).isEqualTo(100.0);
              });
    } finally {
      client.closeGracefully();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"/sse", "/mcp"})
  void aRegistryWriteNotifiesListChangesAndSubscribedResourceUpdates(String endpoint)
      throws Exception {
    // given: a client with an open stream, subscribed to a resource
    McpSyncClient client = client(endpoint);
    try {
      client.initialize();
      boolean markerBefore = hasMarker(ExampleCatalogEndToEnd.allTools(client));
      client.subscribeResource(new McpSchema.SubscribeRequest("test://watched-resource"));
      toolLists.clear();
      updates.clear();

      // when: a tool toggles a marker tool through /register, and an operator changes the
      // subscribed resource's entry
      McpSchema.CallToolResult trigger =
          client.callTool(new McpSchema.CallToolRequest("test_trigger_tool_change", Map.of()));
      rewriteEntry("resource-watched-resource", e -> withDescription(e, "changed by " + endpoint));

      // then: the SDK re-listed the tools on list_changed and re-read the updated resource
      assertThat(trigger.isError()).as("%s", trigger).isNotEqualTo(Boolean.TRUE);
      List<McpSchema.Tool> relisted = poll(toolLists);
      assertThat(hasMarker(relisted)).isEqualTo(!markerBefore);
      List<McpSchema.ResourceContents> updated = poll(updates);
      assertThat(updated)
          .singleElement()
          .isEqualTo(
              new McpSchema.TextResourceContents(
                  "test://watched-resource", "text/plain", "Watched resource content."));
    } finally {
      client.closeGracefully();
    }
  }

  private McpSyncClient client(String endpoint) {
    String base = server.mcpUrl().toString();
    McpClientTransport transport =
        endpoint.equals("/sse")
            ? HttpClientSseClientTransport.builder(base).sseEndpoint("/sse").build()
            : HttpClientStreamableHttpTransport.builder(base).endpoint("/mcp").build();
    return McpClient.sync(transport)
        .requestTimeout(TIMEOUT)
        .initializationTimeout(TIMEOUT)
        .clientInfo(new McpSchema.Implementation("mcp-lambda-e2e", "1.0.0"))
        .loggingConsumer(logs::add)
        .progressConsumer(progress::add)
        .toolsChangeConsumer(toolLists::add)
        .resourcesUpdateConsumer(updates::add)
        .build();
  }

  private static boolean hasMarker(List<McpSchema.Tool> tools) {
    return tools.stream().anyMatch(t -> t.name().equals("test_trigger_marker_tool"));
  }

  /** GET, change and PUT back an entry through the (unauthenticated) admin plane. */
  private void rewriteEntry(String id, UnaryOperator<Map<String, Object>> change) throws Exception {
    URI uri = URI.create(server.adminUrl() + "/register/" + id);
    HttpResponse<String> got =
        http.send(
            HttpRequest.newBuilder(uri).timeout(TIMEOUT).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(got.statusCode()).as(got.body()).isEqualTo(200);
    @SuppressWarnings("unchecked")
    Map<String, Object> entry = Json.mapper().readValue(got.body(), Map.class);
    HttpResponse<String> put =
        http.send(
            HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(Json.write(change.apply(entry))))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
  }

  private static Map<String, Object> withDescription(Map<String, Object> entry, String text) {
    Map<String, Object> changed = new java.util.LinkedHashMap<>(entry);
    changed.put("description", text);
    return changed;
  }

  private static <T> T poll(BlockingQueue<T> queue) throws InterruptedException {
    T item = queue.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertThat(item).as("a notification arrived within %s", TIMEOUT).isNotNull();
    return item;
  }

  private static <T> List<T> take(BlockingQueue<T> queue, int n) throws InterruptedException {
    List<T> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      items.add(poll(queue));
    }
    return items;
  }
}
