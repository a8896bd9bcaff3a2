package dev.mcplambda.local.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReplayGuardTest {

  private final Instant now = Instant.now();
  private final Instant validUntil = now.plus(Duration.ofMinutes(5));

  @Test
  void aFullGuardRefusesNewSignaturesInsteadOfForgettingValidOnes() {
    // given a guard of three, filled with still-valid signatures
    ReplayGuard guard = new ReplayGuard(3);
    for (String s : new String[] {"a", "b", "c"}) {
      assertThat(guard.record(s, validUntil, now)).isEqualTo(ReplayGuard.Use.FIRST);
    }

    // when a fourth arrives and an old one is replayed
    ReplayGuard.Use fourth = guard.record("d", validUntil, now);
    ReplayGuard.Use replay = guard.record("a", validUntil, now);

    // then memory stays bounded and the replay is still caught
    assertThat(fourth).isEqualTo(ReplayGuard.Use.FULL);
    assertThat(replay).isEqualTo(ReplayGuard.Use.REPLAY);
    assertThat(guard.size()).isEqualTo(3);
  }

  @Test
  void expiredSignaturesAreSweptSoTheGuardNeverGrowsPastItsCapacity() {
    // given a guard of 100 that saw 10,000 signatures, each valid for one second, over time
    ReplayGuard guard = new ReplayGuard(100);
    Instant t = now;
    int refused = 0;
    for (int i = 0; i < 10_000; i++) {
      t = t.plusMillis(100);
      if (guard.record("sig-" + i, t.plusSeconds(1), t) != ReplayGuard.Use.FIRST) {
        refused++;
      }
      assertThat(guard.size()).isLessThanOrEqualTo(100);
    }

    // then none was refused: ~11 are valid at any time, the rest were swept
    assertThat(refused).isZero();
    assertThat(guard.size()).isLessThanOrEqualTo(30);
  }

  @Test
  void aSignaturePastItsValidityCountsAsNew() {
    ReplayGuard guard = new ReplayGuard(10);
    guard.record("a", now.plusSeconds(1), now);
    assertThat(guard.record("a", now.plusSeconds(10), now.plusSeconds(2)))
        .isEqualTo(ReplayGuard.Use.FIRST);
  }
}
