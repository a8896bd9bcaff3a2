package dev.mcplambda.transport;

import static dev.mcplambda.transport.FunctionUrlRequests.modern;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcplambda.json.Json;
import dev.mcplambda.jsonrpc.JsonRpcError;
import dev.mcplambda.jsonrpc.JsonRpcRequest;
import dev.mcplambda.jsonrpc.JsonRpcResponse;
import dev.mcplambda.protocol.CatalogChanges;
import dev.mcplambda.protocol.Dispatched;
import dev.mcplambda.protocol.Era;
import dev.mcplambda.protocol.Outcome;
import dev.mcplambda.protocol.RequestSummary;
import dev.mcplambda.runtime.BufferedResponseStream;
import dev.mcplambda.store.memory.InMemorySessionStore;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Golden wire format of {@code POST /mcp} in the 2026-07-28 stateless era. */
class StatelessHttpTransportContractTest {

  static final String META =
      "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
          + "\"io.modelcontextprotocol/clientCapabilities\":{}}";

  /** A tool whose {@code region} argument is mirrored into {@code Mcp-Param-Region}. */
  private static final JsonNode REGION_SCHEMA =
      read(
          "{\"type\":\"object\",\"properties\":{"
              + "\"region\":{\"type\":\"string\",\"x-mcp-header\":\"Region\"},"
              + "\"query\":{\"type\":\"string\"}}}");

  private final HandlerHarness harness = new HandlerHarness();

  static String call(String tool, String args) {
    return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\""
        + tool
        + "\",\"arguments\":"
        + args
        + ","
        + META
        + "}}";
  }

  static String request(String method, String extraParams) {
    return "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\""
        + method
        + "\",\"params\":{"
        + extraParams
        + META
        + "}}";
  }

  @Test
  void aToolCallIsAnsweredWithPlainJson() {
    // when
    BufferedResponseStream out =
        harness.send(modern("tools/call", "echo", call("echo", "{}")).build());

    // then
    assertThat(out.status()).isEqualTo(200);
    assertThat(out.header("Content-Type")).isEqualTo("application/json");
    assertThat(out.bodyText())
        .isEqualTo(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":"
                + "[{\"type\":\"text\",\"text\":\"called echo\"}]}}");
    FakeDispatcher.Seen seen = ((FakeDispatcher) harness.dispatcher).seen.get(0);
    assertThat(seen.context().era()).isEqualTo(Era.STATELESS);
    assertThat(seen.context().protocolVersion()).isEqualTo("2026-07-28");
    assertThat(seen.context().principal()).isEqualTo(FunctionUrlRequests.ALICE);
    assertThat(seen.context().session()).isNull();
  }

  @Test
  void notificationsBeforeTheResultTurnTheResponseIntoAnSseStream() {
    // when
    BufferedResponseStream out =
        harness.send(modern("tools/call", "echo", call("echo", "{\"progress\":2}")).build());

    // then
    assertThat(out.status()).isEqualTo(200);
    assertThat(out.headers())
        .containsEntry("Content-Type", "text/event-stream")
        .containsEntry("Cache-Control", "no-cache")
        .containsEntry("X-Accel-Buffering", "no");
    assertThat(out.bodyText())
        .isEqualTo(
            "data: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\","
                + "\"params\":{\"progressToken\":\"t\",\"progress\":1}}\n\n"
                + "data: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\","
                + "\"params\":{\"progressToken\":\"t\",\"progress\":2}}\n\n"
                + "data: {\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":"
                + "[{\"type\":\"text\",\"text\":\"called echo\"}]}}\n\n");
  }

  @Test
  void aJsonOnlyClientGetsJsonAndNoNotifications() {
    // when
    BufferedResponseStream out =
        harness.send(
            modern("tools/call", "echo", call("echo", "{\"progress\":2}"))
                .header("accept", "application/json")
                .build());

    // then
    assertThat(out.header("Content-Type")).isEqualTo("application/json");
    assertThat(out.bodyText()).doesNotContain("notifications/progress");
  }

  @Test
  void anSseOnlyClientGetsTheResultAsAnEvent() {
    // when
    BufferedResponseStream out =
        harness.send(
            modern("tools/call", "echo", call("echo", "{}"))
                .header("accept", "text/event-stream")
                .build());

    // then
    assertThat(out.header("Content-Type")).isEqualTo("text/event-stream");
    assertThat(out.bodyText()).startsWith("data: {\"jsonrpc\":\"2.0\",\"id\":1,\"result\"");
  }

