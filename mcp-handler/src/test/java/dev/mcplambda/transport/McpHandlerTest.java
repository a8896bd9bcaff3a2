package dev.mcplambda.transport;

import static dev.mcplambda.transport.FunctionUrlRequests.get;
import static dev.mcplambda.transport.FunctionUrlRequests.post;
import static dev.mcplambda.transport.FunctionUrlRequests.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcplambda.McpHandler;
import dev.mcplambda.http.FunctionUrlResponse;
import dev.mcplambda.json.Json;
import dev.mcplambda.protocol.Era;
import dev.mcplambda.store.memory.InMemorySessionStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@link McpHandler} checks before any transport: routes, headers, origin, caller, body. */
class McpHandlerTest {

  static final String CALL = StatelessHttpTransportContractTest.call("echo", "{}");

  private final HandlerHarness harness = new HandlerHarness();

  @Test
  void unknownPathsAre404() {
    // when
    BufferedResponseStream out = harness.send(post("/other", CALL).build());

    // then
    assertThat(out.status()).isEqualTo(404);
    assertThat(out.header("Content-Type")).isEqualTo("application/json");
  }

  @Test
  void wrongMethodsAre405WithAllow() {
    assertThat(harness.send(request("PUT", "/mcp").build()).header("Allow"))
        .isEqualTo("GET, POST, DELETE");
    assertThat(harness.send(request("GE", "/mcp").build()).status()).isEqualTo(405);
    assertThat(harness.send(request("OPTIONS", "/mcp").build()).status()).isEqualTo(405);
    BufferedResponseStream sse = harness.send(post("/sse", CALL).build());
    assertThat(sse.status()).isEqualTo(405);
    assertThat(sse.header("Allow")).isEqualTo("GET");
    BufferedResponseStream message = harness.send(get("/message").build());
    assertThat(message.status()).isEqualTo(405);
    assertThat(message.header("Allow")).isEqualTo("POST");
  }

  @Test
  void aTrailingSlashIsTheSamePath() {
    assertThat(
            harness
                .send(FunctionUrlRequests.modern("tools/call", "echo", CALL).path("/mcp/").build())
                .status())
        .isEqualTo(200);
  }

  @Test
  void postsMustBeJson() {
    // when
    BufferedResponseStream out =
        harness.send(post("/mcp", CALL).header("content-type", "text/plain").build());
    BufferedResponseStream missing =
        harness.send(post("/mcp", CALL).header("content-type", null).build());
    BufferedResponseStream withCharset =
        harness.send(
            FunctionUrlRequests.modern("tools/call", "echo", CALL)
                .header("content-type", "Application/JSON; charset=utf-8")
                .build());

    // then
    assertThat(out.status()).isEqualTo(415);
    assertThat(missing.status()).isEqualTo(415);
    assertThat(withCharset.status()).isEqualTo(200);
  }

  @Test
  void bodiesOverTheCapAre413BeforeParsing() {
    // given a 64-byte cap
    HandlerHarness small =
        new HandlerHarness(
            new FakeDispatcher(),
            new InMemorySessionStore(),
            HandlerHarness.settings().withMaxBodyBytes(64),
            ListChangeFeed.NONE);
    String big = "{" + "x".repeat(100);

    // when
    BufferedResponseStream plain = small.send(post("/mcp", big).build());
    BufferedResponseStream base64 =
        small.send(
            post("/mcp", null)
                .base64Body(
                    Base64.getEncoder().encodeToString(big.getBytes(StandardCharsets.UTF_8)))
                .build());
    BufferedResponseStream multiByte =
        small.send(post("/mcp", "\"" + "é".repeat(40) + "\"").build());

    // then
    assertThat(plain.status()).isEqualTo(413);
    assertThat(base64.status()).isEqualTo(413);
    assertThat(multiByte.status()).isEqualTo(413);
    assertThat(((FakeDispatcher) small.dispatcher).seen).isEmpty();
  }

