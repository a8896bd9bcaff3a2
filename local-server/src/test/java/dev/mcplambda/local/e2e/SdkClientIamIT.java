package dev.mcplambda.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcplambda.examples.catalog.ExampleCatalog;
import dev.mcplambda.json.Json;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.McpHttpClientTransportAuthorizationException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The same end-to-end scenarios with {@code --auth iam}: every SDK request (POST bodies and the SSE
 * / Streamable GETs) is signed with the AWS SDK's SigV4 signer by a request customizer, the
 * signer's principal reaches the server (sessions are bound to it), unsigned clients get 403, and
 * {@code curl --aws-sigv4} manages {@code /register}.
 */
class SdkClientIamIT extends ExampleCatalogEndToEnd {

  static final String ALICE = "arn:aws:iam::123456789012:user/alice";
  static final String BOB = "arn:aws:iam::123456789012:role/bob";

  @Override
  List<String> serverArgs(Path dir) throws Exception {
    Path credentials = dir.resolve("credentials");
    Files.writeString(
        credentials,
        "# accessKeyId:secretAccessKey:principalArn\n"
            + "AKIDALICE:alice-secret:"
            + ALICE
            + "\n"
            + "AKIDBOB:bob-secret:"
            + BOB
            + "\n");
    return List.of("--auth", "iam", "--credentials", credentials.toString());
  }

  @Override
  SigV4RequestCustomizer newSigner() {
    return alice();
  }

  private static SigV4RequestCustomizer alice() {
    return new SigV4RequestCustomizer("AKIDALICE", "alice-secret");
  }

  private static SigV4RequestCustomizer bob() {
    return new SigV4RequestCustomizer("AKIDBOB", "bob-secret");
  }

