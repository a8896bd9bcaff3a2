package dev.mcplambda.protocol;

/**
 * Where the {@link RequestStateSealer} gets its {@link StateKeyRing}: fixed for tests and the local
 * server, Secrets Manager on Lambda ({@code dev.mcplambda.secrets.SecretsManagerStateKeySource}).
 */
public interface StateKeySource {

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
   * Where the nonces of sealed states come from: the process's {@link ProcessSecureRandom} (built
   * on first use); golden tests fix it to get reproducible states.
   */
  default java.util.random.RandomGenerator nonces() {
    return ProcessSecureRandom.get();
  }

  /** Always the same ring. */
  static StateKeySource fixed(StateKeyRing ring) {
    return () -> ring;
  }

  /**
   * A random ring of its own ({@link StateKeyRing#random}), drawn on the first {@link #keys()}
   * call: a process that never seals or opens a state draws no key (no SecureRandom at cold start).
   */
  static StateKeySource randomPerProcess() {
    return new StateKeySource() {
      private StateKeyRing ring;

      @Override
      public synchronized StateKeyRing keys() {
        if (ring == null) {
          ring = StateKeyRing.random();
        }
        return ring;
      }
    };
  }
}
