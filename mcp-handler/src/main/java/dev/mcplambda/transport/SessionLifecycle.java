package dev.mcplambda.transport;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcplambda.session.SessionRecord;
import dev.mcplambda.session.SessionStore;
import dev.mcplambda.session.SessionUpdate;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Creating, finding and refreshing sessions for the session-based transports. A session is bound to
 * the principal and the transport era that created it: for anyone or anything else it does not
 * exist (DESIGN §6: another principal gets 404).
 */
final class SessionLifecycle {

  static final String ERA_LEGACY_SSE = "legacy-sse";
  static final String ERA_STREAMABLE_HTTP = "streamable-http";

  /** {@code lastSeenAt}/{@code expiresAt} are written at most this often per session. */
  private static final long TOUCH_INTERVAL_MILLIS = 60_000;

  private final SessionStore store;
  private final Clock clock;
  private final Duration ttl;
  private final Supplier<String> ids;

  SessionLifecycle(SessionStore store, Clock clock, Duration ttl, Supplier<String> ids) {
    this.store = store;
    this.clock = clock;
    this.ttl = ttl;
    this.ids = ids;
  }

  SessionStore store() {
    return store;
  }

  /** Creates and stores a new session. */
  SessionRecord create(
      String principal,
      String era,
      String protocolVersion,
      JsonNode clientInfo,
      JsonNode clientCapabilities) {
    long now = clock.millis();
    SessionRecord record =
        new SessionRecord(
            ids.get(),
            principal,
            era,
            protocolVersion,
            clientInfo,
            clientCapabilities,
            null,
            now,
            now,
            expiresAt(now),
            null);
    store.create(record);
    return record;
  }

  /** The live session with this id if {@code principal} owns it and it belongs to {@code era}. */
  Optional<SessionRecord> find(String sessionId, String principal, String era) {
    if (!SessionIdGenerator.plausible(sessionId)) {
      return Optional.empty();
    }
    return store
        .get(sessionId)
        .filter(s -> principal.equals(s.principal()))
        .filter(s -> era.equals(s.era()));
  }

  /**
   * Refreshes {@code lastSeenAt} and {@code expiresAt} (at most once a minute). Writes those two
   * attributes only, so a concurrent change of another one (log level, subscriptions) stays.
   */
  SessionRecord touch(SessionRecord s) {
    long now = clock.millis();
    if (now - s.lastSeenAt() < TOUCH_INTERVAL_MILLIS) {
      return s;
    }
    SessionUpdate seen = SessionUpdate.seen(now, expiresAt(now));
    store.update(s.sessionId(), seen);
    return seen.applyTo(s);
  }

  /** Records what a (legacy) {@code initialize} negotiated on an existing session. */
  SessionRecord initialized(
      SessionRecord s, String protocolVersion, JsonNode clientInfo, JsonNode clientCapabilities) {
    long now = clock.millis();
    SessionUpdate negotiated =
        SessionUpdate.initialized(
            protocolVersion, clientInfo, clientCapabilities, now, expiresAt(now));
    store.update(s.sessionId(), negotiated);
    return negotiated.applyTo(s);
  }

  private long expiresAt(long nowMillis) {
    return (nowMillis + ttl.toMillis()) / 1000;
  }
}
