package dev.mcplambda.transport;

import static dev.mcplambda.transport.FunctionUrlRequests.BOB;
import static dev.mcplambda.transport.FunctionUrlRequests.get;
import static dev.mcplambda.transport.FunctionUrlRequests.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcplambda.protocol.Era;
import dev.mcplambda.runtime.BufferedResponseStream;
import dev.mcplambda.store.memory.InMemorySessionStore;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Golden wire format of the 2024-11-05 HTTP+SSE transport ({@code GET /sse}, {@code /message}). */
class LegacySseTransportContractTest {

  static final String INITIALIZE =
      "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{"
          + "\"protocolVersion\":\"2024-11-05\",\"capabilities\":{},"
          + "\"clientInfo\":{\"name\":\"seed\",\"version\":\"1\"}}}";

  private final HandlerHarness harness = new HandlerHarness();

  @Test
  void theFirstEventIsTheEndpointAndTheStreamEndsCleanlyAtTheDeadline() {
    // when (deadline already reached: the stream opens, announces and ends)
    BufferedResponseStream out = harness.send(get("/sse").build(), 0);

    // then
    assertThat(out.status()).isEqualTo(200);
    assertThat(out.headers())
        .containsEntry("Content-Type", "text/event-stream")
        .containsEntry("Cache-Control", "no-cache")
        .containsEntry("X-Accel-Buffering", "no");
    assertThat(out.bodyText())
        .isEqualTo(
            "event: endpoint\nid: sess1:0\ndata: /message?sessionId=sess1\n\nretry: 1000\n\n");
    assertThat(harness.store.get("sess1").orElseThrow().era()).isEqualTo("legacy-sse");
  }