  @Test
  void aNotificationIsAccepted() {
    // when
    BufferedResponseStream out =
        harness.send(
            modern(
                    "notifications/cancelled",
                    null,
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{"
                        + META
                        + "}}")
                .build());

    // then
    assertThat(out.status()).isEqualTo(202);
    assertThat(out.bodyText()).isEmpty();
  }

  @Test
  void aMissingVersionHeaderIsAHeaderMismatch() {
    // when
    BufferedResponseStream out =
        harness.send(
            modern("tools/call", "echo", call("echo", "{}"))
                .header("mcp-protocol-version", null)
                .build());

    // then
    assertError(out, 400, 1, -32020);
  }

  @Test
  void aVersionHeaderThatDisagreesWithMetaIsAHeaderMismatch() {
    // when
    BufferedResponseStream out =
        harness.send(
            modern("tools/call", "echo", call("echo", "{}"))
                .header("mcp-protocol-version", "2025-11-25")
                .build());

    // then
    assertThat(out.bodyText())
        .isEqualTo(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32020,\"message\":"
                + "\"Header mismatch: MCP-Protocol-Version header does not match _meta "
                + "io.modelcontextprotocol/protocolVersion\"}}");
    assertThat(out.status()).isEqualTo(400);
  }

  @Test
  void metaWithoutRequiredFieldsIsInvalidParamsWith400() {
    // when
    BufferedResponseStream out =
        harness.send(
            modern(
                    "server/discover",
                    null,
                    "{\"jsonrpc\":\"2.0\",\"id\":101,\"method\":\"server/discover\",\"params\":{"
                        + "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\"}}}")
                .build());

    // then
    assertError(out, 400, 101, -32602);
    assertThat(((FakeDispatcher) harness.dispatcher).seen).isEmpty();
  }

  @Test
  void methodHeaderMustBePresentAndEqualCaseSensitively() {
    assertError(
        harness.send(
            modern("tools/call", "echo", call("echo", "{}")).header("mcp-method", null).build()),
        400,
        1,
        -32020);
    assertError(
        harness.send(
            modern("tools/call", "echo", call("echo", "{}"))
                .header("mcp-method", "TOOLS/CALL")
                .build()),
        400,
        1,
        -32020);
    assertError(
        harness.send(
            modern("tools/call", "echo", call("echo", "{}"))
                .header("mcp-method", "prompts/get")
                .build()),
        400,
        1,
        -32020);
  }

  @Test
  void headerNamesAreCaseInsensitiveAndValuesTrimmed() {
    // when
    BufferedResponseStream out =
        harness.send(
            modern("tools/call", null, call("echo", "{}"))
                .header("MCP-METHOD", "tools/call")
                .header("Mcp-Name", "  echo  ")
                .build());

    // then
    assertThat(out.status()).isEqualTo(200);
  }

  @Test
  void nameHeaderMustMatchTheBody() {
    assertError(
        harness.send(modern("tools/call", "wrong_tool", call("echo", "{}")).build()),
        400,
        1,
        -32020);
    assertError(
        harness.send(modern("tools/call", null, call("echo", "{}")).build()), 400, 1, -32020);
  }

  @Test
  void aBase64SentinelNameIsDecodedBeforeComparing() {
    // given a tool name that is not header-safe
    String body = call("héllo wörld", "{}");

    // when
    BufferedResponseStream ok =
        harness.send(modern("tools/call", "=?base64?aMOpbGxvIHfDtnJsZA==?=", body).build());
    BufferedResponseStream bad =
        harness.send(modern("tools/call", "=?base64?aMOpbGxv!!?=", body).build());

    // then
    assertThat(ok.status()).isEqualTo(200);
    assertError(bad, 400, 1, -32020);
  }

  @Test
  void resourcesReadIsNamedByItsUri() {
    // given
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"resources/read\",\"params\":{"
            + "\"uri\":\"file:///a.txt\","
            + META
            + "}}";

    // when
    BufferedResponseStream ok =
        harness.send(modern("resources/read", "file:///a.txt", body).build());
    BufferedResponseStream bad =
        harness.send(modern("resources/read", "file:///b.txt", body).build());

    // then the fake answers -32601 for resources/read, which is 404 — past header validation
    assertThat(ok.status()).isEqualTo(404);
    assertError(bad, 400, 3, -32020);
  }

  @Test
  void mcpParamHeadersAreCheckedAgainstTheToolsXMcpHeaderArguments() {
    // given a tool whose region argument is mirrored into Mcp-Param-Region
    HandlerHarness h =
        new HandlerHarness(
            new FakeDispatcher(),
            new InMemorySessionStore(),
            HandlerHarness.settings(),
            ListChangeFeed.NONE,
            name ->
                name.equals("sql")
                    ? java.util.Optional.of(REGION_SCHEMA)
                    : java.util.Optional.empty());
    String body = call("sql", "{\"region\":\"us-west1\",\"query\":\"SELECT 1\"}");

    // when
    BufferedResponseStream ok =
        h.send(modern("tools/call", "sql", body).header("Mcp-Param-Region", "us-west1").build());
    BufferedResponseStream missing = h.send(modern("tools/call", "sql", body).build());
    BufferedResponseStream wrong =
        h.send(modern("tools/call", "sql", body).header("Mcp-Param-Region", "eu-west1").build());

    // then
    assertThat(ok.status()).isEqualTo(200);
    assertError(missing, 400, 1, -32020);
    assertError(wrong, 400, 1, -32020);
  }

  @Test
  void errorCodesMapToTheSpecsHttpStatuses() {
    assertError(
        harness.send(modern("nope/method", null, request("nope/method", "")).build()),
        404,
        7,
        -32601);
    assertError(
        harness.send(
            modern("unsupported/version", null, request("unsupported/version", "")).build()),
        400,
        7,
        -32022);
    assertError(
        harness.send(modern("missing/capability", null, request("missing/capability", "")).build()),
        400,
        7,
        -32021);
  }

  @Test
  void aMalformedLogLevelOrAnUnsupportedVersionIsRefusedBeforeTheDispatcher() {
    // given an envelope with an unknown log level, and one with a version this server lacks
    String loud =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"_meta\":{"
            + "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
            + "\"io.modelcontextprotocol/clientCapabilities\":{},"
            + "\"io.modelcontextprotocol/logLevel\":\"loud\"}}}";
    String old =
        "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\",\"params\":{\"_meta\":{"
            + "\"io.modelcontextprotocol/protocolVersion\":\"1999-01-01\","
            + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}";

    // when
    BufferedResponseStream badLevel = harness.send(modern("tools/list", null, loud).build());
    BufferedResponseStream badVersion =
        harness.send(
            modern("tools/list", null, old).header("mcp-protocol-version", "1999-01-01").build());

    // then
    assertError(badLevel, 400, 1, -32602);
    assertError(badVersion, 400, 2, -32022);
    assertThat(read(badVersion.bodyText()).path("error").path("data").path("requested").asText())
        .isEqualTo("1999-01-01");
    assertThat(((FakeDispatcher) harness.dispatcher).seen).isEmpty();
  }

