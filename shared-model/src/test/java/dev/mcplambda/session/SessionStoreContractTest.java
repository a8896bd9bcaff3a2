package dev.mcplambda.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.json.Json;
import dev.mcplambda.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link SessionStore} must have (tables: template.yaml, storage). Subclasses
 * supply a fresh store; the suite ships in the test-jar.
 *
 * <p>No test asserts a duration: waits that must end early are bounded by a generous guard (a
 * {@link Future#get} timeout far shorter than the poll's own {@code maxWait}), so a store that
 * fails to wake a waiter fails the test instead of passing slowly.
 */
public abstract class SessionStoreContractTest {

  protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration LONG_WAIT = Duration.ofMinutes(5);
  private static final long GUARD_SECONDS = 60;
  private static final int WRITERS = 50;

  /** Stands still unless a test moves it. */
  protected final MutableClock clock = new MutableClock(T0);

  protected SessionStore store;
  private ExecutorService executor;

  /** A fresh, empty store that decides expiry with {@code clock}. */
  protected abstract SessionStore newStore(Clock clock);

  /**
   * Another handle on the data of the store made by the last {@link #newStore}, as a separate
   * process (Lambda invocation) would hold. The in-memory store returns the same instance.
   */
  protected SessionStore anotherProcess() {
    return store;
  }

  @BeforeEach
  void freshStore() {
    store = newStore(clock);
    executor = Executors.newCachedThreadPool();
  }

  @AfterEach
  void stopThreads() throws InterruptedException {
    executor.shutdownNow();
    executor.awaitTermination(10, TimeUnit.SECONDS);
  }

  // ---- create / get / update / delete ----

  @Test
  void createdSessionRoundTripsEveryField() {
    // given
    SessionRecord session = fullSession(newId());

    // when
    store.create(session);

    // then
    assertThat(store.get(session.sessionId())).contains(session);
    assertThat(anotherProcess().get(session.sessionId())).contains(session);
  }

  @Test
  void absentOptionalFieldsStayAbsent() {
    // given a session without client info, capabilities, log level, subscriptions or expiry
    SessionRecord session =
        SessionRecord.builder(newId(), "arn:aws:iam::123456789012:user/bob")
            .era("streamable-http")
            .protocolVersion("2025-06-18")
            .createdAt(T0.toEpochMilli())
            .lastSeenAt(T0.toEpochMilli())
            .expiresAt(0)
            .build();

    // when
    store.create(session);

    // then
    assertThat(store.get(session.sessionId())).contains(session);
  }

  @Test
  void getOfUnknownSessionIsEmpty() {
    assertThat(store.get(newId())).isEmpty();
    assertThat(store.get(null)).isEmpty();
  }

  @Test
  void createOfAnExistingSessionFailsAndKeepsTheFirst() {
    // given
    SessionRecord first = fullSession(newId());
    store.create(first);
    SessionRecord second =
        withPrincipal(fullSession(first.sessionId()), "arn:aws:iam::999999999999:user/mallory");

    // when / then
    assertThatThrownBy(() -> anotherProcess().create(second))
        .isInstanceOf(SessionAlreadyExistsException.class)
        .isInstanceOf(IllegalStateException.class);
    assertThat(store.get(first.sessionId())).contains(first);
  }

  @Test
  void updateSetsTheNamedAttributesAndKeepsTheRest() {
    // given
    SessionRecord session = fullSession(newId());
    store.create(session);
    SessionUpdate changes =
        new SessionUpdate(
            "2025-06-18",
            null,
            json("{\"elicitation\":{}}"),
            "error",
            session.lastSeenAt() + 5_000,
            session.expiresAt() + 600);

    // when
    store.update(session.sessionId(), changes);

    // then
    SessionRecord expected =
        new SessionRecord(
            session.sessionId(),
            session.principal(),
            session.era(),
            "2025-06-18",
            session.clientInfo(),
            json("{\"elicitation\":{}}"),
            "error",
            session.createdAt(),
            session.lastSeenAt() + 5_000,
            session.expiresAt() + 600,
            session.subscriptions());
    assertThat(store.get(session.sessionId())).contains(expected);
    assertThat(changes.applyTo(session)).isEqualTo(expected);
  }

  @Test
  void anUpdateToExpiryZeroRemovesTheExpiry() {
    SessionRecord session = fullSession(newId());
    store.create(session);

    store.update(session.sessionId(), SessionUpdate.seen(session.lastSeenAt() + 1, 0));

    assertThat(store.get(session.sessionId()))
        .hasValueSatisfying(s -> assertThat(s.expiresAt()).isZero());
  }

  @Test
  void updateSubscriptionsAppliesTheChangeToTheStoredState() {
    // given
    SessionRecord session = fullSession(newId());
    store.create(session);

    // when
    Optional<JsonNode> after =
        anotherProcess()
            .updateSubscriptions(
                session.sessionId(),
                current -> json(current.toString().replace("file:///a", "file:///b")));

    // then
    assertThat(after).contains(json("{\"resources\":[\"file:///b\"]}"));
    assertThat(store.get(session.sessionId()).orElseThrow().subscriptions())
        .isEqualTo(json("{\"resources\":[\"file:///b\"]}"));
  }

  @Test
  void updateSubscriptionsStartsFromNullAndLeavesUnknownSessionsAlone() {
    // given a session without subscriptions
    SessionRecord session = withSubscriptions(fullSession(newId()), null);
    store.create(session);
    List<JsonNode> seen = new ArrayList<>();

    // when
    Optional<JsonNode> after =
        store.updateSubscriptions(
            session.sessionId(),
            current -> {
              seen.add(current);
              return json("{\"resources\":[\"x:1\"]}");
            });
    Optional<JsonNode> unknown = store.updateSubscriptions(newId(), current -> json("{}"));

    // then
    assertThat(seen).containsOnlyNulls();
    assertThat(after).contains(json("{\"resources\":[\"x:1\"]}"));
    assertThat(unknown).isEmpty();
  }

  /**
   * A touch of {@code lastSeenAt}, a {@code logging/setLevel} and subscribes from two other
   * processes, all at once on one session: every one of them is in the final record. (With
   * whole-record writes, each writer put back the attributes it had read, undoing the others.)
   */
  @Test
  void concurrentUpdatesOfDifferentAttributesAreAllKept() throws Exception {
    // given
    SessionRecord session = fullSession(newId());
    store.create(session);
    String id = session.sessionId();
    int rounds = 40;
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> workers = new ArrayList<>();

    // when
    SessionStore toucher = anotherProcess();
    workers.add(
        executor.submit(
            () -> {
              go.await();
              for (int i = 1; i <= rounds; i++) {
                toucher.update(
                    id, SessionUpdate.seen(session.lastSeenAt() + i, session.expiresAt() + i));
              }
              return null;
            }));
    SessionStore leveller = anotherProcess();
    workers.add(
        executor.submit(
            () -> {
              go.await();
              for (int i = 1; i <= rounds; i++) {
                leveller.update(id, SessionUpdate.logLevel(i == rounds ? "critical" : "debug"));
              }
              return null;
            }));
    for (int w = 0; w < 2; w++) {
      SessionStore subscriber = anotherProcess();
      String prefix = "test://w" + w + "/";
      workers.add(
          executor.submit(
              () -> {
                go.await();
                for (int i = 0; i < rounds / 4; i++) {
                  String uri = prefix + i;
                  subscriber.updateSubscriptions(
                      id,
                      current -> {
                        ObjectNode next = ((ObjectNode) current).deepCopy();
                        next.withArray("resources").add(uri);
                        return next;
                      });
                }
                return null;
              }));
    }
    go.countDown();
    for (Future<?> f : workers) {
      f.get(GUARD_SECONDS, TimeUnit.SECONDS);
    }

    // then
    SessionRecord last = store.get(id).orElseThrow();
    assertThat(last.lastSeenAt()).isEqualTo(session.lastSeenAt() + rounds);
    assertThat(last.expiresAt()).isEqualTo(session.expiresAt() + rounds);
    assertThat(last.logLevel()).isEqualTo("critical");
    List<String> uris = new ArrayList<>();
    last.subscriptions().get("resources").forEach(u -> uris.add(u.asText()));
    List<String> expected = new ArrayList<>(List.of("file:///a"));
    for (int w = 0; w < 2; w++) {
      for (int i = 0; i < rounds / 4; i++) {
        expected.add("test://w" + w + "/" + i);
      }
    }
    assertThat(uris).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(last.clientInfo()).isEqualTo(session.clientInfo());
    assertThat(last.protocolVersion()).isEqualTo(session.protocolVersion());
  }

  @Test
  void messagesOverTheItemLimitAreRefusedAndTakeNoSequenceNumber() throws InterruptedException {
    // given
    String id = created();
    String huge = "\"" + "x".repeat(SessionStore.MAX_MESSAGE_BYTES) + "\"";

    // when / then
    assertThatThrownBy(() -> store.append(id, huge))
        .isInstanceOf(MessageTooLargeException.class)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("390000 bytes");
    assertThat(store.append(id, "{\"n\":1}")).isEqualTo(1);
    store.expectResponse(id, "r1");
    assertThatThrownBy(() -> store.putResponse(id, "r1", huge))
        .isInstanceOf(MessageTooLargeException.class);
    assertThat(store.poll(id, 0, Duration.ofSeconds(5))).hasSize(1);
  }

  @Test
  void updateDoesNotTouchTheMessageSequence() throws InterruptedException {
    // given
    SessionRecord session = fullSession(newId());
    store.create(session);
    store.append(session.sessionId(), "{\"n\":1}");
    store.append(session.sessionId(), "{\"n\":2}");

    // when
    store.update(session.sessionId(), SessionUpdate.logLevel("warning"));
    long third = store.append(session.sessionId(), "{\"n\":3}");

    // then
    assertThat(third).isEqualTo(3);
    assertThat(store.poll(session.sessionId(), 0, Duration.ofSeconds(5)))
        .extracting(StoredMessage::seq)
        .containsExactly(1L, 2L, 3L);
  }

  @Test
  void updateOfUnknownSessionDoesNotCreateIt() {
    // given
    SessionRecord session = fullSession(newId());

    // when
    store.update(session.sessionId(), SessionUpdate.logLevel("debug"));
    store.updateSubscriptions(session.sessionId(), current -> json("{}"));

    // then
    assertThat(store.get(session.sessionId())).isEmpty();
  }

  @Test
  void updateOfDeletedSessionDoesNotResurrectIt() {
    // given
    SessionRecord session = fullSession(newId());
    store.create(session);
    store.delete(session.sessionId());

    // when
    anotherProcess().update(session.sessionId(), SessionUpdate.logLevel("debug"));
    anotherProcess().updateSubscriptions(session.sessionId(), current -> json("{}"));

    // then
    assertThat(store.get(session.sessionId())).isEmpty();
  }

  @Test
  void deleteRemovesTheSessionAndItsMessages() throws InterruptedException {
    // given
    SessionRecord session = fullSession(newId());
    store.create(session);
    store.append(session.sessionId(), "{\"old\":1}");
    store.append(session.sessionId(), "{\"old\":2}");

    // when
    store.delete(session.sessionId());

    // then the session is gone, and a new session under the same id starts with no messages
    assertThat(store.get(session.sessionId())).isEmpty();
    assertThat(store.poll(session.sessionId(), 0, Duration.ofMillis(200))).isEmpty();
    store.create(session);
    assertThat(store.poll(session.sessionId(), 0, Duration.ofMillis(200))).isEmpty();
    assertThat(store.append(session.sessionId(), "{\"new\":1}")).isEqualTo(1);
    assertThat(store.poll(session.sessionId(), 0, Duration.ofSeconds(5)))
        .containsExactly(new StoredMessage(1, "{\"new\":1}"));
  }

  @Test
  void deleteOfUnknownSessionIsIgnored() {
    // given
    SessionRecord other = fullSession(newId());
    store.create(other);

    // when / then
    assertThatCode(() -> store.delete(newId())).doesNotThrowAnyException();
    assertThatCode(() -> store.delete(null)).doesNotThrowAnyException();
    assertThat(store.get(other.sessionId())).contains(other);
  }

  // ---- expiry ----

  @Test
  void expiredSessionIsInvisible() throws InterruptedException {
    // given a session that expires 60 s from now, with one message
    SessionRecord session = withExpiry(fullSession(newId()), T0.getEpochSecond() + 60);
    store.create(session);
    store.append(session.sessionId(), "{\"n\":1}");

    // when the clock reaches the expiry second, the session is still there
    clock.set(Instant.ofEpochSecond(session.expiresAt()));
    assertThat(store.get(session.sessionId())).contains(session);

    // when it passes it
    clock.advance(Duration.ofSeconds(1));

    // then every operation treats it as absent
    assertThat(store.get(session.sessionId())).isEmpty();
    assertThat(store.poll(session.sessionId(), 0, Duration.ofMillis(200))).isEmpty();
    assertThatThrownBy(() -> store.append(session.sessionId(), "{\"n\":2}"))
        .isInstanceOf(SessionNotFoundException.class);
    store.update(
        session.sessionId(), SessionUpdate.seen(T0.toEpochMilli(), T0.getEpochSecond() + 3600));
    assertThat(store.get(session.sessionId())).isEmpty();
  }

  @Test
  void createOverAnExpiredSessionStartsAfresh() throws InterruptedException {
    // given an expired session with messages
    SessionRecord old = withExpiry(fullSession(newId()), T0.getEpochSecond() + 60);
    store.create(old);
    store.append(old.sessionId(), "{\"old\":1}");
    store.append(old.sessionId(), "{\"old\":2}");
    clock.advance(Duration.ofMinutes(2));

    // when
    SessionRecord fresh = withExpiry(old, T0.getEpochSecond() + 3600);
    store.create(fresh);

    // then
    assertThat(store.get(fresh.sessionId())).contains(fresh);
    assertThat(store.append(fresh.sessionId(), "{\"new\":1}")).isEqualTo(1);
    assertThat(store.poll(fresh.sessionId(), 0, Duration.ofSeconds(5)))
        .containsExactly(new StoredMessage(1, "{\"new\":1}"));
  }

  // ---- append / poll ----

  @Test
  void appendToUnknownSessionFailsClearly() {
    assertThatThrownBy(() -> store.append(newId(), "{}"))
        .isInstanceOf(SessionNotFoundException.class)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no such session");
  }

  @Test
  void appendToDeletedSessionFailsClearly() {
    // given
    SessionRecord session = fullSession(newId());
    store.create(session);
    store.append(session.sessionId(), "{}");
    store.delete(session.sessionId());

    // when / then
    assertThatThrownBy(() -> anotherProcess().append(session.sessionId(), "{}"))
        .isInstanceOf(SessionNotFoundException.class)
        .hasMessageContaining("no such session");
  }

  @Test
  void appendNumbersFromOneAndPollReturnsInOrder() throws InterruptedException {
    // given
    String id = created();

    // when
    long a = store.append(id, "{\"m\":\"a\"}");
    long b = store.append(id, "{\"m\":\"b\"}");
    long c = store.append(id, "{\"m\":\"c\"}");

    // then
    assertThat(List.of(a, b, c)).containsExactly(1L, 2L, 3L);
    assertThat(anotherProcess().poll(id, 0, Duration.ofSeconds(5)))
        .containsExactly(
            new StoredMessage(1, "{\"m\":\"a\"}"),
            new StoredMessage(2, "{\"m\":\"b\"}"),
            new StoredMessage(3, "{\"m\":\"c\"}"));
  }

  @Test
  void pollFromTheMiddleReturnsOnlyLaterMessages() throws InterruptedException {
    // given
    String id = created();
    for (int i = 1; i <= 5; i++) {
      store.append(id, "{\"i\":" + i + "}");
    }

    // when
    List<StoredMessage> later = store.poll(id, 2, Duration.ofSeconds(5));

    // then
    assertThat(later)
        .containsExactly(
            new StoredMessage(3, "{\"i\":3}"),
            new StoredMessage(4, "{\"i\":4}"),
            new StoredMessage(5, "{\"i\":5}"));
  }

  @Test
  void pollWithNothingNewReturnsEmptyAfterMaxWait() throws InterruptedException {
    // given one session without messages and one whose messages were all read
    String empty = created();
    String read = created();
    store.append(read, "{}");
    store.append(read, "{}");

    // when / then
    assertThat(store.poll(empty, 0, Duration.ofMillis(200))).isEmpty();
    assertThat(store.poll(read, 2, Duration.ofMillis(200))).isEmpty();
    assertThat(store.poll(read, 7, Duration.ZERO)).isEmpty();
  }

  @Test
  void pollOfUnknownSessionIsEmpty() throws InterruptedException {
    assertThat(store.poll(newId(), 0, Duration.ofMillis(200))).isEmpty();
  }

  @Test
  void pollRejectsANegativeSequenceNumber() {
    String id = created();
    assertThatThrownBy(() -> store.poll(id, -1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sessionsHaveIndependentSequences() throws InterruptedException {
    // given
    String a = created();
    String b = created();

    // when
    long a1 = store.append(a, "{\"s\":\"a1\"}");
    long b1 = store.append(b, "{\"s\":\"b1\"}");
    long a2 = store.append(a, "{\"s\":\"a2\"}");

    // then
    assertThat(List.of(a1, b1, a2)).containsExactly(1L, 1L, 2L);
    assertThat(store.poll(b, 0, Duration.ofSeconds(5)))
        .containsExactly(new StoredMessage(1, "{\"s\":\"b1\"}"));
    assertThat(store.poll(a, 0, Duration.ofSeconds(5)))
        .containsExactly(
            new StoredMessage(1, "{\"s\":\"a1\"}"), new StoredMessage(2, "{\"s\":\"a2\"}"));
  }

  @Test
  void aWaitingPollIsWokenByAnAppendFromAnotherThread() throws Exception {
    // given a poll waiting far longer than the guard below
    String id = created();
    Future<List<StoredMessage>> waiting = executor.submit(() -> store.poll(id, 0, LONG_WAIT));
    Thread.sleep(200); // give it time to start waiting (not required for correctness)

    // when
    long seq = executor.submit(() -> anotherProcess().append(id, "{\"wake\":true}")).get();

    // then
    assertThat(waiting.get(GUARD_SECONDS, TimeUnit.SECONDS))
        .containsExactly(new StoredMessage(seq, "{\"wake\":true}"));
  }

  @Test
  void aWaitingPollEndsWhenItsSessionIsDeleted() throws Exception {
    // given
    String id = created();
    Future<List<StoredMessage>> waiting = executor.submit(() -> store.poll(id, 0, LONG_WAIT));
    Thread.sleep(200);

    // when
    anotherProcess().delete(id);

    // then
    assertThat(waiting.get(GUARD_SECONDS, TimeUnit.SECONDS)).isEmpty();
  }

  // ---- inbound responses to server-to-client requests ----

  private static final String RESPONSE = "{\"jsonrpc\":\"2.0\",\"id\":\"r1\",\"result\":{}}";

  @Test
  void anExpectedResponsePutByAnotherProcessIsReturnedOnce() throws InterruptedException {
    // given
    String id = created();
    store.expectResponse(id, "r1");

    // when
    boolean stored = anotherProcess().putResponse(id, "r1", RESPONSE);

    // then
    assertThat(stored).isTrue();
    assertThat(store.awaitResponse(id, "r1", Duration.ofSeconds(5))).contains(RESPONSE);
    assertThat(store.awaitResponse(id, "r1", Duration.ofSeconds(5))).isEmpty();
  }

  @Test
  void aWaitingAwaitIsWokenByAPutFromAnotherThread() throws Exception {
    // given an await waiting far longer than the guard below
    String id = created();
    store.expectResponse(id, "r1");
    Future<Optional<String>> waiting =
        executor.submit(() -> store.awaitResponse(id, "r1", LONG_WAIT));
    Thread.sleep(200);

    // when
    boolean stored = executor.submit(() -> anotherProcess().putResponse(id, "r1", RESPONSE)).get();

    // then
    assertThat(stored).isTrue();
    assertThat(waiting.get(GUARD_SECONDS, TimeUnit.SECONDS)).contains(RESPONSE);
  }

  @Test
  void aResponseToAnUnexpectedIdIsRefused() throws InterruptedException {
    // given
    String id = created();

    // when
    boolean stored = anotherProcess().putResponse(id, "never-sent", RESPONSE);

    // then nothing was stored and an await for it ends at once (guarded: maxWait is long)
    assertThat(stored).isFalse();
    assertThat(awaitGuarded(id, "never-sent")).isEmpty();
  }

  @Test
  void aSecondResponseIsRefusedAndTheFirstWins() throws InterruptedException {
    // given
    String id = created();
    store.expectResponse(id, "r1");
    anotherProcess().putResponse(id, "r1", RESPONSE);

    // when
    boolean second = anotherProcess().putResponse(id, "r1", "{\"jsonrpc\":\"2.0\",\"id\":2}");

    // then
    assertThat(second).isFalse();
    assertThat(store.awaitResponse(id, "r1", Duration.ZERO)).contains(RESPONSE);
  }

  @Test
  void aResponseForAnotherSessionsRequestIsRefused() throws InterruptedException {
    // given a request expected by session A
    String a = created();
    String b = created();
    store.expectResponse(a, "r1");

    // when session B answers it
    boolean stored = anotherProcess().putResponse(b, "r1", RESPONSE);

    // then A still waits for its own client's answer
    assertThat(stored).isFalse();
    assertThat(anotherProcess().putResponse(a, "r1", RESPONSE)).isTrue();
    assertThat(store.awaitResponse(a, "r1", Duration.ZERO)).contains(RESPONSE);
  }

  @Test
  void anAwaitThatTimesOutEndsTheExpectation() throws InterruptedException {
    // given
    String id = created();
    store.expectResponse(id, "r1");

    // when
    Optional<String> early = store.awaitResponse(id, "r1", Duration.ofMillis(100));

    // then a late response is refused
    assertThat(early).isEmpty();
    assertThat(anotherProcess().putResponse(id, "r1", RESPONSE)).isFalse();
  }

  @Test
  void aWaitingAwaitEndsWhenItsSessionIsDeleted() throws Exception {
    // given
    String id = created();
    store.expectResponse(id, "r1");
    Future<Optional<String>> waiting =
        executor.submit(() -> store.awaitResponse(id, "r1", LONG_WAIT));
    Thread.sleep(200);

    // when
    anotherProcess().delete(id);

    // then
    assertThat(waiting.get(GUARD_SECONDS, TimeUnit.SECONDS)).isEmpty();
    assertThat(anotherProcess().putResponse(id, "r1", RESPONSE)).isFalse();
  }

  @Test
  void expectingAResponseNeedsALiveSessionAndASaneId() {
    String id = created();
    assertThatThrownBy(() -> store.expectResponse(newId(), "r1"))
        .isInstanceOf(SessionNotFoundException.class);
    assertThatThrownBy(() -> store.expectResponse(id, ""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.expectResponse(id, "x".repeat(201)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.putResponse(id, "x".repeat(5000), RESPONSE)).isFalse();
    assertThat(store.putResponse(newId(), "r1", RESPONSE)).isFalse();
  }

  @Test
  void responsesAreNotOutboundMessages() throws InterruptedException {
    // given
    String id = created();
    store.expectResponse(id, "r1");
    store.putResponse(id, "r1", RESPONSE);

    // when
    long seq = store.append(id, "{\"n\":1}");

    // then
    assertThat(seq).isEqualTo(1);
    assertThat(store.poll(id, 0, Duration.ZERO)).containsExactly(new StoredMessage(1, "{\"n\":1}"));
  }

  /** An await with a long maxWait that must end by itself well before the guard. */
  private Optional<String> awaitGuarded(String id, String requestId) {
    try {
      return executor
          .submit(() -> store.awaitResponse(id, requestId, LONG_WAIT))
          .get(GUARD_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("await did not end by itself", e);
    }
  }

  // ---- concurrency: no loss, no duplication, strict order ----

  @Test
  void fiftyConcurrentAppendersWhileOneReaderPolls() throws Exception {
    // given
    String id = created();
    Future<List<StoredMessage>> reader = executor.submit(readAll(anotherProcess(), id, WRITERS));

    // when
    Map<String, Long> seqByBody = appendConcurrently(id, WRITERS);

    // then the reader got every message once, contiguous from 1, each under its append's number
    List<StoredMessage> received = reader.get(GUARD_SECONDS * 2, TimeUnit.SECONDS);
    assertContiguousFromOne(received, WRITERS);
    assertThat(received).allSatisfy(m -> assertThat(seqByBody).containsEntry(m.json(), m.seq()));
    assertThat(received)
        .extracting(StoredMessage::json)
        .containsExactlyInAnyOrderElementsOf(seqByBody.keySet());
    assertThat(store.poll(id, WRITERS, Duration.ofMillis(200))).isEmpty();
  }

  @Test
  void twoIndependentReadersBothSeeTheFullSequence() throws Exception {
    // given
    String id = created();
    Future<List<StoredMessage>> first = executor.submit(readAll(anotherProcess(), id, WRITERS));
    Future<List<StoredMessage>> second = executor.submit(readAll(anotherProcess(), id, WRITERS));

    // when
    Map<String, Long> seqByBody = appendConcurrently(id, WRITERS);

    // then
    List<StoredMessage> one = first.get(GUARD_SECONDS * 2, TimeUnit.SECONDS);
    List<StoredMessage> two = second.get(GUARD_SECONDS * 2, TimeUnit.SECONDS);
    assertContiguousFromOne(one, WRITERS);
    assertThat(two).isEqualTo(one);
    assertThat(one)
        .extracting(StoredMessage::json)
        .containsExactlyInAnyOrderElementsOf(seqByBody.keySet());
  }

  /**
   * {@code count} appends, all released at once, spread over several store handles (separate
   * processes for stores that have them).
   *
   * @return the sequence number each message body was stored under
   */
  private Map<String, Long> appendConcurrently(String id, int count) throws Exception {
    List<SessionStore> handles = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      handles.add(anotherProcess());
    }
    CountDownLatch go = new CountDownLatch(1);
    Map<String, Future<Long>> appends = new HashMap<>();
    try (ExecutorService writers = Executors.newFixedThreadPool(count)) {
      for (int i = 0; i < count; i++) {
        SessionStore handle = handles.get(i % handles.size());
        String body = "{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"result\":{}}";
        appends.put(
            body,
            writers.submit(
                () -> {
                  go.await();
                  return handle.append(id, body);
                }));
      }
      go.countDown();
    }
    Map<String, Long> seqByBody = new ConcurrentHashMap<>();
    for (Map.Entry<String, Future<Long>> e : appends.entrySet()) {
      seqByBody.put(e.getKey(), e.getValue().get());
    }
    assertThat(seqByBody.values())
        .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, count).boxed().toList());
    return seqByBody;
  }

  /** A stream holder: polls from 0, always after the last number received, until it has all. */
  private static Callable<List<StoredMessage>> readAll(
      SessionStore reader, String id, int expected) {
    return () -> {
      List<StoredMessage> received = new ArrayList<>();
      long last = 0;
      long guard = System.nanoTime() + TimeUnit.SECONDS.toNanos(GUARD_SECONDS);
      while (received.size() < expected && System.nanoTime() < guard) {
        for (StoredMessage m : reader.poll(id, last, Duration.ofSeconds(1))) {
          received.add(m);
          last = m.seq();
        }
      }
      return received;
    };
  }

  private static void assertContiguousFromOne(List<StoredMessage> received, int count) {
    assertThat(received)
        .extracting(StoredMessage::seq)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, count).boxed().toList());
  }

  // ---- fixtures ----

  /** Creates a session (expiring an hour after {@link #T0}) and returns its id. */
  protected String created() {
    SessionRecord session = fullSession(newId());
    store.create(session);
    return session.sessionId();
  }

  protected static String newId() {
    return UUID.randomUUID().toString();
  }

  /** A session with every field set, expiring an hour after {@link #T0}. */
  protected static SessionRecord fullSession(String id) {
    return SessionRecord.builder(id, "arn:aws:iam::123456789012:user/alice")
        .era("legacy-sse")
        .protocolVersion("2024-11-05")
        .clientInfo(json("{\"name\":\"contract-client\",\"version\":\"1.2.3\"}"))
        .clientCapabilities(
            json(
                "{\"roots\":{\"listChanged\":true},\"sampling\":{},\"experimental\":{\"x\":[1,2.5]}}"))
        .logLevel("info")
        .createdAt(T0.toEpochMilli())
        .lastSeenAt(T0.toEpochMilli() + 1_000)
        .expiresAt(T0.getEpochSecond() + 3600)
        .subscriptions(json("{\"resources\":[\"file:///a\"]}"))
        .build();
  }

  private static SessionRecord withPrincipal(SessionRecord s, String principal) {
    return SessionRecord.builder(s.sessionId(), principal)
        .era(s.era())
        .protocolVersion(s.protocolVersion())
        .clientInfo(s.clientInfo())
        .clientCapabilities(s.clientCapabilities())
        .logLevel(s.logLevel())
        .createdAt(s.createdAt())
        .lastSeenAt(s.lastSeenAt())
        .expiresAt(s.expiresAt())
        .subscriptions(s.subscriptions())
        .build();
  }

  private static SessionRecord withSubscriptions(SessionRecord s, JsonNode subscriptions) {
    return s.toBuilder().subscriptions(subscriptions).build();
  }

  protected static SessionRecord withExpiry(SessionRecord s, long expiresAt) {
    return SessionRecord.builder(s.sessionId(), s.principal())
        .era(s.era())
        .protocolVersion(s.protocolVersion())
        .clientInfo(s.clientInfo())
        .clientCapabilities(s.clientCapabilities())
        .logLevel(s.logLevel())
        .createdAt(s.createdAt())
        .lastSeenAt(s.lastSeenAt())
        .expiresAt(expiresAt)
        .subscriptions(s.subscriptions())
        .build();
  }

  private static JsonNode json(String text) {
    try {
      return Json.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
