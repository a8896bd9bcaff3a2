package dev.mcplambda.transport;

import dev.mcplambda.protocol.CatalogChanges;
import java.io.IOException;
import java.time.Duration;

/**
 * The one loop behind every long-lived SSE stream (legacy {@code GET /sse}, 2025 {@code GET /mcp},
 * 2026-07-28 {@code subscriptions/listen}): until the stream's end time it writes what the stream's
 * {@link Queue} holds as it arrives, the change notifications its {@link ListChangeFeed.Watch}
 * finds when a check is due, and a keep-alive comment whenever {@code heartbeat} passed without an
 * event. At the end time what is already queued still goes out.
 */
final class StreamLoop {

  /** How a stream ended. */
  enum End {
    /** The end time came (the invocation deadline minus the margin). */
    DEADLINE,
    /** The queue's source is gone (the session was deleted or expired). */
    SOURCE_GONE,
    /** The thread was interrupted (the runtime is shutting down). */
    INTERRUPTED
  }

  /** What a stream relays besides change notifications. */
  interface Queue {

    /**
     * Waits at most {@code waitMillis} for queued events and writes them.
     *
     * @return the number written, or -1 when the source is gone and the stream should end
     */
    long relay(SseWriter sse, long waitMillis) throws IOException, InterruptedException;

    /** Writes what is already queued, without waiting (the end time came). */
    long drain(SseWriter sse) throws IOException;

    /** No queue: the stream only carries change notifications. */
    Queue NONE =
        new Queue() {
          @Override
          public long relay(SseWriter sse, long waitMillis) throws InterruptedException {
            Thread.sleep(waitMillis);
            return 0;
          }

          @Override
          public long drain(SseWriter sse) {
            return 0;
          }
        };
  }

  /** Writes the notifications for the changes a watch found; returns how many it wrote. */
  @FunctionalInterface
  interface ChangeWriter {
    long write(CatalogChanges due, SseWriter sse) throws IOException;
  }

  /**
   * @param queued events the queue wrote
   * @param changes change notifications written
   */
  record Result(End end, long queued, long changes) {}

  private final Duration heartbeat;
  private final String keepAlive;

  /**
   * @param keepAlive the text of the keep-alive SSE comment
   */
  StreamLoop(Duration heartbeat, String keepAlive) {
    this.heartbeat = heartbeat;
    this.keepAlive = keepAlive;
  }

  Result run(
      SseWriter sse,
      long endAtMillis,
      Queue queue,
      ListChangeFeed.Watch watch,
      ChangeWriter changeWriter)
      throws IOException {
    long queued = 0;
    long changes = 0;
    long nextBeat = System.currentTimeMillis() + heartbeat.toMillis();
    try {
      while (true) {
        long now = System.currentTimeMillis();
        if (now >= endAtMillis) {
          queued += queue.drain(sse);
          return new Result(End.DEADLINE, queued, changes);
        }
        if (now >= watch.nextCheckAt()) {
          long written = changeWriter.write(watch.check(), sse);
          if (written > 0) {
            changes += written;
            nextBeat = System.currentTimeMillis() + heartbeat.toMillis();
          }
          now = System.currentTimeMillis();
        }
        long wait =
            Math.max(1, Math.min(Math.min(nextBeat, endAtMillis), watch.nextCheckAt()) - now);
        long relayed = queue.relay(sse, wait);
        if (relayed < 0) {
          return new Result(End.SOURCE_GONE, queued, changes);
        }
        queued += relayed;
        now = System.currentTimeMillis();
        if (now >= nextBeat && now < endAtMillis) {
          sse.comment(keepAlive);
          nextBeat = now + heartbeat.toMillis();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(End.INTERRUPTED, queued, changes);
    }
  }
}
