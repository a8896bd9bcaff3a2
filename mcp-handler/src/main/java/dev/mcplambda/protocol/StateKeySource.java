package dev.mcplambda.protocol;

/**
 * Where the {@link RequestStateSealer} gets its {@link StateKeyRing}: fixed for tests and the local
 * server, Secrets Manager on Lambda ({@code dev.mcplambda.secrets.SecretsManagerStateKeySource}).
 */
public interface StateKeySource {

  /** The nonce randomness every source shares unless it says otherwise. */
  java.util.random.RandomGenerator SECURE_NONCES = new java.security.SecureRandom();

  /** The keys to seal and open with now. */
  StateKeyRing keys();

  /**
   * Called when a state names a key id this ring does not hold (another container may already seal
   * with a rotated key): a source that can reload does so, at a bounded rate. Returns the keys to
   * use for a second look.
   */
  default StateKeyRing refreshed() {
    return keys();
  }

  /**
   * Where the nonces of sealed states come from: {@link #SECURE_NONCES}; golden tests fix it to get
   * reproducible states.
   */
  default java.util.random.RandomGenerator nonces() {
    return SECURE_NONCES;
  }

  /** Always the same ring. */
  static StateKeySource fixed(StateKeyRing ring) {
    return () -> ring;
  }
}
