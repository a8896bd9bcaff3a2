package dev.mcplambda.local.auth;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the signatures of accepted requests until they would expire anyway, so the same signed
 * request cannot be accepted twice. Bounded: at most {@code capacity} signatures are remembered.
 * Expired ones are swept at most once a second (or when the guard is full), so a burst of valid
 * requests costs no full scan each. When the guard is full of still-valid signatures a new
 * state-changing request is refused ({@link Use#FULL}) rather than forgetting one that could then
 * be replayed: memory stays bounded and the guard never fails open.
 */
final class ReplayGuard {

  /** Default capacity: 100,000 signatures of about 64 characters, a few tens of MB at most. */
  static final int DEFAULT_CAPACITY = 100_000;

  /** What recording a signature found. */
  enum Use {
    FIRST,
    REPLAY,
    FULL
  }

  private final ConcurrentHashMap<String, Instant> seen = new ConcurrentHashMap<>();
  private final int capacity;
  private volatile Instant nextSweep = Instant.MIN;

  ReplayGuard() {
    this(DEFAULT_CAPACITY);
  }

  ReplayGuard(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.capacity = capacity;
  }

  /**
   * Records a signature.
   *
   * @param forgetAfter when the signature would be refused as expired anyway
   */
  Use record(String signature, Instant forgetAfter, Instant now) {
    if (!now.isBefore(nextSweep) || seen.size() >= capacity) {
      sweep(now);
    }
    Instant previous = seen.get(signature);
    if (previous != null && !previous.isBefore(now)) {
      return Use.REPLAY;
    }
    if (previous == null && seen.size() >= capacity) {
      return Use.FULL;
    }
    Instant raced =
        previous == null
            ? seen.putIfAbsent(signature, forgetAfter)
            : seen.replace(signature, previous, forgetAfter) ? null : seen.get(signature);
    return raced == null ? Use.FIRST : Use.REPLAY;
  }

  /** Signatures remembered now (tests, diagnostics). */
  int size() {
    return seen.size();
  }

  private synchronized void sweep(Instant now) {
    if (now.isBefore(nextSweep) && seen.size() < capacity) {
      return; // another thread just swept
    }
    seen.values().removeIf(t -> t.isBefore(now));
    nextSweep = now.plusSeconds(1);
  }
}
