package dev.mcplambda.transport;

import static dev.mcplambda.transport.FunctionUrlRequests.ALICE;
import static dev.mcplambda.transport.FunctionUrlRequests.BOB;
import static dev.mcplambda.transport.FunctionUrlRequests.get;
import static dev.mcplambda.transport.FunctionUrlRequests.post;
import static dev.mcplambda.transport.FunctionUrlRequests.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcplambda.protocol.Era;
import dev.mcplambda.runtime.BufferedResponseStream;
import dev.mcplambda.session.SessionRecord;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Golden wire format of {@code /mcp} for 2025 clients (Streamable HTTP with sessions). */
class StreamableHttpTransportContractTest {

  static final String INITIALIZE =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
          + "\"protocolVersion\":\"2025-11-25\",\"capabilities\":{\"roots\":{}},"
          + "\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}";

  static final String CALL =
      "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
          + "\"arguments\":{}}}";

  private final HandlerHarness harness = new HandlerHarness();

  private String initialize() {
    BufferedResponseStream out = harness.send(post("/mcp", INITIALIZE).build());
    assertThat(out.status()).isEqualTo(200);
    return out.header("Mcp-Session-Id");
  }

  @Test
  void initializeCreatesASessionBoundToTheCallerAndNamesItInAHeader() {
    // when
    BufferedResponseStream out = harness.send(post("/mcp", INITIALIZE).build());

    // then
    assertThat(out.status()).isEqualTo(200);
    assertThat(out.headers())
        .containsEntry("Content-Type", "application/json")
        .containsEntry("Mcp-Session-Id", "sess1");
    assertThat(out.bodyText())
        .isEqualTo(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"protocolVersion\":\"2025-11-25\","
                + "\"capabilities\":{},\"serverInfo\":{\"name\":\"fake\",\"version\":\"1\"}}}");
    SessionRecord session = harness.store.get("sess1").orElseThrow();
    assertThat(session.principal()).isEqualTo(ALICE);
    assertThat(session.era()).isEqualTo("streamable-http");
    assertThat(session.protocolVersion()).isEqualTo("2025-11-25");
    assertThat(session.clientInfo().path("name").asText()).isEqualTo("c");
    assertThat(session.clientCapabilities().has("roots")).isTrue();
    assertThat(session.createdAt()).isEqualTo(HandlerHarness.NOW.toEpochMilli());
    assertThat(session.expiresAt()).isEqualTo(HandlerHarness.NOW.getEpochSecond() + 3600);
  }

  @Test
  void requestsInTheSessionAreServedWithTheSessionsContext() {
    // given
    String id = initialize();

    // when
    BufferedResponseStream out =
        harness.send(
            post("/mcp", CALL)
                .header("mcp-session-id", id)
                .header("mcp-protocol-version", "2025-11-25")
                .build());

    // then
    assertThat(out.status()).isEqualTo(200);
    assertThat(out.bodyText())
        .isEqualTo(
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"content\":"
                + "[{\"type\":\"text\",\"text\":\"called echo\"}]}}");
    assertThat(out.header("Mcp-Session-Id")).isNull();
    FakeDispatcher.Seen seen = ((FakeDispatcher) harness.dispatcher).seen.get(1);
    assertThat(seen.context().era()).isEqualTo(Era.STREAMABLE_HTTP);
    assertThat(seen.context().session().sessionId()).isEqualTo(id);
    assertThat(seen.context().protocolVersion()).isEqualTo("2025-11-25");
  }

  @Test
  void progressBeforeTheResultStreamsOverSse() {
    // given
    String id = initialize();

    // when
    BufferedResponseStream out =
        harness.send(
            post(
                    "/mcp",
                    "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":"
                        + "{\"name\":\"echo\",\"arguments\":{\"progress\":1}}}")
                .header("mcp-session-id", id)
                .build());

    // then
    assertThat(out.header("Content-Type")).isEqualTo("text/event-stream");
    assertThat(out.bodyText())
        .isEqualTo(
            "data: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\","
                + "\"params\":{\"progressToken\":\"t\",\"progress\":1}}\n\n"
                + "data: {\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"content\":"
                + "[{\"type\":\"text\",\"text\":\"called echo\"}]}}\n\n");
  }

