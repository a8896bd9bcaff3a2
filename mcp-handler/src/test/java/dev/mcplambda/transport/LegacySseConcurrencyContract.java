package dev.mcplambda.transport;

import static dev.mcplambda.transport.FunctionUrlRequests.get;
import static dev.mcplambda.transport.FunctionUrlRequests.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcplambda.json.Json;
import dev.mcplambda.runtime.BufferedResponseStream;
import dev.mcplambda.session.SessionStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * 50 concurrent {@code POST /message} on one legacy SSE session: every response reaches the stream
 * exactly once. Each POST runs through its own {@link dev.mcplambda.McpHandler} and store instance
 * where the store allows it (as separate Lambda invocations would); subclasses supply the store.
 */
abstract class LegacySseConcurrencyContract {

  static final int POSTS = 50;

  /** A store; calls after the first see the same data through a separate client. */
  protected abstract SessionStore newStore();

  private final ExecutorService pool = Executors.newFixedThreadPool(16);

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  @Test
  void fiftyConcurrentPostsLoseAndDuplicateNothing() throws Exception {
    // given one stream holder and, for the POSTs, handlers on their own store instances
    HandlerHarness streamSide =
        new HandlerHarness(
            new FakeDispatcher(), newStore(), HandlerHarness.settings(), ListChangeFeed.NONE);
    BufferedResponseStream stream = new BufferedResponseStream();
    CompletableFuture<Void> streaming = streamSide.sendAsync(get("/sse").build(), stream, 120_000);
    assertThat(stream.awaitBodyContaining("sessionId=sess1", 20_000)).isTrue();
    List<HandlerHarness> postSides = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      postSides.add(
          new HandlerHarness(
              new FakeDispatcher(), newStore(), HandlerHarness.settings(), ListChangeFeed.NONE));
    }

    // when 50 POSTs race
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> statuses = new ArrayList<>();
    for (int i = 0; i < POSTS; i++) {
      int n = i;
      HandlerHarness side = postSides.get(i % postSides.size());
      statuses.add(
          pool.submit(
              () -> {
                start.await();
                return side.send(
                        post(
                                "/message",
                                "{\"jsonrpc\":\"2.0\",\"id\":"
                                    + n
                                    + ",\"method\":\"tools/call\",\"params\":{\"name\":\"t"
                                    + n
                                    + "\",\"arguments\":{}}}")
                            .query("sessionId", "sess1")
                            .build())
                    .status();
              }));
    }
    start.countDown();
    for (Future<Integer> status : statuses) {
      assertThat(status.get(60, TimeUnit.SECONDS)).isEqualTo(202);
    }
    assertThat(stream.awaitBodyContaining("called t", 20_000)).isTrue();
    waitForEvents(stream, POSTS + 1);
    streamSide.store.delete("sess1"); // ends the stream
    streaming.get(30, TimeUnit.SECONDS);

    // then every id arrived exactly once, each as its own well-formed message event
    String body = stream.bodyText();
    String[] blocks = body.split("\n\n");
    assertThat(blocks[0]).isEqualTo("event: endpoint\nid: sess1:0\ndata: /message?sessionId=sess1");
    List<Long> sequence = new ArrayList<>();
    Map<Integer, Integer> seen = new HashMap<>();
    for (int i = 1; i < blocks.length; i++) {
      if (blocks[i].startsWith(": ping")) {
        continue;
      }
      assertThat(blocks[i]).startsWith("event: message\nid: sess1:");
      int dataAt = blocks[i].indexOf("\ndata: ");
      sequence.add(
          Long.parseLong(blocks[i].substring("event: message\nid: sess1:".length(), dataAt)));
      JsonNode message = Json.readTree(blocks[i].substring(dataAt + "\ndata: ".length()));
      int id = message.path("id").asInt();
      assertThat(message.path("result").path("content").get(0).path("text").asText())
          .isEqualTo("called t" + id);
      seen.merge(id, 1, Integer::sum);
    }
    assertThat(seen).hasSize(POSTS);
    assertThat(seen.values()).allMatch(count -> count == 1);
    assertThat(sequence).isSortedAccordingTo(Long::compare).hasSize(POSTS);
    assertThat(sequence.get(0)).isEqualTo(1);
    assertThat(sequence.get(POSTS - 1)).isEqualTo(POSTS);
  }

  /** Waits (bounded) until the stream holds {@code count} events; the assertions decide. */
  private static void waitForEvents(BufferedResponseStream stream, int count)
      throws InterruptedException {
    long end = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < end
        && stream.bodyText().split("event: ", -1).length - 1 < count) {
      Thread.sleep(20);
    }
  }
}
