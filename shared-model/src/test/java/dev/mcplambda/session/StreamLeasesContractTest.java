package dev.mcplambda.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcplambda.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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

/** The per-principal stream cap, shared by the in-memory and the DynamoDB implementation. */
public abstract class StreamLeasesContractTest {

  protected final MutableClock clock =
      new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
  protected StreamLeases leases;
  private final String alice = "arn:aws:iam::111122223333:user/alice-" + UUID.randomUUID();
  private final String bob = "arn:aws:iam::111122223333:user/bob-" + UUID.randomUUID();

  protected abstract StreamLeases newLeases(Clock clock);

  @BeforeEach
  void fresh() {
    leases = newLeases(clock);
  }

  private long in(Duration d) {
    return clock.millis() + d.toMillis();
  }

  @Test
  void aPrincipalGetsAtMostMaxSlotsAndLearnsWhenTheFirstFrees() {
    // given two streams of alice, ending in 60 s and 120 s, under a cap of two
    var first = leases.acquire(alice, 2, in(Duration.ofSeconds(60)));
    var second = leases.acquire(alice, 2, in(Duration.ofSeconds(120)));

    // when a third is asked for
    var third = leases.acquire(alice, 2, in(Duration.ofSeconds(60)));

    // then it is refused with the time until the earliest lease ends
    assertThat(first).isInstanceOf(StreamLeases.Granted.class);
    assertThat(second).isInstanceOf(StreamLeases.Granted.class);
    assertThat(((StreamLeases.Granted) first).slot())
        .isNotEqualTo(((StreamLeases.Granted) second).slot());
    assertThat(third).isInstanceOf(StreamLeases.Full.class);
    assertThat(((StreamLeases.Full) third).retryAfterSeconds()).isBetween(59L, 61L);
  }

  @Test
  void principalsDoNotShareSlots() {
    assertThat(leases.acquire(alice, 1, in(Duration.ofMinutes(1))))
        .isInstanceOf(StreamLeases.Granted.class);
    assertThat(leases.acquire(bob, 1, in(Duration.ofMinutes(1))))
        .isInstanceOf(StreamLeases.Granted.class);
  }

  @Test
  void aReleasedSlotIsFreeAgain() {
    var lease = (StreamLeases.Granted) leases.acquire(alice, 1, in(Duration.ofMinutes(1)));
    leases.release(lease);
    assertThat(leases.acquire(alice, 1, in(Duration.ofMinutes(1))))
        .isInstanceOf(StreamLeases.Granted.class);
  }

  @Test
  void anExpiredLeaseFreesItsSlotAndItsLateReleaseTakesNothingAway() {
    // given a lease a crashed container never released
    var crashed = (StreamLeases.Granted) leases.acquire(alice, 1, in(Duration.ofSeconds(30)));

    // when its expiry passes, a new stream takes the slot and the old holder releases late
    clock.advance(Duration.ofSeconds(32));
    var next = leases.acquire(alice, 1, in(Duration.ofMinutes(1)));
    leases.release(crashed);

    // then the new lease still holds the slot
    assertThat(next).isInstanceOf(StreamLeases.Granted.class);
    assertThat(leases.acquire(alice, 1, in(Duration.ofMinutes(1))))
        .isInstanceOf(StreamLeases.Full.class);
  }

  @Test
  void concurrentAcquiresNeverGrantMoreThanTheCap() throws Exception {
    // given 12 containers asking for alice's 3 slots at once
    ExecutorService pool = Executors.newFixedThreadPool(12);
    try {
      List<Future<StreamLeases.Outcome>> outcomes = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        Callable<StreamLeases.Outcome> task =
            () -> leases.acquire(alice, 3, in(Duration.ofMinutes(1)));
        outcomes.add(pool.submit(task));
      }
      int granted = 0;
      for (var f : outcomes) {
        if (f.get(60, TimeUnit.SECONDS) instanceof StreamLeases.Granted) {
          granted++;
        }
      }

      // then at most three were granted
      assertThat(granted).isBetween(1, 3);
    } finally {
      pool.shutdownNow();
    }
  }
}
