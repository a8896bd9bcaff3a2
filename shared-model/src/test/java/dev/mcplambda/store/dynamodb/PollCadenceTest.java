package dev.mcplambda.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcplambda.session.StoredMessage;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PollCadenceTest {

  /** Guards against a hang only; never decides pass or fail. */
  private static final long HANG_GUARD_NANOS = TimeUnit.SECONDS.toNanos(30);

  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final PollCadence cadence =
      new PollCadence(
          Duration.ofMillis(50), Duration.ofSeconds(2), Duration.ofSeconds(1), now::get);

  @Test
  void aWatchedSessionGetsLocalAppendsContiguouslyFromItsNextNumber() {
    // given a poll watching session s, waiting for seq 3
    PollCadence.Session s = cadence.watch("s");

    // when this process appends 2 (already delivered), 3, 4 and 6
    cadence.appended("s", 2, "two");
    cadence.appended("s", 3, "three");
    cadence.appended("s", 4, "four");
    cadence.appended("s", 6, "six");

    // then the run 3, 4 is handed over, and 6 waits for 5 (left to the Query)
    assertThat(cadence.takeFrom(s, 3))
        .containsExactly(new StoredMessage(3, "three"), new StoredMessage(4, "four"));
    assertThat(cadence.takeFrom(s, 5)).isEmpty();
    assertThat(cadence.takeFrom(s, 6)).containsExactly(new StoredMessage(6, "six"));
    cadence.unwatch("s", s);
  }

  @Test
  void appendsOfOtherSessionsOrWithoutAWatcherAreNotHandedOver() {
    cadence.appended("s", 1, "before anyone watched");
    PollCadence.Session s = cadence.watch("s");
    cadence.appended("other", 1, "x");

    assertThat(cadence.takeFrom(s, 1)).isEmpty();
    cadence.unwatch("s", s);
  }

  @Test
  void theHandOffKeepsOnlyTheLatestMessages() {
    PollCadence.Session s = cadence.watch("s");
    for (int seq = 1; seq <= PollCadence.HAND_OFF_CAPACITY + 10; seq++) {
      cadence.appended("s", seq, "m" + seq);
    }

    assertThat(cadence.takeFrom(s, 1)).isEmpty();
    assertThat(cadence.takeFrom(s, 11)).hasSize(PollCadence.HAND_OFF_CAPACITY);
    cadence.unwatch("s", s);
  }

  @Test
  void aWaitingPollWakesOnALocalAppend() throws Exception {
    // given a poll that has looked and found nothing
    PollCadence.Session s = cadence.watch("s");
    long seen = cadence.appends(s);
    CompletableFuture<Boolean> woken =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return cadence.await(s, seen, HANG_GUARD_NANOS);
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });

    // when this process appends a message of the session
    cadence.appended("s", 1, "m");

    // then the wait ends because of it (not because the guard ran out)
    assertThat(woken.get(60, TimeUnit.SECONDS)).isTrue();
    assertThat(cadence.takeFrom(s, 1)).containsExactly(new StoredMessage(1, "m"));
    cadence.unwatch("s", s);
  }

  @Test
  void anAppendBeforeTheWaitIsNotMissed() throws Exception {
    PollCadence.Session s = cadence.watch("s");
    long seen = cadence.appends(s);
    cadence.appended("s", 1, "m"); // between looking and waiting

    assertThat(cadence.await(s, seen, HANG_GUARD_NANOS)).isTrue();
    cadence.unwatch("s", s);
  }

  @Test
  void theIntervalBacksOffWhenIdleAndSnapsBackOnActivity() {
    PollCadence.Session s = cadence.watch("s");
    long active = TimeUnit.MILLISECONDS.toNanos(50);
    assertThat(cadence.intervalNanos(s)).isEqualTo(active);

    now.addAndGet(TimeUnit.SECONDS.toNanos(3)); // idle 3 s: a tenth of it
    assertThat(cadence.intervalNanos(s)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(300));

    now.addAndGet(TimeUnit.MINUTES.toNanos(5)); // long idle: capped
    assertThat(cadence.intervalNanos(s)).isEqualTo(TimeUnit.SECONDS.toNanos(1));

    cadence.appended("s", 1, "m"); // activity
    assertThat(cadence.intervalNanos(s)).isEqualTo(active);

    now.addAndGet(TimeUnit.MINUTES.toNanos(5));
    cadence.delivered(s); // a Query found messages
    assertThat(cadence.intervalNanos(s)).isEqualTo(active);
    cadence.unwatch("s", s);
  }
}