  @Test
  void postedMessagesAreAnswered202AndTheirResponsesArriveAsMessageEvents() throws Exception {
    // given an open stream
    BufferedResponseStream stream = new BufferedResponseStream();
    CompletableFuture<Void> streaming = harness.sendAsync(get("/sse").build(), stream, 60_000);
    assertThat(stream.awaitBodyContaining("sessionId=sess1", 10_000)).isTrue();

    // when
    BufferedResponseStream init =
        harness.send(post("/message", INITIALIZE).query("sessionId", "sess1").build());
    BufferedResponseStream initialized =
        harness.send(
            post("/message", "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
                .query("sessionId", "sess1")
                .build());
    BufferedResponseStream call =
        harness.send(
            post(
                    "/message",
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":"
                        + "{\"name\":\"echo\",\"arguments\":{}}}")
                .query("sessionId", "sess1")
                .build());
    assertThat(stream.awaitBodyContaining("called echo", 10_000)).isTrue();
    harness.store.delete("sess1"); // ends the stream
    streaming.get(10, TimeUnit.SECONDS);

    // then
    assertThat(init.status()).isEqualTo(202);
    assertThat(init.bodyText()).isEmpty();
    assertThat(initialized.status()).isEqualTo(202);
    assertThat(call.status()).isEqualTo(202);
    assertThat(stream.bodyText())
        .isEqualTo(
            "event: endpoint\nid: sess1:0\ndata: /message?sessionId=sess1\n\n"
                + "event: message\nid: sess1:1\ndata: {\"jsonrpc\":\"2.0\",\"id\":0,\"result\":{"
                + "\"protocolVersion\":\"2024-11-05\",\"capabilities\":{},"
                + "\"serverInfo\":{\"name\":\"fake\",\"version\":\"1\"}}}\n\n"
                + "event: message\nid: sess1:2\ndata: {\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":"
                + "[{\"type\":\"text\",\"text\":\"called echo\"}]}}\n\n");
    FakeDispatcher.Seen seen = ((FakeDispatcher) harness.dispatcher).seen.get(2);
    assertThat(seen.context().era()).isEqualTo(Era.LEGACY_SSE);
    assertThat(seen.context().protocolVersion()).isEqualTo("2024-11-05");
    assertThat(seen.context().clientInfo().path("name").asText()).isEqualTo("seed");
  }

  @Test
  void quietStreamsGetPingComments() {
    // given a 20 ms heartbeat
    HandlerHarness h =
        new HandlerHarness(
            new FakeDispatcher(),
            new InMemorySessionStore(),
            HandlerHarness.settings().withHeartbeat(Duration.ofMillis(20)),
            ListChangeFeed.NONE);

    // when the stream lives for 300 ms
    BufferedResponseStream out = h.send(get("/sse").build(), 300);

    // then
    assertThat(out.bodyText())
        .startsWith("event: endpoint\nid: sess1:0\ndata: /message?sessionId=sess1\n\n: ping\n\n")
        .endsWith(": ping\n\nretry: 1000\n\n");
  }

  @Test
  void messagesQueuedWhileNoStreamWasOpenAreDeliveredOnceByTheNextStream() {
    // given a session whose stream ended, and a message posted afterwards
    harness.send(get("/sse").build(), 0);
    harness.send(
        post("/message", "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"ping\"}")
            .query("sessionId", "sess1")
            .build());

    // then the message is queued for the session
    assertThat(harness.store.get("sess1")).isPresent();
    assertThat(harness.store.append("sess1", "{}")).isEqualTo(2);
  }

  @Test
  void aReconnectWithLastEventIdResumesTheSessionAfterThatMessage() {
    // given a session whose stream ended and which has two queued replies
    harness.send(get("/sse").build(), 0);
    harness.store.append("sess1", "{\"n\":1}");
    harness.store.append("sess1", "{\"n\":2}");

    // when the client reconnects having seen the first
    BufferedResponseStream out =
        harness.send(get("/sse").header("last-event-id", "sess1:1").build(), 0);

    // then the same session continues with the second
    assertThat(out.bodyText())
        .isEqualTo(
            "event: endpoint\nid: sess1:1\ndata: /message?sessionId=sess1\n\n"
                + "event: message\nid: sess1:2\ndata: {\"n\":2}\n\n"
                + "retry: 1000\n\n");
  }

  @Test
  void aLastEventIdOfAnotherPrincipalsOrAnUnknownSessionStartsANewSession() {
    // given alice's session
    harness.send(get("/sse").build(), 0);

    // when bob, and then someone with a made-up id, reconnect with it
    BufferedResponseStream bob =
        harness.send(get("/sse").header("last-event-id", "sess1:0").principal(BOB).build(), 0);
    BufferedResponseStream forged =
        harness.send(get("/sse").header("last-event-id", "nope:7\r\nX: y").build(), 0);

    // then each gets a fresh session
    assertThat(bob.bodyText()).startsWith("event: endpoint\nid: sess2:0\n");
    assertThat(harness.store.get("sess2").orElseThrow().principal()).isEqualTo(BOB);
    assertThat(forged.status()).isEqualTo(400); // CR/LF in a header never gets that far
  }

  @Test
  void unknownForeignOrMissingSessionsAreRefused() {
    // given
    harness.send(get("/sse").build(), 0);

    // when
    BufferedResponseStream unknown =
        harness.send(post("/message", INITIALIZE).query("sessionId", "nope").build());
    BufferedResponseStream foreign =
        harness.send(
            post("/message", INITIALIZE).query("sessionId", "sess1").principal(BOB).build());
    BufferedResponseStream missing = harness.send(post("/message", INITIALIZE).build());

    // then
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(foreign.status()).isEqualTo(404);
    assertThat(missing.status()).isEqualTo(400);
    assertThat(((FakeDispatcher) harness.dispatcher).seen).isEmpty();
  }

  @Test
  void malformedMessagesAre400WithAJsonRpcErrorAndNothingQueued() {
    // given
    harness.send(get("/sse").build(), 0);

    // when
    BufferedResponseStream out =
        harness.send(post("/message", "{not json").query("sessionId", "sess1").build());

    // then
    assertThat(out.status()).isEqualTo(400);
    assertThat(out.bodyText())
        .isEqualTo(
            "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,"
                + "\"message\":\"Parse error: not valid JSON\"}}");
    assertThat(harness.store.append("sess1", "{}")).isEqualTo(1);
  }

  @Test
  void getSseNeedsEventStreamInAccept() {
    // when
    BufferedResponseStream out =
        harness.send(get("/sse").header("accept", "application/json").build());

    // then
    assertThat(out.status()).isEqualTo(406);
    assertThat(harness.store.get("sess1")).isEmpty();
  }
}
