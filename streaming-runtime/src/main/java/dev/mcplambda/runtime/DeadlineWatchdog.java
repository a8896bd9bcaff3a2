package dev.mcplambda.runtime;

import java.io.IOException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a streaming handler's response cleanly shortly before the invocation deadline, so that a
 * long-lived stream (SSE) finishes with a well-formed end instead of being cut off by the Lambda
 * timeout. At {@code deadline - margin} it ends the response (terminating chunk without error
 * trailers; a 504 JSON response if the handler had not started one) and interrupts the handler
 * thread; later writes by the handler fail with an {@link IOException}. The margin is {@code
 * min(maxMargin, remaining / 10)} at the start of the invocation.
 */
final class DeadlineWatchdog implements AutoCloseable {

  static final String DEADLINE_BODY =
      "{\"message\":\"The function reached its deadline before it finished the response.\"}";

  private static final Logger LOG = LoggerFactory.getLogger(DeadlineWatchdog.class);

  private final long maxMarginMillis;
  private ScheduledExecutorService scheduler;

  DeadlineWatchdog(long maxMarginMillis) {
    this.maxMarginMillis = maxMarginMillis;
  }

  /** Arms the watchdog for one invocation; close the returned watch when the handler returns. */
  Watch watch(long deadlineEpochMillis, InvocationResponse response, Thread worker) {
    if (deadlineEpochMillis <= 0) {
      return new Watch(null, null);
    }
    long remaining = deadlineEpochMillis - System.currentTimeMillis();
    long margin = Math.min(maxMarginMillis, Math.max(0, remaining / 10));
    long delay = Math.max(0, remaining - margin);
    Watch watch = new Watch(response, worker);
    watch.future = scheduler().schedule(watch::fire, delay, TimeUnit.MILLISECONDS);
    return watch;
  }

  private synchronized ScheduledExecutorService scheduler() {
    if (scheduler == null) {
      ScheduledThreadPoolExecutor s =
          new ScheduledThreadPoolExecutor(
              1,
              r -> {
                Thread t = new Thread(r, "mcp-lambda-deadline");
                t.setDaemon(true);
                return t;
              });
      s.setRemoveOnCancelPolicy(true);
      scheduler = s;
    }
    return scheduler;
  }

  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }

  /** One armed invocation. */
  static final class Watch implements AutoCloseable {
    private final InvocationResponse response;
    private final Thread worker;
    private ScheduledFuture<?> future;
    private boolean active = true;
    private boolean fired;

    private Watch(InvocationResponse response, Thread worker) {
      this.response = response;
      this.worker = worker;
    }

    private void fire() {
      synchronized (this) {
        if (!active) {
          return;
        }
        fired = true;
      }
      try {
        response.endAtDeadline();
        LOG.warn(
            "handler still running close to the deadline: response ended, handler interrupted");
      } catch (IOException | RuntimeException e) {
        LOG.warn("could not end the response at the deadline: {}", e.toString());
      }
      synchronized (this) {
        if (active) {
          worker.interrupt();
        }
      }
    }

    /** Whether the deadline fired for this invocation. */
    synchronized boolean fired() {
      return fired;
    }

    /** Disarms; clears an interrupt this watch may have delivered to the calling worker. */
    @Override
    public void close() {
      synchronized (this) {
        active = false;
      }
      if (future != null) {
        future.cancel(false);
      }
      if (worker == Thread.currentThread() && fired()) {
        Thread.interrupted();
      }
    }
  }
}