  @Test
  void otherInvalidParamsStay200() {
    // given a dispatcher answering -32602 for an unknown tool
    FakeDispatcher unknownTool =
        new FakeDispatcher() {
          @Override
          public dev.mcplambda.protocol.Dispatched dispatch(
              dev.mcplambda.jsonrpc.JsonRpcRequest r,
              dev.mcplambda.protocol.CallContext c,
              dev.mcplambda.protocol.OutboundChannel ch) {
            return failed(r, "echo", new JsonRpcError(-32602, "Unknown tool"), "unknown_tool");
          }
        };
    HandlerHarness h =
        new HandlerHarness(
            unknownTool,
            new InMemorySessionStore(),
            HandlerHarness.settings(),
            ListChangeFeed.NONE);

    // when
    BufferedResponseStream out = h.send(modern("tools/call", "echo", call("echo", "{}")).build());

    // then
    assertError(out, 200, 1, -32602);
  }

  @Test
  void aSessionHeaderIsIgnoredWhenTheEnvelopeIsPresent() {
    // when
    BufferedResponseStream out =
        harness.send(
            modern("tools/call", "echo", call("echo", "{}"))
                .header("mcp-session-id", "unknown-session")
                .build());

    // then
    assertThat(out.status()).isEqualTo(200);
    assertThat(out.header("Mcp-Session-Id")).isNull();
  }

  @Test
  void aRequestWithoutEnvelopeOrSessionGetsTheModernErrors() {
    // when (a client that sends neither _meta nor a session)
    BufferedResponseStream out =
        harness.send(
            FunctionUrlRequests.post(
                    "/mcp", "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/list\"}")
                .header("mcp-protocol-version", "2026-07-28")
                .header("mcp-method", "tools/list")
                .build());

    // then
    assertError(out, 400, 5, -32602);
  }

