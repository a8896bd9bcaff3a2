package dev.mcplambda.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Our registry of {@link SnapStartHook}s. Before a snapshot hooks run in reverse registration
 * order, after a restore in registration order (the CRaC and stock-runtime convention). Every hook
 * runs even if an earlier one failed; the failures are collected into one exception.
 */
public final class SnapStartHooks {

  private static final SnapStartHooks GLOBAL = new SnapStartHooks();

  private final List<SnapStartHook> hooks = new ArrayList<>();

  /** The process-wide registry the Lambda runtime runs. */
  public static SnapStartHooks global() {
    return GLOBAL;
  }

  public synchronized void register(SnapStartHook hook) {
    hooks.add(Objects.requireNonNull(hook, "hook"));
  }

  synchronized List<SnapStartHook> registered() {
    return List.copyOf(hooks);
  }

  void runBeforeSnapshot() throws Exception {
    List<SnapStartHook> all = registered();
    Exception failure = null;
    for (int i = all.size() - 1; i >= 0; i--) {
      try {
        all.get(i).beforeSnapshot();
      } catch (Exception e) {
        failure = collect(failure, e);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  void runAfterRestore() throws Exception {
    Exception failure = null;
    for (SnapStartHook hook : registered()) {
      try {
        hook.afterRestore();
      } catch (Exception e) {
        failure = collect(failure, e);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static Exception collect(Exception first, Exception next) {
    if (first == null) {
      return next;
    }
    first.addSuppressed(next);
    return first;
  }
}