  @Test
  void unsignedClientsAreRefusedWith403() throws Exception {
    // given: an SDK client without a signer
    McpSyncClient streamable = client(Transport.STREAMABLE_HTTP, null);

    // when
    HttpResponse<String> post =
        http.send(
            HttpRequest.newBuilder(URI.create(server.mcpUrl() + "/mcp"))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(initializeRequest()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> sse =
        http.send(
            HttpRequest.newBuilder(URI.create(server.mcpUrl() + "/sse")).timeout(TIMEOUT).build(),
            HttpResponse.BodyHandlers.ofString());
    StatelessMcpClient.Exchange stateless =
        new StatelessMcpClient(http, URI.create(server.mcpUrl() + "/mcp"), null)
            .send("tools/list", Map.of());

    // then
    assertThatThrownBy(streamable::initialize)
        .rootCause()
        .isInstanceOfSatisfying(
            McpHttpClientTransportAuthorizationException.class,
            e -> assertThat(e.getResponseInfo().statusCode()).isEqualTo(403));
    assertThat(post.statusCode()).isEqualTo(403);
    assertThat(Json.readTree(post.body()).get("message").asText())
        .startsWith("missing Authorization header");
    assertThat(sse.statusCode()).isEqualTo(403);
    assertThat(stateless.status()).isEqualTo(403);
  }

  @Test
  void aStreamableHttpSessionBelongsToThePrincipalThatSignedItsInitialize() throws Exception {
    // given: alice's SDK client has a session
    SigV4RequestCustomizer alice = alice();
    McpSyncClient client = client(Transport.STREAMABLE_HTTP, alice);
    client.initialize();
    assertThat(allTools(client)).isNotEmpty();
    String sessionId =
        alice.signedRequests().stream()
            .map(r -> r.headers().firstValue("Mcp-Session-Id"))
            .flatMap(java.util.Optional::stream)
            .findFirst()
            .orElseThrow();

    // when: bob, then alice, send a request on that session; then alice's client closes
    HttpResponse<String> asBob = http.send(onSession(bob(), sessionId), ofString());
    HttpResponse<String> asAlice = http.send(onSession(alice(), sessionId), ofString());
    client.closeGracefully();
    HttpResponse<String> afterClose = http.send(onSession(alice(), sessionId), ofString());

    // then: only alice sees her session, until her client's signed DELETE ends it
    assertThat(asBob.statusCode()).isEqualTo(404);
    assertThat(asAlice.statusCode()).isEqualTo(200);
    assertThat(asAlice.body()).contains("\"tools\"");
    assertThat(alice.signedRequests()).extracting(HttpRequest::method).contains("POST", "DELETE");
    assertThat(alice.signedRequests())
        .allSatisfy(r -> assertThat(r.headers().firstValue("Authorization")).isPresent());
    assertThat(afterClose.statusCode()).isEqualTo(404);
  }

  @Test
  void aLegacySseSessionBelongsToThePrincipalThatOpenedTheStream() throws Exception {
    // given: alice's SDK client over /sse
    SigV4RequestCustomizer alice = alice();
    McpSyncClient client = client(Transport.LEGACY_SSE, alice);
    client.initialize();
    URI messageEndpoint =
        alice.signedRequests().stream()
            .map(HttpRequest::uri)
            .filter(u -> u.getPath().equals("/message"))
            .findFirst()
            .orElseThrow();
    String notification = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/roots/list_changed\"}";

    // when: bob, then alice, post to alice's session
    HttpResponse<String> asBob =
        http.send(signedPost(bob(), messageEndpoint, notification), ofString());
    HttpResponse<String> asAlice =
        http.send(signedPost(alice(), messageEndpoint, notification), ofString());

    // then: the SSE GET and the POSTs were signed
    assertThat(alice.signedRequests())
        .extracting(r -> r.method() + " " + r.uri().getPath())
        .contains("GET /sse", "POST /message");
    assertThat(alice.signedRequests())
        .allSatisfy(
            r ->
                assertThat(r.headers().firstValue("Authorization"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("AWS4-HMAC-SHA256")));
    // and bob cannot see the session; alice's own client still works
    assertThat(messageEndpoint.getQuery()).startsWith("sessionId=");
    assertThat(asBob.statusCode()).isEqualTo(404);
    assertThat(asAlice.statusCode()).isEqualTo(202);
    assertThat(client.ping()).isNotNull();
  }

  @Test
  void curlWithAwsSigV4RegistersReadsAndDeletesAToolThatMcpClientsThenCall() throws Exception {
    // given
    var curl = new SigV4Curl(dir);
    String user = "AKIDALICE:alice-secret";
    String register = server.adminUrl() + "/register";
    String body =
        Json.write(
            Map.of(
                "type",
                "tool",
                "name",
                "curl_hello",
                "description",
                "Echoes the message (registered with curl)",
                "lambdaArn",
                ExampleCatalog.localArn("echo"),
                "inputSchema",
                Map.of(
                    "type",
                    "object",
                    "properties",
                    Map.of("message", Map.of("type", "string")),
                    "required",
                    List.of("message"))));

    // when: registered, read back and called over MCP
    SigV4Curl.Response created = curl.send(user, "POST", register, body);
    SigV4Curl.Response read = curl.send(user, "GET", register + "/tool-curl_hello", null);
    StatelessMcpClient.Exchange call =
        statelessClient()
            .send(
                "tools/call",
                Map.of("name", "curl_hello", "arguments", Map.of("message", "signed by curl")));
    // and deleted
    SigV4Curl.Response deleted = curl.send(user, "DELETE", register + "/tool-curl_hello", null);
    // (a list, not the same GET again: curl signs with one-second timestamps, and the local server
    // refuses a second request with an identical signature as a replay)
    SigV4Curl.Response listed = curl.send(user, "GET", register + "?limit=1000", null);
    StatelessMcpClient.Exchange callAfterDelete =
        statelessClient()
            .send(
                "tools/call",
                Map.of("name", "curl_hello", "arguments", Map.of("message", "still there?")));
    SigV4Curl.Response wrongSecret = curl.send("AKIDALICE:not-it", "GET", register, null);

    // then
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode entry = Json.readTree(read.body());
    assertThat(read.status()).isEqualTo(200);
    assertThat(entry.get("id").asText()).isEqualTo("tool-curl_hello");
    assertThat(entry.get("lambdaArn").asText()).isEqualTo(ExampleCatalog.localArn("echo"));
    assertThat(call.result().at("/content/0/text").asText()).isEqualTo("signed by curl");
    assertThat(deleted.status()).isEqualTo(204);
    assertThat(listed.status()).isEqualTo(200);
    assertThat(names(Json.readTree(listed.body()), "id"))
        .contains("tool-echo")
        .doesNotContain("tool-curl_hello");
    assertThat(callAfterDelete.response().has("error")).as(callAfterDelete.toString()).isTrue();
    assertThat(wrongSecret.status()).isEqualTo(403);
    assertThat(wrongSecret.body()).contains("signature does not match");
  }

  private static HttpResponse.BodyHandler<String> ofString() {
    return HttpResponse.BodyHandlers.ofString();
  }

  private HttpRequest onSession(SigV4RequestCustomizer signer, String sessionId) {
    String body = "{\"jsonrpc\":\"2.0\",\"id\":99,\"method\":\"tools/list\",\"params\":{}}";
    return signer.sign(
        HttpRequest.newBuilder(URI.create(server.mcpUrl() + "/mcp"))
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .header("Mcp-Session-Id", sessionId)
            .header("MCP-Protocol-Version", Transport.STREAMABLE_HTTP.negotiatedVersion)
            .POST(HttpRequest.BodyPublishers.ofString(body)),
        "POST",
        body);
  }

  private HttpRequest signedPost(SigV4RequestCustomizer signer, URI path, String body) {
    return signer.sign(
        HttpRequest.newBuilder(server.mcpUrl().resolve(path))
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)),
        "POST",
        body);
  }

  private static String initializeRequest() {
    return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
        + "\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
        + "\"clientInfo\":{\"name\":\"unsigned\",\"version\":\"1\"}}}";
  }
}
