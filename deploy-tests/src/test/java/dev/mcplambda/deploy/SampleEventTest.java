package dev.mcplambda.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * events/mcp-*.json are complete Function URL events (payload format 2.0, IAM authorizer) that
 * {@code sam local invoke McpFunction -e ...} can replay.
 */
class SampleEventTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Path> mcpEvents() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(RepositoryRoot.resolve("events"))) {
      files = s.filter(p -> p.getFileName().toString().matches("mcp-.*\\.json")).sorted().toList();
    }
    assertThat(files)
        .extracting(p -> p.getFileName().toString())
        .contains("mcp-initialize.json", "mcp-tools-list.json", "mcp-tools-call.json");
    return files.stream();
  }

  @ParameterizedTest
  @MethodSource("mcpEvents")
  void isAFunctionUrlEventWithAnIamCaller(Path file) throws IOException {
    JsonNode e = JSON.readTree(file.toFile());
    assertThat(e.path("version").asText()).isEqualTo("2.0");
    assertThat(e.path("routeKey").asText()).isEqualTo("$default");
    assertThat(e.path("rawPath").asText()).startsWith("/");
    assertThat(e.path("isBase64Encoded").isBoolean()).isTrue();
    JsonNode ctx = e.path("requestContext");
    assertThat(ctx.at("/http/method").asText()).isIn("GET", "POST", "DELETE");
    assertThat(ctx.at("/http/path").asText()).isEqualTo(e.path("rawPath").asText());
    assertThat(ctx.path("requestId").asText()).isNotBlank();
    JsonNode iam = ctx.at("/authorizer/iam");
    for (String field : List.of("accessKey", "accountId", "callerId", "userArn", "userId")) {
      assertThat(iam.path(field).asText()).as(field).isNotBlank();
    }
    assertThat(iam.path("userArn").asText()).startsWith("arn:aws:");
    e.path("headers")
        .fieldNames()
        .forEachRemaining(
            h -> assertThat(h).as("Function URLs lower-case header names").isLowerCase());
  }

  @org.junit.jupiter.api.Test
  void everyEventFileTheDocsNameExists() throws IOException {
    // given every events/<name>.json the deploy guide and the README mention
    java.util.regex.Pattern named = java.util.regex.Pattern.compile("events/([a-z0-9-]+\\.json)");
    List<String> mentioned = new java.util.ArrayList<>();
    for (String doc : List.of("docs/deploy.md", "README.md")) {
      var m = named.matcher(Files.readString(RepositoryRoot.resolve(doc)));
      while (m.find()) {
        mentioned.add(m.group(1));
      }
    }
    assertThat(mentioned).isNotEmpty();

    // then each is a file of events/, so the copy-paste commands work
    for (String name : mentioned) {
      assertThat(RepositoryRoot.resolve("events").resolve(name)).as(name).isRegularFile();
    }
  }

  static Stream<Path> mcpPostEvents() throws IOException {
    List<Path> posts = mcpEvents().filter(SampleEventTest::isPost).toList();
    assertThat(posts).hasSizeGreaterThanOrEqualTo(3);
    return posts.stream();
  }

  private static boolean isPost(Path file) {
    try {
      return "POST".equals(JSON.readTree(file.toFile()).at("/requestContext/http/method").asText());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @ParameterizedTest
  @MethodSource("mcpPostEvents")
  void postsCarryAJsonRpcBodyAndTheMcpHeaders(Path file) throws IOException {
    JsonNode e = JSON.readTree(file.toFile());
    JsonNode h = e.path("headers");
    assertThat(h.path("content-type").asText()).isEqualTo("application/json");
    assertThat(h.path("accept").asText())
        .contains("application/json")
        .contains("text/event-stream");
    assertThat(h.path("mcp-protocol-version").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
    JsonNode body = JSON.readTree(e.path("body").asText());
    assertThat(body.path("jsonrpc").asText()).isEqualTo("2.0");
    assertThat(body.path("method").asText()).isNotBlank();
    if (h.has("mcp-method")) {
      assertThat(h.path("mcp-method").asText()).isEqualTo(body.path("method").asText());
      assertThat(body.at("/params/_meta/io.modelcontextprotocol~1protocolVersion").asText())
          .isEqualTo(h.path("mcp-protocol-version").asText());
    }
    if (h.has("mcp-name")) {
      assertThat(h.path("mcp-name").asText()).isEqualTo(body.at("/params/name").asText());
    }
  }
}
