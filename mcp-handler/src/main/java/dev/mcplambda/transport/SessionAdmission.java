package dev.mcplambda.transport;

import dev.mcplambda.config.Environment;
import dev.mcplambda.session.StreamLeases;
import dev.mcplambda.store.memory.InMemoryStreamLeases;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * Per-principal cap on Streamable HTTP sessions: each {@code initialize} takes one of the
 * principal's {@link #maxPerPrincipal()} session slots for the session TTL (the slot is not given
 * back early on {@code DELETE}, so the cap reads "sessions started within one session TTL"). Beyond
 * it {@code initialize} gets 429 with {@code Retry-After}. Legacy SSE sessions exist only while
 * their stream is open, so {@link StreamAdmission} caps them.
 */
public final class SessionAdmission {

  /** Default cap: sessions a principal may start within one session TTL. */
  public static final int DEFAULT_MAX_PER_PRINCIPAL = 100;

  private final StreamLeases slots;
  private final int maxPerPrincipal;
  private final Duration slotLifetime;
  private final Clock clock;

  public SessionAdmission(
      StreamLeases slots, int maxPerPrincipal, Duration slotLifetime, Clock clock) {
    if (maxPerPrincipal < 1) {
      throw new IllegalArgumentException("the session cap per principal must be at least 1");
    }
    this.slots = slots;
    this.maxPerPrincipal = maxPerPrincipal;
    this.slotLifetime = slotLifetime;
    this.clock = clock;
  }

  /** The default cap on in-memory slots (one process: tests, the local server). */
  public static SessionAdmission inMemory(Duration sessionTtl, Clock clock) {
    return new SessionAdmission(
        new InMemoryStreamLeases(clock), DEFAULT_MAX_PER_PRINCIPAL, sessionTtl, clock);
  }

  /** {@code MCP_MAX_SESSIONS_PER_PRINCIPAL}; slots last one session TTL. */
  public static SessionAdmission fromEnvironment(
      Environment env, StreamLeases slots, Duration sessionTtl, Clock clock) {
    int max =
        env.get(Environment.MAX_SESSIONS_PER_PRINCIPAL)
            .map(v -> Integer.parseInt(v.trim()))
            .orElse(DEFAULT_MAX_PER_PRINCIPAL);
    return new SessionAdmission(slots, max, sessionTtl, clock);
  }

  public int maxPerPrincipal() {
    return maxPerPrincipal;
  }

  /**
   * Takes a session slot of {@code principal}.
   *
   * @return empty if admitted, else the seconds until a slot frees
   * @throws dev.mcplambda.session.SessionStoreUnavailableException if the slot store fails
   */
  public OptionalLong admit(String principal) {
    return switch (slots.acquire(
        principal, maxPerPrincipal, clock.millis() + slotLifetime.toMillis())) {
      case StreamLeases.Granted granted -> OptionalLong.empty();
      case StreamLeases.Full full -> OptionalLong.of(full.retryAfterSeconds());
    };
  }
}
