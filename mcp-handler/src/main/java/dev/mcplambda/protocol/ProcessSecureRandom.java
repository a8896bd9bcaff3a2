package dev.mcplambda.protocol;

import java.security.SecureRandom;

/**
 * The process's one {@link SecureRandom} (session ids, input-request ids, task ids, state nonces,
 * per-process state keys), built on first use: setting up the JCA provider list and the native PRNG
 * costs some 30 classes, and requests that draw no random bits ({@code tools/list}, …) should not
 * pay for them at cold start. {@code SecureRandom} is thread-safe.
 */
public final class ProcessSecureRandom {

  private ProcessSecureRandom() {}

  /** The shared instance (built on the first call). */
  public static SecureRandom get() {
    return Holder.RANDOM;
  }

  private static final class Holder {
    static final SecureRandom RANDOM = new SecureRandom();
  }
}