  @Test
  void clientResponsesAreRefused() {
    // when
    BufferedResponseStream out =
        harness.send(
            FunctionUrlRequests.post("/mcp", "{\"jsonrpc\":\"2.0\",\"id\":5,\"result\":{}}")
                .build());

    // then
    assertThat(out.status()).isEqualTo(400);
  }

  @Test
  void listenAcknowledgesFirstAndClosesGracefullyBeforeTheDeadline() {
    // when (no change feed; the stream's deadline is 300 ms away)
    BufferedResponseStream out =
        harness.send(
            modern(
                    "subscriptions/listen",
                    null,
                    request(
                        "subscriptions/listen",
                        "\"notifications\":{\"toolsListChanged\":true,"
                            + "\"promptsListChanged\":true},"))
                .build(),
            300);

    // then: tools.listChanged is honoured (the dispatcher's capabilities say so), prompts are not
    assertThat(out.status()).isEqualTo(200);
    assertThat(out.header("Content-Type")).isEqualTo("text/event-stream");
    assertThat(out.bodyText())
        .isEqualTo(
            "data: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/subscriptions/acknowledged\","
                + "\"params\":{\"_meta\":{\"io.modelcontextprotocol/subscriptionId\":7},"
                + "\"notifications\":{\"toolsListChanged\":true}}}\n\n"
                + "data: {\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"resultType\":\"complete\","
                + "\"_meta\":{\"io.modelcontextprotocol/subscriptionId\":7}}}\n\n");
  }

  @Test
  void listenRelaysWantedChangesAndKeepsAlive() {
    // given a feed that reports a tools and a prompts change once, then nothing
    AtomicBoolean fired = new AtomicBoolean();
    ListChangeFeed feed =
        principal ->
            new ListChangeFeed.Watch() {
              @Override
              public long nextCheckAt() {
                return fired.get() ? Long.MAX_VALUE : 0;
              }

              @Override
              public CatalogChanges check() {
                fired.set(true);
                return CatalogChanges.of(
                    Set.of(ListChangeFeed.TOOLS, ListChangeFeed.PROMPTS), Set.of());
              }
            };
    HandlerHarness h =
        new HandlerHarness(
            new FakeDispatcher(),
            new InMemorySessionStore(),
            HandlerHarness.settings().withHeartbeat(Duration.ofMillis(20)),
            feed);

    // when
    BufferedResponseStream out =
        h.send(
            modern(
                    "subscriptions/listen",
                    null,
                    request(
                        "subscriptions/listen", "\"notifications\":{\"toolsListChanged\":true},"))
                .build(),
            300);

    // then
    String body = out.bodyText();
    assertThat(body)
        .contains(
            "data: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\","
                + "\"params\":{\"_meta\":{\"io.modelcontextprotocol/subscriptionId\":7}}}\n\n")
        .doesNotContain("prompts/list_changed")
        .contains(": keep-alive\n\n");
    assertThat(body.indexOf("acknowledged")).isLessThan(body.indexOf("tools/list_changed"));
    assertThat(body).endsWith("\"_meta\":{\"io.modelcontextprotocol/subscriptionId\":7}}}\n\n");
  }

  @Test
  void listenWithAnUnsupportedVersionIsRefusedLikeAnyRequest() {
    // when
    BufferedResponseStream out =
        harness.send(
            modern(
                    "subscriptions/listen",
                    null,
                    request("subscriptions/listen", "\"notifications\":{},")
                        .replace("2026-07-28", "2099-01-01"))
                .header("mcp-protocol-version", "2099-01-01")
                .build());

    // then
    assertError(out, 400, 7, -32022);
    assertThat(((FakeDispatcher) harness.dispatcher).seen).isEmpty();
  }

  static void assertError(BufferedResponseStream out, int status, int id, int code) {
    assertThat(out.status()).as(out.bodyText()).isEqualTo(status);
    assertThat(out.header("Content-Type")).isEqualTo("application/json");
    JsonNode body = read(out.bodyText());
    assertThat(body.path("id").asInt()).isEqualTo(id);
    assertThat(body.path("error").path("code").asInt()).as(out.bodyText()).isEqualTo(code);
  }

  static JsonNode read(String json) {
    try {
      return Json.readTree(json);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + json, e);
    }
  }

  /** What the dispatcher returns for a request it refuses with {@code error}. */
  private static Dispatched failed(
      JsonRpcRequest r, String target, JsonRpcError error, String detail) {
    Outcome.Failed outcome = new Outcome.Failed(error, detail);
    return new Dispatched(
        JsonRpcResponse.failure(r.id(), error),
        outcome,
        false,
        new RequestSummary(r.method(), target, null, "error", error.code(), detail));
  }
}
