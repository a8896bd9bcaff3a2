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

  /** Always the same ring. */
  static StateKeySource fixed(StateKeyRing ring) {
    return () -> ring;
  }
}
