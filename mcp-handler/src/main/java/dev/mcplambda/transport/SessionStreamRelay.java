package dev.mcplambda.transport;

import dev.mcplambda.session.SessionStore;
import dev.mcplambda.session.StoredMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * Writes a session's queued outbound messages to an SSE stream (legacy {@code GET /sse}, 2025
 * {@code GET /mcp}): each message once, in sequence order, with a keep-alive comment whenever
 * {@code heartbeat} passed without one, until the stream's end time or until the session is gone.
 * The messages may have been appended by other invocations; the store wakes or polls.
 */
final class SessionStreamRelay {

  /** How a relay ended. */
  enum End {
    /** The end time came (the invocation deadline minus the margin). */
    DEADLINE,
    /** The session was deleted or expired. */
    SESSION_GONE,
    /** The thread was interrupted (the runtime is shutting down). */
    INTERRUPTED
  }

  /**
   * @param lastSeq the last sequence number written out when it ended
   * @param delivered how many messages it wrote
   */
  record Result(End end, long lastSeq, long delivered) {}

  private final SessionStore store;
  private final Duration heartbeat;

  SessionStreamRelay(SessionStore store, Duration heartbeat) {
    this.store = store;
    this.heartbeat = heartbeat;
  }

  /**
   * Relays messages with {@code seq > afterSeq} until {@code endAtMillis} (wall clock, like the
   * invocation deadline).
   */
  Result relay(
      String sessionId,
      long afterSeq,
      SseWriter sse,
      long endAtMillis,
      Function<StoredMessage, SseEvent> toEvent)
      throws IOException {
    long last = afterSeq;
    long delivered = 0;
    long nextBeat = System.currentTimeMillis() + heartbeat.toMillis();
    try {
      while (true) {
        long now = System.currentTimeMillis();
        if (now >= endAtMillis) {
          // what is queued already still goes out before the stream ends
          for (StoredMessage m : store.poll(sessionId, last, Duration.ZERO)) {
            if (m.seq() > last) {
              sse.write(toEvent.apply(m));
              last = m.seq();
              delivered++;
            }
          }
          return new Result(End.DEADLINE, last, delivered);
        }
        long wait = Math.max(1, Math.min(nextBeat, endAtMillis) - now);
        List<StoredMessage> messages = store.poll(sessionId, last, Duration.ofMillis(wait));
        for (StoredMessage m : messages) {
          if (m.seq() <= last) {
            continue; // never twice, whatever the store does
          }
          sse.write(toEvent.apply(m));
          last = m.seq();
          delivered++;
        }
        if (messages.isEmpty() && store.get(sessionId).isEmpty()) {
          return new Result(End.SESSION_GONE, last, delivered);
        }
        now = System.currentTimeMillis();
        if (now >= nextBeat && now < endAtMillis) {
          sse.comment("ping");
          nextBeat = now + heartbeat.toMillis();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(End.INTERRUPTED, last, delivered);
    }
  }
}
