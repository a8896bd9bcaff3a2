package dev.mcplambda.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcplambda.session.SessionRecord;
import dev.mcplambda.session.SessionUpdate;
import dev.mcplambda.session.StoredMessage;
import dev.mcplambda.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Bounded memory: expired sessions and messages leave the in-memory store. */
class InMemorySessionStoreSweepTest {

  private final MutableClock clock = new MutableClock(Instant.now());
  private final InMemorySessionStore store = new InMemorySessionStore(clock);

  private SessionRecord session(String id, Duration ttl) {
    Instant now = clock.instant();
    return new SessionRecord(
        id,
        "arn:aws:iam::123456789012:user/alice",
        "streamable-http",
        "2025-11-25",
        null,
        null,
        null,
        now.toEpochMilli(),
        now.toEpochMilli(),
        now.plus(ttl).getEpochSecond(),
        null);
  }

  @Test
  void sessionsNobodyTouchesAgainAreRemovedByTheNextCreateAfterTheSweepInterval() {
    // given 1,000 sessions that expire after a minute and are never used again
    for (int i = 0; i < 1000; i++) {
      store.create(session(UUID.randomUUID().toString(), Duration.ofMinutes(1)));
    }
    assertThat(store.footprint().sessions()).isEqualTo(1000);

    // when time passes beyond their expiry and the sweep interval, and one more session starts
    clock.advance(Duration.ofMinutes(2));
    store.create(session("fresh", Duration.ofMinutes(1)));

    // then only the live one is held
    assertThat(store.footprint().sessions()).isEqualTo(1);
    assertThat(store.get("fresh")).isPresent();
  }

  @Test
  void expiredMessagesOfALiveSessionAreTrimmed() throws InterruptedException {
    // given a session whose 100 messages expire with its first TTL, then a refreshed TTL
    String id = "live";
    store.create(session(id, Duration.ofMinutes(1)));
    for (int i = 0; i < 100; i++) {
      store.append(id, "{\"n\":" + i + "}");
    }
    SessionRecord refreshed = session(id, Duration.ofHours(1));
    store.update(id, SessionUpdate.seen(refreshed.lastSeenAt(), refreshed.expiresAt()));

    // when the first TTL passes and one more message is appended
    clock.advance(Duration.ofMinutes(2));
    long seq = store.append(id, "{\"n\":100}");

    // then the sequence goes on, and only the unexpired message is held and delivered
    assertThat(seq).isEqualTo(101);
    assertThat(store.footprint().messages()).isEqualTo(1);
    List<StoredMessage> delivered = store.poll(id, 0, Duration.ZERO);
    assertThat(delivered).containsExactly(new StoredMessage(101, "{\"n\":100}"));
  }

  @Test
  void anExplicitSweepRemovesExpiredSessionsAndReportsHowMany() {
    store.create(session("a", Duration.ofSeconds(10)));
    store.create(session("b", Duration.ofHours(1)));
    clock.advance(Duration.ofMinutes(1));

    assertThat(store.sweepExpired()).isEqualTo(1);
    assertThat(store.footprint().sessions()).isEqualTo(1);
  }
}
