package dev.mcplambda.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcplambda.local.LocalServer;
import dev.mcplambda.local.LocalServerOptions;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Server-to-client requests with the official SDK client: a tool function that needs sampling or
 * user input gets it from the SDK's sampling and elicitation handlers, over the legacy SSE stream
 * and the Streamable HTTP response stream.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SdkClientInputRequestsIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private LocalServer server;
  private final List<McpSchema.CreateMessageRequest> samplingRequests =
      new CopyOnWriteArrayList<>();
  private final List<McpSchema.ElicitFormRequest> elicitationRequests =
      new CopyOnWriteArrayList<>();

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
  void toolsGetSamplingAndElicitationAnswersFromTheClient(String endpoint) {
    // given
    McpSyncClient client = client(endpoint);
    try {
      client.initialize();

      // when
      McpSchema.CallToolResult sampled =
          client.callTool(
              new McpSchema.CallToolRequest("test_sampling", Map.of("prompt", "What is 2+2?")));
      McpSchema.CallToolResult elicited =
          client.callTool(
              new McpSchema.CallToolRequest("test_elicitation", Map.of("message", "Who are you?")));

      // then: the client handlers were asked
      assertThat(samplingRequests)
          .last()
          .satisfies(
              r ->
                  assertThat(r.messages().getFirst().content())
                      .isEqualTo(new McpSchema.TextContent("What is 2+2?")));
      assertThat(elicitationRequests)
          .last()
          .satisfies(r -> assertThat(r.message()).isEqualTo("Who are you?"));
      // and their answers reached the tool functions
      assertThat(sampled.isError()).isNotEqualTo(Boolean.TRUE);
      assertThat(sampled.content())
          .containsExactly(new McpSchema.TextContent("LLM response: 4 (sampled by the SDK)"));
      assertThat(elicited.isError()).isNotEqualTo(Boolean.TRUE);
      assertThat(((McpSchema.TextContent) elicited.content().getFirst()).text())
          .startsWith("User response: action: accept")
          .contains("sdk-user");
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
        .capabilities(McpSchema.ClientCapabilities.builder().sampling().elicitation().build())
        .sampling(
            request -> {
              samplingRequests.add(request);
              return new McpSchema.CreateMessageResult(
                  McpSchema.Role.ASSISTANT,
                  new McpSchema.TextContent("4 (sampled by the SDK)"),
                  "e2e-model",
                  McpSchema.CreateMessageResult.StopReason.END_TURN);
            })
        .elicitation(
            request -> {
              elicitationRequests.add(request);
              return new McpSchema.ElicitResult(
                  McpSchema.ElicitResult.Action.ACCEPT,
                  Map.of("username", "sdk-user", "email", "sdk-user@example.com"));
            })
        .build();
  }
}
