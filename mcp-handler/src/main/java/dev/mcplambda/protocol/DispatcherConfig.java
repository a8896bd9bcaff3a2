package dev.mcplambda.protocol;

import dev.mcplambda.config.Environment;
import java.time.Clock;
import java.time.Duration;

/**
 * Tunables of the {@link ProtocolDispatcher}.
 *
 * @param clock time source (latency, MRTR state expiry)
 * @param pageSize items per page of every list
 * @param listTtlMs {@code ttlMs} on 2026 list and discover results
 * @param readTtlMs {@code ttlMs} on 2026 {@code resources/read} results when the function gives
 *     none
 * @param stateKeys the HMAC keys for MRTR {@code requestState}; {@code null} → a random per-process
 *     key (logged at WARN)
 * @param stateTtl how long an {@code input_required} state stays valid
 * @param maxStateChars cap on a function's {@code requestState} and on a client's sealed state
 * @param maxErrorChars cap on error text taken from a function or a validator
 * @param deadlineMargin time kept back from the Lambda deadline when invoking a function, so the
 *     timeout result can still be written
 */
public record DispatcherConfig(
    Clock clock,
    int pageSize,
    long listTtlMs,
    long readTtlMs,
    StateKeySource stateKeys,
    Duration stateTtl,
    int maxStateChars,
    int maxErrorChars,
    Duration deadlineMargin) {

  public DispatcherConfig {
    if (pageSize < 1 || pageSize > 1000) {
      throw new IllegalArgumentException("pageSize must be 1..1000");
    }
    if (listTtlMs < 0 || readTtlMs < 0) {
      throw new IllegalArgumentException("ttl must be >= 0");
    }
  }

  public static DispatcherConfig defaults() {
    return new DispatcherConfig(
        Clock.systemUTC(),
        100,
        60_000,
        0,
        null,
        Duration.ofMinutes(10),
        64 * 1024,
        2000,
        Duration.ofMillis(500));
  }

  /**
   * {@code MCP_PAGE_SIZE}, {@code MCP_CACHE_TTL_MS}; the state keys from {@code
   * MCP_STATE_SECRET_ARN} (Secrets Manager, loaded in the background from init on) or else {@code
   * MCP_STATE_SECRET} (+ optional {@code MCP_STATE_SECRET_PREVIOUS}; local server, tests).
   */
  public static DispatcherConfig fromEnvironment(Environment env) {
    // no Optional.map lambdas: each lambda site costs a class at cold start
    DispatcherConfig d = defaults();
    String pageSize = env.get(Environment.PAGE_SIZE).orElse(null);
    String cacheTtl = env.get(Environment.CACHE_TTL_MS).orElse(null);
    return new DispatcherConfig(
        d.clock(),
        pageSize == null ? d.pageSize() : Integer.parseInt(pageSize),
        cacheTtl == null ? d.listTtlMs() : Long.parseLong(cacheTtl),
        d.readTtlMs(),
        stateKeys(env),
        d.stateTtl(),
        d.maxStateChars(),
        d.maxErrorChars(),
        d.deadlineMargin());
  }

  static StateKeySource stateKeys(Environment env) {
    var arn = env.get(Environment.STATE_SECRET_ARN);
    if (arn.isPresent()) {
      return dev.mcplambda.secrets.SecretsManagerStateKeySource.start(arn.get(), env);
    }
    String secret = env.get(Environment.STATE_SECRET).orElse(null);
    return secret == null
        ? null
        : StateKeySource.fixed(
            StateKeyRing.of(secret, env.get(Environment.STATE_SECRET_PREVIOUS).orElse(null)));
  }

  public DispatcherConfig withPageSize(int size) {
    return new DispatcherConfig(
        clock,
        size,
        listTtlMs,
        readTtlMs,
        stateKeys,
        stateTtl,
        maxStateChars,
        maxErrorChars,
        deadlineMargin);
  }

  public DispatcherConfig withClock(Clock c) {
    return new DispatcherConfig(
        c,
        pageSize,
        listTtlMs,
        readTtlMs,
        stateKeys,
        stateTtl,
        maxStateChars,
        maxErrorChars,
        deadlineMargin);
  }

  public DispatcherConfig withStateSecret(String secret) {
    return withStateKeys(StateKeySource.fixed(StateKeyRing.of(secret, null)));
  }

  public DispatcherConfig withStateKeys(StateKeySource keys) {
    return new DispatcherConfig(
        clock,
        pageSize,
        listTtlMs,
        readTtlMs,
        keys,
        stateTtl,
        maxStateChars,
        maxErrorChars,
        deadlineMargin);
  }
}
