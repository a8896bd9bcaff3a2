package dev.mcplambda.local.auth;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the signatures of accepted requests until they would expire anyway, so the same signed
 * request cannot be accepted twice.
 */
final class ReplayGuard {

  private final ConcurrentHashMap<String, Instant> seen = new ConcurrentHashMap<>();

  /**
   * Records a signature.
   *
   * @param forgetAfter when the signature would be refused as expired anyway
   * @return {@code false} if the signature was already recorded (a replay)
   */
  boolean firstUse(String signature, Instant forgetAfter, Instant now) {
    if (seen.size() > 1024) {
      seen.values().removeIf(t -> t.isBefore(now));
    }
    Instant previous = seen.putIfAbsent(signature, forgetAfter);
    if (previous != null && previous.isBefore(now)) {
      seen.put(signature, forgetAfter);
      return true;
    }
    return previous == null;
  }
}
