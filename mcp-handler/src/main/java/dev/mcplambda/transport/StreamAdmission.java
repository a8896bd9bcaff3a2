package dev.mcplambda.transport;

import dev.mcplambda.config.Environment;
import dev.mcplambda.runtime.InvocationContext;
import dev.mcplambda.session.StreamLeases;
import dev.mcplambda.store.memory.InMemoryStreamLeases;
import java.time.Clock;
import java.time.Duration;

/**
 * Admission of long-lived streams ({@code GET /sse}, {@code GET /mcp}, 2026 {@code
 * subscriptions/listen}), which each hold one Lambda execution while open:
 *
 * <ul>
 *   <li><b>Lifetime.</b> A stream ends cleanly after {@link #lifetime()} (default {@link
 *       #DEFAULT_LIFETIME}, or earlier at the invocation deadline): the transports see a deadline
 *       that is at most that far away, end the stream with their reconnect hint ({@code retry:}),
 *       and the client reconnects (SSE {@code Last-Event-ID} resumes where it left off). This
 *       bounds what one forgotten client costs to one reconnect per lifetime instead of a whole
 *       function timeout of idle execution.
 *   <li><b>Per-principal cap.</b> At most {@link #maxPerPrincipal()} open streams per IAM principal
 *       across all containers ({@link StreamLeases}); beyond it the request gets 429 with {@code
 *       Retry-After} = seconds until that principal's earliest stream ends.
 * </ul>
 */
public final class StreamAdmission {

  /** Default stream lifetime: 4 minutes (the cost model in docs/cost.md uses it). */
  public static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(240);

  /** Shortest and longest lifetime accepted from the environment. */
  public static final Duration MIN_LIFETIME = Duration.ofSeconds(1);

  public static final Duration MAX_LIFETIME = Duration.ofMinutes(15);

  /** Default cap on open streams per principal. */
  public static final int DEFAULT_MAX_PER_PRINCIPAL = 10;

  /** The outcome of {@link #admit}. */
  public sealed interface Decision permits Admitted, Refused {}

  /**
   * The stream may open; serve it with {@code context} (its deadline is the stream's end plus the
   * transports' margin) and {@link #release} the lease when it ends.
   */
  public record Admitted(InvocationContext context, StreamLeases.Granted lease)
      implements Decision {}

  /** The principal's streams are at the cap. */
  public record Refused(long retryAfterSeconds) implements Decision {}

  private final StreamLeases leases;
  private final Duration lifetime;
  private final int maxPerPrincipal;
  private final Clock clock;

  public StreamAdmission(StreamLeases leases, Duration lifetime, int maxPerPrincipal, Clock clock) {
    if (lifetime.compareTo(MIN_LIFETIME) < 0 || lifetime.compareTo(MAX_LIFETIME) > 0) {
      throw new IllegalArgumentException(
          "stream lifetime must be "
              + MIN_LIFETIME.toSeconds()
              + ".."
              + MAX_LIFETIME.toSeconds()
              + " s");
    }
    if (maxPerPrincipal < 1) {
      throw new IllegalArgumentException("the stream cap per principal must be at least 1");
    }
    this.leases = leases;
    this.lifetime = lifetime;
    this.maxPerPrincipal = maxPerPrincipal;
    this.clock = clock;
  }

  /** The defaults on in-memory leases (one process: tests, the local server). */
  public static StreamAdmission inMemory(Clock clock) {
    return new StreamAdmission(
        new InMemoryStreamLeases(clock), DEFAULT_LIFETIME, DEFAULT_MAX_PER_PRINCIPAL, clock);
  }

  /** {@code MCP_STREAM_LIFETIME_SECONDS}, {@code MCP_MAX_STREAMS_PER_PRINCIPAL}. */
  public static StreamAdmission fromEnvironment(Environment env, StreamLeases leases, Clock clock) {
    Duration lifetime =
        env.get(Environment.STREAM_LIFETIME_SECONDS)
            .map(v -> Duration.ofSeconds(Long.parseLong(v.trim())))
            .orElse(DEFAULT_LIFETIME);
    int max =
        env.get(Environment.MAX_STREAMS_PER_PRINCIPAL)
            .map(v -> Integer.parseInt(v.trim()))
            .orElse(DEFAULT_MAX_PER_PRINCIPAL);
    return new StreamAdmission(leases, lifetime, max, clock);
  }

  public Duration lifetime() {
    return lifetime;
  }

  public int maxPerPrincipal() {
    return maxPerPrincipal;
  }

  /**
   * Takes one of {@code principal}'s stream slots.
   *
   * @param margin how long before its deadline a transport ends a stream
   * @throws dev.mcplambda.session.SessionStoreUnavailableException if the lease store fails
   */
  public Decision admit(String principal, InvocationContext context, Duration margin) {
    long now = clock.millis();
    long capped = now + lifetime.plus(margin).toMillis();
    long deadline = context == null ? capped : Math.min(context.deadlineEpochMillis(), capped);
    long streamEnd = deadline - margin.toMillis();
    return switch (leases.acquire(principal, maxPerPrincipal, Math.max(now, streamEnd) + 1000)) {
      case StreamLeases.Full full -> new Refused(full.retryAfterSeconds());
      case StreamLeases.Granted lease ->
          new Admitted(
              context == null
                  ? new InvocationContext(null, deadline, null, null)
                  : new InvocationContext(
                      context.requestId(), deadline, context.functionArn(), context.traceId()),
              lease);
    };
  }

  /** Frees the stream's slot. Never throws. */
  public void release(Admitted admitted) {
    leases.release(admitted.lease());
  }
}
