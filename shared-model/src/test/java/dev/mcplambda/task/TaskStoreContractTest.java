package dev.mcplambda.task;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcplambda.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link TaskStore} must have: create once, read back every field, optimistic
 * replace, expiry on read (never relying on TTL deletion). Subclasses supply a fresh store.
 */
public abstract class TaskStoreContractTest {

  /** Real current time (stores compare expiry against it), truncated to what stores keep. */
  protected final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

  protected TaskStore store;

  protected abstract TaskStore newStore();

  @BeforeEach
  void freshStore() {
    store = newStore();
  }

  @Test
  void aCreatedTaskReadsBackWithEveryField() throws Exception {
    // given
    TaskRecord task = task(newId());

    // when
    boolean created = store.create(task);

    // then
    assertThat(created).isTrue();
    assertThat(store.get(task.taskId(), now)).contains(task);
  }

  @Test
  void createRefusesAnIdThatExists() {
    // given
    TaskRecord task = task(newId());
    store.create(task);

    // when / then
    assertThat(store.create(task)).isFalse();
  }

  @Test
  void anUnknownTaskIsAbsent() {
    assertThat(store.get(newId(), now)).isEmpty();
  }

  @Test
  void replaceSucceedsOnlyFromTheVersionTheWriterRead() {
    // given two writers that read version 1
    TaskRecord task = task(newId());
    store.create(task);
    TaskRecord cancel = task.cancelled(now.plusSeconds(1));
    TaskRecord finish = task.finished(TaskStatus.COMPLETED, result("done"), null, now);

    // when
    boolean first = store.replace(cancel);
    boolean second = store.replace(finish);

    // then the second writer lost and the first one's state stands
    assertThat(first).isTrue();
    assertThat(second).isFalse();
    TaskRecord stored = store.get(task.taskId(), now).orElseThrow();
    assertThat(stored.status()).isEqualTo(TaskStatus.CANCELLED);
    assertThat(stored.version()).isEqualTo(2);
    assertThat(stored.result()).isNull();
  }

  @Test
  void inputRoundsKeepRequestsAnswersAndStateUntilResumed() throws Exception {
    // given
    TaskRecord task = task(newId());
    store.create(task);
    JsonNode requests = Json.readTree("{\"a\":{\"method\":\"elicitation/create\"},\"b\":{}}");

    // when the function asks for input and the client answers one of two
    TaskRecord waiting = task.awaitingInput(requests, "opaque-state", now);
    assertThat(store.replace(waiting)).isTrue();
    TaskRecord partly =
        waiting.answered(
            Json.readTree("{\"b\":{}}"), Json.readTree("{\"a\":{\"action\":\"accept\"}}"), now);
    assertThat(store.replace(partly)).isTrue();

    // then
    TaskRecord stored = store.get(task.taskId(), now).orElseThrow();
    assertThat(stored.status()).isEqualTo(TaskStatus.INPUT_REQUIRED);
    assertThat(stored.inputRequests()).isEqualTo(Json.readTree("{\"b\":{}}"));
    assertThat(stored.inputResponses().path("a").path("action").asText()).isEqualTo("accept");
    assertThat(stored.requestState()).isEqualTo("opaque-state");

    // when resumed
    TaskRecord resumed = stored.resumed(Json.readTree("{\"args\":{\"n\":2}}"), now);
    assertThat(store.replace(resumed)).isTrue();

    // then
    TaskRecord running = store.get(task.taskId(), now).orElseThrow();
    assertThat(running.status()).isEqualTo(TaskStatus.WORKING);
    assertThat(running.round()).isEqualTo(2);
    assertThat(running.inputRequests()).isNull();
    assertThat(running.event().path("args").path("n").asInt()).isEqualTo(2);
  }

  @Test
  void aTaskIsReadableForItsWholeTtlAndAbsentAfterwards() {
    // given
    TaskRecord task = task(newId());
    store.create(task);

    // when / then
    Instant lastMoment = now.plusMillis(task.ttlMs() - 1);
    assertThat(store.get(task.taskId(), lastMoment)).isPresent();
    assertThat(store.get(task.taskId(), now.plusMillis(task.ttlMs()))).isEmpty();
    assertThat(task.expiresAt()).isEqualTo(Math.ceilDiv(now.toEpochMilli() + task.ttlMs(), 1000L));
  }

  @Test
  void anExpiredTaskIdMayBeCreatedAgain() {
    // given a task that expired a while ago (its TTL deletion may never come)
    Instant longAgo = now.minus(Duration.ofHours(2));
    TaskRecord old =
        TaskRecord.working(newId(), "p", "t", "arn", Json.object(), longAgo, 60_000, 500);
    assertThat(store.create(old)).isTrue();

    // when
    TaskRecord fresh =
        TaskRecord.working(old.taskId(), "p", "t", "arn", Json.object(), now, 60_000, 500);

    // then
    assertThat(store.create(fresh)).isTrue();
    assertThat(store.get(old.taskId(), now)).contains(fresh);
  }

  @Test
  void concurrentWritersFromOneVersionLeaveExactlyOneWinner() throws Exception {
    // given
    TaskRecord task = task(newId());
    store.create(task);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> attempts = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        int n = i;
        Callable<Boolean> write =
            () ->
                store.replace(
                    task.finished(TaskStatus.COMPLETED, result("writer " + n), null, now));
        attempts.add(pool.submit(write));
      }
      // when
      int winners = 0;
      for (Future<Boolean> f : attempts) {
        winners += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
      }
      // then
      assertThat(winners).isEqualTo(1);
      assertThat(store.get(task.taskId(), now).orElseThrow().version()).isEqualTo(2);
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- fixtures ----

  protected TaskRecord task(String id) {
    try {
      return TaskRecord.working(
          id,
          "arn:aws:iam::123456789012:user/alice",
          "slow_compute",
          "arn:aws:lambda:us-east-1:123456789012:function:slow",
          Json.readTree("{\"args\":{\"seconds\":1},\"extra\":{\"name\":\"slow_compute\"}}"),
          now,
          3_600_000,
          500);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  protected static JsonNode result(String text) {
    var r = Json.object();
    r.putArray("content").addObject().put("type", "text").put("text", text);
    return r;
  }

  protected static String newId() {
    return UUID.randomUUID().toString();
  }
}