  @Test
  void base64BodiesAreDecoded() {
    // when
    BufferedResponseStream ok =
        harness.send(
            FunctionUrlRequests.modern("tools/call", "echo", null)
                .base64Body(
                    Base64.getEncoder().encodeToString(CALL.getBytes(StandardCharsets.UTF_8)))
                .build());
    BufferedResponseStream bad =
        harness.send(
            FunctionUrlRequests.modern("tools/call", "echo", null).base64Body("@@@").build());

    // then
    assertThat(ok.status()).isEqualTo(200);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.bodyText()).contains("-32700");
  }

  @Test
  void malformedJsonAndBatchesAre400WithJsonRpcErrors() {
    // when
    BufferedResponseStream malformed = harness.send(post("/mcp", "{\"jsonrpc\":").build());
    BufferedResponseStream empty = harness.send(post("/mcp", "").build());
    BufferedResponseStream batch = harness.send(post("/mcp", "[" + CALL + "]").build());
    BufferedResponseStream notRpc = harness.send(post("/mcp", "{\"id\":1}").build());

    // then
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.bodyText())
        .isEqualTo(
            "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,"
                + "\"message\":\"Parse error: not valid JSON\"}}");
    assertThat(empty.status()).isEqualTo(400);
    assertThat(batch.status()).isEqualTo(400);
    assertThat(batch.bodyText()).contains("-32600");
    assertThat(notRpc.status()).isEqualTo(400);
    assertThat(notRpc.bodyText()).contains("-32600");
  }

  @Test
  void hostileHeadersAreRefused() {
    // when
    BufferedResponseStream crlf =
        harness.send(post("/mcp", CALL).header("mcp-method", "tools/call\r\nX-Evil: 1").build());
    BufferedResponseStream huge =
        harness.send(post("/mcp", CALL).header("x-big", "a".repeat(10_000)).build());

    // then
    assertThat(crlf.status()).isEqualTo(400);
    assertThat(huge.status()).isEqualTo(431);
  }

  @Test
  void foreignOriginsAre403OnEveryEndpointAndListedOnesPass() {
    // given
    HandlerHarness h =
        new HandlerHarness(
            new FakeDispatcher(),
            new InMemorySessionStore(),
            HandlerHarness.settings().withAllowedOrigins(List.of("https://app.example.com")),
            ListChangeFeed.NONE);

    // when
    BufferedResponseStream evilPost =
        h.send(
            FunctionUrlRequests.modern("tools/call", "echo", CALL)
                .header("origin", "http://evil.example.com")
                .build());
    BufferedResponseStream evilSse =
        h.send(get("/sse").header("origin", "http://evil.example.com").build());
    BufferedResponseStream good =
        h.send(
            FunctionUrlRequests.modern("tools/call", "echo", CALL)
                .header("origin", "https://app.example.com")
                .build());

    // then
    assertThat(evilPost.status()).isEqualTo(403);
    assertThat(evilPost.bodyText()).contains("\"id\":null");
    assertThat(evilSse.status()).isEqualTo(403);
    assertThat(good.status()).isEqualTo(200);
  }

  @Test
  void requestsWithoutIamContextAre403UnlessAnAnonymousPrincipalIsConfigured() {
    // when
    BufferedResponseStream refused =
        harness.send(
            FunctionUrlRequests.modern("tools/call", "echo", CALL).principal(null).build());
    HandlerHarness local =
        new HandlerHarness(
            new FakeDispatcher(),
            new InMemorySessionStore(),
            HandlerHarness.settings()
                .withAnonymousPrincipal("arn:aws:iam::000000000000:user/local"),
            ListChangeFeed.NONE);
    BufferedResponseStream served =
        local.send(FunctionUrlRequests.modern("tools/call", "echo", CALL).principal(null).build());

    // then
    assertThat(refused.status()).isEqualTo(403);
    assertThat(served.status()).isEqualTo(200);
    assertThat(((FakeDispatcher) local.dispatcher).seen.get(0).context().principal())
        .isEqualTo("arn:aws:iam::000000000000:user/local");
  }

  @Test
  void aFailingStoreIs503WithoutDetails() {
    // given a store that fails
    dev.mcplambda.session.SessionStore failing =
        org.mockito.Mockito.mock(dev.mcplambda.session.SessionStore.class);
    org.mockito.Mockito.doThrow(
            new dev.mcplambda.session.SessionStoreUnavailableException("boom secret", null))
        .when(failing)
        .create(org.mockito.ArgumentMatchers.any());
    HandlerHarness h =
        new HandlerHarness(
            new FakeDispatcher(), failing, HandlerHarness.settings(), ListChangeFeed.NONE);

    // when
    BufferedResponseStream out =
        h.send(post("/mcp", StreamableHttpTransportContractTest.INITIALIZE).build());

    // then
    assertThat(out.status()).isEqualTo(503);
    assertThat(out.bodyText()).doesNotContain("boom").doesNotContain("Exception");
  }

  @Test
  void theBufferedEntryPointRefusesSomethingThatIsNotAnEvent() throws Exception {
    // given
    McpHandler handler =
        new McpHandler(
            new FakeDispatcher(),
            new InMemorySessionStore(),
            HandlerHarness.settings(),
            Clock.systemUTC());
    ByteArrayOutputStream output = new ByteArrayOutputStream();

    // when
    handler.handleRequest(
        new ByteArrayInputStream("not an event".getBytes(StandardCharsets.UTF_8)), output, null);

    // then
    FunctionUrlResponse response =
        Json.mapper().readValue(output.toByteArray(), FunctionUrlResponse.class);
    assertThat(response.statusCode()).isEqualTo(400);
  }

  @Test
  void aDirectInvokeWithAForgedEventWithoutRequestContextIs400AndReachesNothing() throws Exception {
    // given a local handler that would even accept callers without IAM context
    FakeDispatcher dispatcher = new FakeDispatcher();
    McpHandler handler =
        new McpHandler(
            dispatcher,
            new InMemorySessionStore(),
            HandlerHarness.settings().withAnonymousPrincipal("arn:aws:iam::000000000000:user/l"),
            Clock.systemUTC());
    // a hand-made event as a direct lambda:Invoke would send it: a principal-like header and body,
    // but no requestContext.http (only a Function URL fills that in)
    String forged =
        "{\"version\":\"2.0\",\"rawPath\":\"/mcp\",\"headers\":{\"content-type\":"
            + "\"application/json\"},\"requestContext\":{\"authorizer\":{\"iam\":{\"userArn\":"
            + "\"arn:aws:iam::111122223333:role/admin\"}}},\"body\":"
            + Json.write(CALL)
            + "}";
    ByteArrayOutputStream output = new ByteArrayOutputStream();

    // when
    handler.handleRequest(
        new ByteArrayInputStream(forged.getBytes(StandardCharsets.UTF_8)), output, null);

    // then
    FunctionUrlResponse response =
        Json.mapper().readValue(output.toByteArray(), FunctionUrlResponse.class);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("not a Function URL event");
    assertThat(dispatcher.seen).isEmpty();
  }

  @Test
  void anEventWithHttpContextButNoAuthorizerIs403OnAnIamUrl() {
    // when (the default settings: no anonymous principal, as on Lambda)
    BufferedResponseStream refused =
        harness.send(
            FunctionUrlRequests.modern("tools/call", "echo", CALL).principal(null).build());

    // then
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.bodyText()).contains("no IAM caller");
    assertThat(((FakeDispatcher) harness.dispatcher).seen).isEmpty();
  }

  @Test
  void theBufferedEntryPointServesAToolCall() throws Exception {
    // given
    McpHandler handler =
        new McpHandler(
            new FakeDispatcher(),
            new InMemorySessionStore(),
            HandlerHarness.settings(),
            Clock.systemUTC());
    byte[] event =
        Json.write(FunctionUrlRequests.modern("tools/call", "echo", CALL).build())
            .getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream output = new ByteArrayOutputStream();

    // when
    handler.handleRequest(new ByteArrayInputStream(event), output, null);

    // then
    FunctionUrlResponse response =
        Json.mapper().readValue(output.toByteArray(), FunctionUrlResponse.class);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.header("content-type")).isEqualTo("application/json");
    assertThat(response.body()).contains("called echo");
  }

  @Test
  void theRequestLogLineIsOneEscapedJsonObjectWithoutArguments() throws Exception {
    // given an outcome whose client-supplied parts try to break the line
    TransportOutcome outcome =
        new TransportOutcome(
            200, Era.STATELESS, "tools/call\n{\"forged\":1}", "na\"me", 12L, "ok", null, null);

    // when
    String line =
        RequestLog.line(
            new RequestLog.Entry("req-1", "arn:aws:iam::1:user/a", "POST", "/mcp", outcome, 15));

    // then
    assertThat(line).doesNotContain("\n");
    JsonNode node = Json.readTree(line);
    assertThat(node.path("method").asText()).isEqualTo("tools/call\n{\"forged\":1}");
    assertThat(node.path("target").asText()).isEqualTo("na\"me");
    assertThat(node.path("lambdaMs").asLong()).isEqualTo(12);
    assertThat(node.path("era").asText()).isEqualTo("stateless");
    assertThat(node.path("status").asInt()).isEqualTo(200);
    assertThat(node.has("arguments")).isFalse();
  }
}
