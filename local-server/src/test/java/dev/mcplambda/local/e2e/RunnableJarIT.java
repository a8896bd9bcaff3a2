package dev.mcplambda.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcplambda.json.Json;
import dev.mcplambda.local.auth.LocalCredentials;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user runs: the runnable JAR ({@code ./run-local.sh} execs {@code java -jar} on it) as a
 * subprocess with {@code --register-examples --auth iam}, credentials from the environment. The
 * banner's copy-paste curl commands register a tool and call it; the official SDK client, signed,
 * works over both of its transports.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunnableJarIT {

  private static final String ACCESS_KEY_ID = "AKIDJAR";
  private static final String SECRET = "jar-secret";
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String READY = "mcp-lambda local server is running";

  @TempDir static Path dir;

  private Process server;
  private final List<String> banner = new CopyOnWriteArrayList<>();
  private final CountDownLatch ready = new CountDownLatch(1);
  private String mcpUrl;

  @BeforeAll
  void startTheJar() throws Exception {
    Path jar = runnableJar();
    int mcpPort = freePort();
    int adminPort = freePort();
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder builder =
        new ProcessBuilder(
                java,
                "-XX:+UseSerialGC",
                "-jar",
                jar.toString(),
                "--register-examples",
                "--auth",
                "iam",
                "--mcp-port",
                Integer.toString(mcpPort),
                "--admin-port",
                Integer.toString(adminPort))
            .redirectError(dir.resolve("server.log").toFile());
    builder.environment().put(LocalCredentials.ENV_ACCESS_KEY_ID, ACCESS_KEY_ID);
    builder.environment().put(LocalCredentials.ENV_SECRET_ACCESS_KEY, SECRET);
    server = builder.start();
    Thread.ofVirtual().start(this::readBanner);
    boolean started = ready.await(120, TimeUnit.SECONDS);
    assertThat(started).as("the server printed its banner; stderr: %s", serverLog()).isTrue();
    mcpUrl = "http://127.0.0.1:" + mcpPort;
  }

  @AfterAll
  void stopTheJar() throws InterruptedException {
    if (server != null) {
      server.destroy(); // SIGTERM: the shutdown hook closes both planes
      if (!server.waitFor(30, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
  }

  @Test
  void theBannersCurlCommandsRegisterAToolListItAndCallIt() throws Exception {
    // given: the three commands under "Try it", as printed
    List<String> commands =
        banner.stream().map(String::strip).filter(l -> l.startsWith("curl ")).toList();
    assertThat(commands).hasSize(3);

    // when: run by a shell with the credentials in the environment, as the banner expects
    List<String> outputs = new ArrayList<>();
    for (String command : commands) {
      outputs.add(shell(command));
    }

    // then
    JsonNode registered = Json.readTree(outputs.get(0));
    assertThat(registered.get("id").asText()).as(outputs.get(0)).isEqualTo("tool-hello");
    assertThat(ExampleCatalogEndToEnd.names(Json.readTree(outputs.get(1)), "id"))
        .contains("tool-hello", "tool-echo");
    JsonNode called = Json.readTree(outputs.get(2));
    assertThat(called.at("/result/content/0/text").asText()).as(outputs.get(2)).isEqualTo("hello");
  }

  @Test
  void theSdkClientCallsToolsOverBothTransportsWithSignedRequests() {
    for (boolean legacy : new boolean[] {true, false}) {
      // given
      McpClientTransport transport =
          legacy
              ? HttpClientSseClientTransport.builder(mcpUrl)
                  .sseEndpoint("/sse")
                  .httpRequestCustomizer(new SigV4RequestCustomizer(ACCESS_KEY_ID, SECRET))
                  .build()
              : HttpClientStreamableHttpTransport.builder(mcpUrl)
                  .endpoint("/mcp")
                  .httpRequestCustomizer(new SigV4RequestCustomizer(ACCESS_KEY_ID, SECRET))
                  .build();
      McpSyncClient client =
          McpClient.sync(transport)
              .requestTimeout(TIMEOUT)
              .initializationTimeout(TIMEOUT)
              .clientInfo(new McpSchema.Implementation("mcp-lambda-e2e", "1.0.0"))
              .build();
      try {
        // when
        McpSchema.InitializeResult init = client.initialize();
        McpSchema.CallToolResult echo =
            client.callTool(new McpSchema.CallToolRequest("echo", Map.of("message", "from a JAR")));
        McpSchema.GetPromptResult prompt =
            client.getPrompt(new McpSchema.GetPromptRequest("greeting", Map.of("name", "Lin")));

        // then
        assertThat(init.protocolVersion()).isEqualTo(legacy ? "2024-11-05" : "2025-11-25");
        assertThat(echo.content()).containsExactly(new McpSchema.TextContent("from a JAR"));
        assertThat(prompt.description()).isEqualTo("A friendly greeting");
      } finally {
        client.closeGracefully();
      }
    }
  }

  private void readBanner() {
    try (var reader =
        new BufferedReader(
            new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        banner.add(line);
        // the commands follow the headline; the last one ends the banner
        if (line.strip().startsWith("curl ") && line.contains("tools/call")) {
          ready.countDown();
        }
      }
    } catch (IOException e) {
      // the process ended; startTheJar reports a missing banner
    } finally {
      if (banner.stream().noneMatch(l -> l.contains(READY))) {
        ready.countDown();
      }
    }
  }

  private String shell(String command) throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder("bash", "-c", command + " --max-time 60").redirectErrorStream(true);
    builder.environment().put(LocalCredentials.ENV_ACCESS_KEY_ID, ACCESS_KEY_ID);
    builder.environment().put(LocalCredentials.ENV_SECRET_ACCESS_KEY, SECRET);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("%s: %s", command, output).isZero();
    return output;
  }

  private static Path runnableJar() throws IOException {
    try (DirectoryStream<Path> jars =
        Files.newDirectoryStream(Path.of("target"), "local-server-*-runnable.jar")) {
      for (Path jar : jars) {
        return jar;
      }
    }
    throw new AssertionError(
        "no target/local-server-*-runnable.jar: run the ITs with 'verify' (package builds it)");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private String serverLog() {
    try {
      return Files.readString(dir.resolve("server.log"));
    } catch (IOException e) {
      return e.toString();
    }
  }
}
