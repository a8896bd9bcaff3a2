package dev.mcplambda.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcplambda.json.Json;
import dev.mcplambda.local.LocalServer;
import dev.mcplambda.local.LocalServerOptions;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.customizer.McpSyncHttpClientRequestCustomizer;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The example catalog end to end: one local server per test class, started like {@code
 * ./run-local.sh --register-examples [options]} (in process, on free ports), called by the official
 * MCP Java SDK client over the legacy HTTP+SSE and the Streamable HTTP transports, and by a plain
 * {@code java.net.http} client over the 2026-07-28 stateless transport (which the SDK 2.1.0 does
 * not speak). Subclasses choose the server's options and how clients authenticate.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ExampleCatalogEndToEnd {

  /**
   * The SDK client transports, with the version each one negotiates with the server and whether
   * that revision has structured tool output ({@code outputSchema}, {@code structuredContent}: from
   * 2025-06-18).
   */
  enum Transport {
    LEGACY_SSE("2024-11-05", false),
    STREAMABLE_HTTP("2025-11-25", true);

    final String negotiatedVersion;
    final boolean structuredOutput;

    Transport(String negotiatedVersion, boolean structuredOutput) {
      this.negotiatedVersion = negotiatedVersion;
      this.structuredOutput = structuredOutput;
    }
  }

  static final Duration TIMEOUT = Duration.ofSeconds(60);

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G'};

  @TempDir static Path dir;

  protected LocalServer server;
  protected final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final List<McpSyncClient> clients = new CopyOnWriteArrayList<>();

  /** The command-line options after {@code --register-examples}. */
  abstract List<String> serverArgs(Path dir) throws Exception;

  /** Signs (or otherwise adapts) each request of one client, or {@code null} for none. */
  abstract SigV4RequestCustomizer newSigner();

  @BeforeAll
  void startServer() throws Exception {
    List<String> args = new ArrayList<>(List.of("--register-examples"));
    args.addAll(serverArgs(dir));
    LocalServerOptions parsed = LocalServerOptions.parse(args.toArray(String[]::new));
    // as parsed, but on free ports (the command line only takes fixed ones)
    LocalServerOptions options =
        new LocalServerOptions(
            parsed.host(),
            0,
            0,
            0,
            parsed.dynamoDbEndpoint(),
            parsed.lambdaEndpoint(),
            parsed.functionsJar(),
            parsed.auth(),
            parsed.credentialsFile(),
            parsed.registerExamples(),
            parsed.functionTimeoutSeconds(),
            parsed.maxBodyBytes(),
            false);
    server = LocalServer.start(options, Map.of());
  }

  @AfterAll
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @AfterEach
  void closeClients() {
    for (McpSyncClient client : clients) {
      client.closeGracefully();
    }
    clients.clear();
  }

  /** An SDK client (not yet initialized) over {@code transport}. */
  McpSyncClient client(Transport transport, McpSyncHttpClientRequestCustomizer customizer) {
    String base = server.mcpUrl().toString();
    McpClientTransport clientTransport =
        switch (transport) {
          case LEGACY_SSE -> {
            var builder =
                HttpClientSseClientTransport.builder(base)
                    .sseEndpoint("/sse")
                    .connectTimeout(TIMEOUT);
            if (customizer != null) {
              builder.httpRequestCustomizer(customizer);
            }
            yield builder.build();
          }
          case STREAMABLE_HTTP -> {
            var builder =
                HttpClientStreamableHttpTransport.builder(base)
                    .endpoint("/mcp")
                    .connectTimeout(TIMEOUT);
            if (customizer != null) {
              builder.httpRequestCustomizer(customizer);
            }
            yield builder.build();
          }
        };
    McpSyncClient client =
        McpClient.sync(clientTransport)
            .requestTimeout(TIMEOUT)
            .initializationTimeout(TIMEOUT)
            .clientInfo(new McpSchema.Implementation("mcp-lambda-e2e", "1.0.0"))
            .build();
    clients.add(client);
    return client;
  }

  /** An initialized SDK client, signed by {@link #newSigner()}. */
  McpSyncClient connected(Transport transport) {
    McpSyncClient client = client(transport, newSigner());
    client.initialize();
    return client;
  }

  StatelessMcpClient statelessClient() {
    return new StatelessMcpClient(http, URI.create(server.mcpUrl() + "/mcp"), newSigner());
  }

  // ---------------------------------------------------------------- the SDK client, per transport

  @ParameterizedTest
  @EnumSource(Transport.class)
  void initializeNegotiatesTheTransportsVersionAndAdvertisesTheCatalog(Transport transport) {
    // when
    McpSyncClient client = client(transport, newSigner());
    McpSchema.InitializeResult result = client.initialize();

    // then
    assertThat(result.protocolVersion()).isEqualTo(transport.negotiatedVersion);
    assertThat(result.serverInfo().name()).isNotBlank();
    assertThat(result.capabilities().tools()).isNotNull();
    assertThat(result.capabilities().resources()).isNotNull();
    assertThat(result.capabilities().prompts()).isNotNull();
    assertThat(client.isInitialized()).isTrue();
    assertThat(client.ping()).isNotNull();
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void listsAndCallsTools(Transport transport) {
    // given
    McpSyncClient client = connected(transport);

    // when
    List<McpSchema.Tool> tools = allTools(client);
    McpSchema.CallToolResult echo =
        client.callTool(
            new McpSchema.CallToolRequest("echo", Map.of("message", message(transport))));
    McpSchema.CallToolResult product =
        client.callTool(
            new McpSchema.CallToolRequest(
                "calculate", Map.of("operation", "multiply", "a", 6, "b", 7)));
    McpSchema.CallToolResult failing =
        client.callTool(new McpSchema.CallToolRequest("test_error_handling", Map.of()));

    // then: the whole catalog is listed, with the registered schemas
    assertThat(tools)
        .extracting(McpSchema.Tool::name)
        .contains("echo", "add", "calculate", "test_simple_text", "test_error_handling")
        .doesNotHaveDuplicates();
    McpSchema.Tool echoTool = tool(tools, "echo");
    assertThat(echoTool.description()).isEqualTo("Echoes the message back");
    assertThat(echoTool.inputSchema())
        .containsEntry("type", "object")
        .containsEntry("required", List.of("message"))
        .containsKey("properties");
    // and the hosted functions answered, with structured output where the revision has it
    assertThat(echo.isError()).isNotEqualTo(Boolean.TRUE);
    assertThat(texts(echo.content())).containsExactly(message(transport));
    assertThat(product.isError()).isNotEqualTo(Boolean.TRUE);
    assertThat(String.join(" ", texts(product.content()))).contains("42");
    if (transport.structuredOutput) {
      assertThat(tool(tools, "calculate").outputSchema()).containsKey("properties");
      assertThat(echo.structuredContent()).isEqualTo(Map.of("message", message(transport)));
      assertThat(product.structuredContent()).isEqualTo(Map.of("result", 42));
    } else {
      assertThat(tool(tools, "calculate").outputSchema()).isNull();
      assertThat(echo.structuredContent()).isNull();
      assertThat(product.structuredContent()).isNull();
    }
    // and a failing function is a tool error, not a protocol error
    assertThat(failing.isError()).isTrue();
    assertThat(String.join(" ", texts(failing.content())))
        .contains("This tool intentionally returns an error for testing");
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void listsAndReadsResourcesAndTemplates(Transport transport) {
    // given
    McpSyncClient client = connected(transport);

    // when
    List<McpSchema.Resource> resources = allResources(client);
    List<McpSchema.ResourceTemplate> templates = allTemplates(client);
    McpSchema.ReadResourceResult text =
        client.readResource(new McpSchema.ReadResourceRequest("test://static-text"));
    McpSchema.ReadResourceResult binary =
        client.readResource(new McpSchema.ReadResourceRequest("test://static-binary"));
    McpSchema.ReadResourceResult note =
        client.readResource(new McpSchema.ReadResourceRequest("notes://todo"));
    McpSchema.ReadResourceResult templated =
        client.readResource(new McpSchema.ReadResourceRequest("test://template/42/data"));

    // then
    assertThat(resources)
        .extracting(McpSchema.Resource::uri)
        .contains("test://static-text", "test://static-binary", "test://watched-resource");
    assertThat(templates)
        .extracting(McpSchema.ResourceTemplate::uriTemplate)
        .contains("notes://{id}", "test://template/{id}/data");
    assertThat(text.contents())
        .singleElement()
        .isEqualTo(
            new McpSchema.TextResourceContents(
                "test://static-text",
                "text/plain",
                "This is the content of the static text resource."));
    assertThat(binary.contents())
        .singleElement()
        .isInstanceOfSatisfying(
            McpSchema.BlobResourceContents.class,
            blob -> {
              assertThat(blob.uri()).isEqualTo("test://static-binary");
              assertThat(blob.mimeType()).isEqualTo("image/png");
              assertThat(Base64.getDecoder().decode(blob.blob())).startsWith(PNG_SIGNATURE);
            });
    assertThat(note.contents())
        .singleElement()
        .isInstanceOfSatisfying(
            McpSchema.TextResourceContents.class,
            t -> {
              assertThat(t.uri()).isEqualTo("notes://todo");
              assertThat(t.mimeType()).isEqualTo("text/markdown");
              assertThat(t.text()).startsWith("# To do").contains("- register a tool");
            });
    assertThat(templated.contents())
        .singleElement()
        .isInstanceOfSatisfying(
            McpSchema.TextResourceContents.class,
            t -> {
              assertThat(t.mimeType()).isEqualTo("application/json");
              assertThat(t.text()).contains("\"id\":\"42\"").contains("Data for ID: 42");
            });
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void listsAndGetsPromptsWithArguments(Transport transport) {
    // given
    McpSyncClient client = connected(transport);

    // when
    List<McpSchema.Prompt> prompts = allPrompts(client);
    McpSchema.GetPromptResult greeting =
        client.getPrompt(
            new McpSchema.GetPromptRequest("greeting", Map.of("name", "Ada", "style", "pirate")));
    McpSchema.GetPromptResult fixture =
        client.getPrompt(
            new McpSchema.GetPromptRequest(
                "test_prompt_with_arguments", Map.of("arg1", "first", "arg2", "second")));

    // then
    assertThat(prompts)
        .extracting(McpSchema.Prompt::name)
        .contains("greeting", "test_simple_prompt", "test_prompt_with_arguments");
    McpSchema.Prompt greetingPrompt =
        prompts.stream().filter(p -> p.name().equals("greeting")).findFirst().orElseThrow();
    assertThat(greetingPrompt.arguments())
        .extracting(McpSchema.PromptArgument::name, McpSchema.PromptArgument::required)
        .containsExactly(tuple("name", true), tuple("style", false));
    assertThat(greeting.description()).isEqualTo("A pirate greeting");
    assertThat(greeting.messages())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.role()).isEqualTo(McpSchema.Role.USER);
              assertThat(m.content())
                  .isEqualTo(
                      new McpSchema.TextContent(
                          "Write a short pirate greeting for Ada. One sentence only."));
            });
    assertThat(fixture.messages())
        .singleElement()
        .extracting(McpSchema.PromptMessage::content)
        .isEqualTo(new McpSchema.TextContent("Prompt with arguments: arg1='first', arg2='second'"));
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void unknownNamesAreJsonRpcErrors(Transport transport) {
    // given
    McpSyncClient client = connected(transport);

    // then
    assertThatThrownBy(
            () -> client.getPrompt(new McpSchema.GetPromptRequest("no_such_prompt", Map.of())))
        .isInstanceOf(McpError.class);
    assertThatThrownBy(
            () -> client.readResource(new McpSchema.ReadResourceRequest("notes://no-such-note")))
        .isInstanceOf(McpError.class);
  }

  // ------------------------------------------------------- 2026-07-28, plain java.net.http client

  @Test
  void statelessClientListsAndCallsTools() throws Exception {
    // given
    StatelessMcpClient client = statelessClient();

    // when
    StatelessMcpClient.Exchange discover = client.send("server/discover", Map.of());
    StatelessMcpClient.Exchange list = client.send("tools/list", Map.of());
    StatelessMcpClient.Exchange echo =
        client.send(
            "tools/call",
            Map.of("name", "echo", "arguments", Map.of("message", "hello, stateless")));
    StatelessMcpClient.Exchange failing =
        client.send("tools/call", Map.of("name", "test_error_handling", "arguments", Map.of()));

    // then
    assertThat(discover.result().toString()).contains(StatelessMcpClient.VERSION);
    assertThat(names(list.result().get("tools"), "name"))
        .contains("echo", "calculate", "test_error_handling");
    assertThat(echo.result().at("/content/0/text").asText()).isEqualTo("hello, stateless");
    assertThat(echo.result().path("isError").asBoolean(false)).isFalse();
    assertThat(failing.result().path("isError").asBoolean()).isTrue();
    assertThat(failing.result().at("/content/0/text").asText())
        .contains("This tool intentionally returns an error for testing");
  }

  @Test
  void statelessClientListsAndReadsResources() throws Exception {
    // given
    StatelessMcpClient client = statelessClient();

    // when
    StatelessMcpClient.Exchange list = client.send("resources/list", Map.of());
    StatelessMcpClient.Exchange templates = client.send("resources/templates/list", Map.of());
    StatelessMcpClient.Exchange text =
        client.send("resources/read", Map.of("uri", "test://static-text"));
    StatelessMcpClient.Exchange templated =
        client.send("resources/read", Map.of("uri", "test://template/7/data"));

    // then
    assertThat(names(list.result().get("resources"), "uri")).contains("test://static-text");
    assertThat(names(templates.result().get("resourceTemplates"), "uriTemplate"))
        .contains("notes://{id}", "test://template/{id}/data");
    assertThat(text.result().at("/contents/0/text").asText())
        .isEqualTo("This is the content of the static text resource.");
    JsonNode data = Json.readTree(templated.result().at("/contents/0/text").asText());
    assertThat(data.get("id").asText()).isEqualTo("7");
  }

  @Test
  void statelessClientListsAndGetsPrompts() throws Exception {
    // given
    StatelessMcpClient client = statelessClient();

    // when
    StatelessMcpClient.Exchange list = client.send("prompts/list", Map.of());
    StatelessMcpClient.Exchange greeting =
        client.send(
            "prompts/get",
            Map.of("name", "greeting", "arguments", Map.of("name", "Zo\u00eb", "style", "formal")));

    // then
    assertThat(names(list.result().get("prompts"), "name")).contains("greeting");
    assertThat(greeting.result().get("description").asText()).isEqualTo("A formal greeting");
    assertThat(greeting.result().at("/messages/0/content/text").asText())
        .isEqualTo("Write a short formal greeting for Zo\u00eb. One sentence only.");
  }

  // -------------------------------------------------------------------------------- helpers

  /** Non-ASCII on purpose: UTF-8 through SSE framing, JSON and (with IAM) the SigV4 body hash. */
  private static String message(Transport transport) {
    return "hello over " + transport + ": h\u00e9llo \u2713 \u4e16\u754c \ud83d\ude80";
  }

  static List<McpSchema.Tool> allTools(McpSyncClient client) {
    List<McpSchema.Tool> all = new ArrayList<>();
    String cursor = null;
    do {
      McpSchema.ListToolsResult page = client.listTools(cursor);
      all.addAll(page.tools());
      cursor = page.nextCursor();
    } while (cursor != null);
    return all;
  }

  static List<McpSchema.Resource> allResources(McpSyncClient client) {
    List<McpSchema.Resource> all = new ArrayList<>();
    String cursor = null;
    do {
      McpSchema.ListResourcesResult page = client.listResources(cursor);
      all.addAll(page.resources());
      cursor = page.nextCursor();
    } while (cursor != null);
    return all;
  }

  static List<McpSchema.ResourceTemplate> allTemplates(McpSyncClient client) {
    List<McpSchema.ResourceTemplate> all = new ArrayList<>();
    String cursor = null;
    do {
      McpSchema.ListResourceTemplatesResult page = client.listResourceTemplates(cursor);
      all.addAll(page.resourceTemplates());
      cursor = page.nextCursor();
    } while (cursor != null);
    return all;
  }

  static List<McpSchema.Prompt> allPrompts(McpSyncClient client) {
    List<McpSchema.Prompt> all = new ArrayList<>();
    String cursor = null;
    do {
      McpSchema.ListPromptsResult page = client.listPrompts(cursor);
      all.addAll(page.prompts());
      cursor = page.nextCursor();
    } while (cursor != null);
    return all;
  }

  private static McpSchema.Tool tool(List<McpSchema.Tool> tools, String name) {
    return tools.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
  }

  private static List<String> texts(List<McpSchema.Content> content) {
    return content.stream()
        .map(c -> c instanceof McpSchema.TextContent t ? t.text() : "<" + c.type() + ">")
        .toList();
  }

  static List<String> names(JsonNode array, String field) {
    return StreamSupport.stream(array.spliterator(), false)
        .map(n -> n.path(field).asText())
        .toList();
  }
}
