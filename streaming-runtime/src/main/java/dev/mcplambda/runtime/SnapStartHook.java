package dev.mcplambda.runtime;

/**
 * Code to run around a Lambda SnapStart snapshot, registered with {@link SnapStartHooks#global()}
 * (typically from a handler's constructor). Only called when the function runs with {@code
 * AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}.
 */
public interface SnapStartHook {

  /** Runs after init, before Lambda takes the snapshot (close connections, prime caches). */
  default void beforeSnapshot() throws Exception {}

  /** Runs in every environment restored from the snapshot, before the first invocation. */
  default void afterRestore() throws Exception {}
}
