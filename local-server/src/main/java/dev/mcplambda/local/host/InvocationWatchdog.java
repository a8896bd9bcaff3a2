package dev.mcplambda.local.host;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Ends invocations that run on their caller's thread at their deadline: one daemon thread looks at
 * the running invocations every {@link #TICK_MILLIS} and, for each one past its deadline, claims it
 * (so its own thread no longer answers), runs its timeout action and interrupts its thread. An
 * invocation costs no thread hand-off and no timer scheduling; deadlines are kept within a tick.
 */
final class InvocationWatchdog implements AutoCloseable {

  static final long TICK_MILLIS = 20;

  /** One running invocation. Whoever {@link #claim}s it first answers it. */
  static final class Running {
    private final Thread thread;
    private final long deadlineNanos;
    private final Consumer<Running> onTimeout;
    private final AtomicBoolean claimed = new AtomicBoolean();

    Running(Thread thread, long deadlineNanos, Consumer<Running> onTimeout) {
      this.thread = thread;
      this.deadlineNanos = deadlineNanos;
      this.onTimeout = onTimeout;
    }

    /** {@code true} for the first caller only. */
    boolean claim() {
      return claimed.compareAndSet(false, true);
    }
  }

  private final Set<Running> running = ConcurrentHashMap.newKeySet();
  private final Thread thread;
  private volatile boolean closed;

  InvocationWatchdog(String name) {
    thread = Thread.ofPlatform().daemon().name(name).unstarted(this::loop);
    thread.start();
  }

  /**
   * Registers an invocation of the current thread ending at {@code deadlineNanos} ({@link
   * System#nanoTime}); {@code onTimeout} runs on the watchdog's thread if it claims it.
   */
  Running start(long deadlineNanos, Consumer<Running> onTimeout) {
    Running r = new Running(Thread.currentThread(), deadlineNanos, onTimeout);
    running.add(r);
    return r;
  }

  /**
   * Ends an invocation on its own thread.
   *
   * @return {@code true} when the caller answers it; {@code false} when the watchdog already did
   *     (the thread's interrupt status is cleared either way)
   */
  boolean finish(Running r) {
    running.remove(r);
    boolean mine = r.claim();
    if (!mine) {
      Thread.interrupted(); // the watchdog's interrupt, possibly still pending
    }
    return mine;
  }

  private void loop() {
    while (!closed) {
      try {
        Thread.sleep(TICK_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
      long now = System.nanoTime();
      for (Running r : running) {
        if (now - r.deadlineNanos >= 0 && r.claim()) {
          running.remove(r);
          try {
            r.onTimeout.accept(r);
          } catch (RuntimeException e) {
            // the timeout answer failed (client gone); the interrupt still ends the function
          }
          r.thread.interrupt();
        }
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
  }
}