  @Test
  void notificationsAndClientResponsesGet202() {
    // given
    String id = initialize();

    // when
    BufferedResponseStream notification =
        harness.send(
            post("/mcp", "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
                .header("mcp-session-id", id)
                .build());
    BufferedResponseStream response =
        harness.send(
            post("/mcp", "{\"jsonrpc\":\"2.0\",\"id\":\"s1\",\"result\":{}}")
                .header("mcp-session-id", id)
                .build());

    // then
    assertThat(notification.status()).isEqualTo(202);
    assertThat(notification.bodyText()).isEmpty();
    assertThat(response.status()).isEqualTo(202);
    assertThat(((FakeDispatcher) harness.dispatcher).seen)
        .extracting(FakeDispatcher.Seen::kind)
        .containsExactly("request", "notification", "response");
  }

  @Test
  void unknownOrForeignSessionsAre404AndAMissingHeaderIs400() {
    // given
    String id = initialize();

    // when
    BufferedResponseStream missing =
        harness.send(
            post("/mcp", "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").build());
    BufferedResponseStream unknown =
        harness.send(post("/mcp", CALL).header("mcp-session-id", "nope").build());
    BufferedResponseStream foreign =
        harness.send(post("/mcp", CALL).header("mcp-session-id", id).principal(BOB).build());
    BufferedResponseStream getMissing = harness.send(get("/mcp").build());

    // then: a notification without session is stateless (202), everything else refused
    assertThat(missing.status()).isEqualTo(202);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.bodyText())
        .isEqualTo(
            "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,"
                + "\"message\":\"Session not found\"}}");
    assertThat(foreign.status()).isEqualTo(404);
    assertThat(getMissing.status()).isEqualTo(400);
  }

  @Test
  void aProtocolVersionHeaderOtherThanTheNegotiatedOneIs400() {
    // given
    String id = initialize();

    // when
    BufferedResponseStream out =
        harness.send(
            post("/mcp", CALL)
                .header("mcp-session-id", id)
                .header("mcp-protocol-version", "2025-06-18")
                .build());

    // then
    assertThat(out.status()).isEqualTo(400);
  }

  @Test
  void getStreamsQueuedMessagesWithSequenceIdsAndEndsWithARetryHint() {
    // given
    String id = initialize();
    harness.store.append(id, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/a\"}");
    harness.store.append(id, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/b\"}");

    // when
    BufferedResponseStream out =
        harness.send(get("/mcp").header("mcp-session-id", id).build(), 200);

    // then
    assertThat(out.status()).isEqualTo(200);
    assertThat(out.header("Content-Type")).isEqualTo("text/event-stream");
    assertThat(out.bodyText())
        .isEqualTo(
            "id: 1\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/a\"}\n\n"
                + "id: 2\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/b\"}\n\n"
                + "retry: 1000\n\n");
  }

  @Test
  void lastEventIdResumesAfterThatMessage() {
    // given
    String id = initialize();
    harness.store.append(id, "{\"n\":1}");
    harness.store.append(id, "{\"n\":2}");

    // when
    BufferedResponseStream out =
        harness.send(
            get("/mcp").header("mcp-session-id", id).header("last-event-id", "1").build(), 200);

    // then
    assertThat(out.bodyText()).isEqualTo("id: 2\ndata: {\"n\":2}\n\nretry: 1000\n\n");
  }

  @Test
  void getWithoutSseInAcceptIs406() {
    // given
    String id = initialize();

    // when
    BufferedResponseStream out =
        harness.send(
            get("/mcp").header("mcp-session-id", id).header("accept", "application/json").build());

    // then
    assertThat(out.status()).isEqualTo(406);
  }

  @Test
  void deleteEndsTheSessionAndItsStream() throws Exception {
    // given a session with an open GET stream
    String id = initialize();
    BufferedResponseStream stream = new BufferedResponseStream();
    CompletableFuture<Void> streaming =
        harness.sendAsync(get("/mcp").header("mcp-session-id", id).build(), stream, 60_000);

    // when
    BufferedResponseStream deleted =
        harness.send(request("DELETE", "/mcp").header("mcp-session-id", id).build());

    // then
    assertThat(deleted.status()).isEqualTo(204);
    assertThat(harness.store.get(id)).isEmpty();
    streaming.get(10, TimeUnit.SECONDS);
    assertThat(stream.bodyText()).doesNotContain("retry:");
    assertThat(harness.send(post("/mcp", CALL).header("mcp-session-id", id).build()).status())
        .isEqualTo(404);
  }

  @Test
  void aSessionOfTheLegacyTransportIsNotAStreamableOne() {
    // given a legacy session (sess1) that ends at once
    harness.send(get("/sse").build(), 0);

    // when
    BufferedResponseStream out =
        harness.send(post("/mcp", CALL).header("mcp-session-id", "sess1").build());

    // then
    assertThat(out.status()).isEqualTo(404);
  }
}
