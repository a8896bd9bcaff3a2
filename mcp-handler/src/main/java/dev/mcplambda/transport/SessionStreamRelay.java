package dev.mcplambda.transport;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.json.Json;
import dev.mcplambda.jsonrpc.JsonRpcNotification;
import dev.mcplambda.protocol.CatalogChanges;
import dev.mcplambda.protocol.SessionSubscriptions;
import dev.mcplambda.session.SessionRecord;
import dev.mcplambda.session.SessionStore;
import dev.mcplambda.session.StoredMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Writes a session's queued outbound messages to an SSE stream (legacy {@code GET /sse}, 2025
 * {@code GET /mcp}): each message once, in sequence order, with a keep-alive comment whenever
 * {@code heartbeat} passed without one, until the stream's end time or until the session is gone.
 * The messages may have been appended by other invocations; the store wakes or polls.
 *
 * <p>Between messages it checks the stream's {@link ListChangeFeed.Watch} when due and writes the
 * change notifications straight to the stream (they are not queued: another stream of the session
 * sees the same change through its own watch): every {@code notifications/*}{@code /list_changed}
 * and {@code notifications/resources/updated} for the URIs the session subscribed to (read from the
 * session record only when something changed).
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
    return relay(sessionId, afterSeq, sse, endAtMillis, toEvent, ListChangeFeed.NEVER, null);
  }

  /**
   * As {@link #relay(String, long, SseWriter, long, Function)}, with change notifications from
   * {@code watch} written as {@code toNotification.apply(json)}.
   */
  Result relay(
      String sessionId,
      long afterSeq,
      SseWriter sse,
      long endAtMillis,
      Function<StoredMessage, SseEvent> toEvent,
      ListChangeFeed.Watch watch,
      Function<String, SseEvent> toNotification)
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
        if (now >= watch.nextCheckAt()) {
          notifyChanges(sessionId, watch.check(), sse, toNotification);
          now = System.currentTimeMillis();
        }
        long wait =
            Math.max(1, Math.min(Math.min(nextBeat, endAtMillis), watch.nextCheckAt()) - now);
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

  private void notifyChanges(
      String sessionId,
      CatalogChanges changes,
      SseWriter sse,
      Function<String, SseEvent> toNotification)
      throws IOException {
    if (changes.isEmpty()) {
      return;
    }
    for (String method : changes.listChanged()) {
      sse.write(toNotification.apply(Json.write(new JsonRpcNotification(method, null))));
    }
    Optional<SessionRecord> session = store.get(sessionId);
    List<String> subscribed =
        session.map(s -> SessionSubscriptions.resourceUris(s.subscriptions())).orElse(List.of());
    for (String uri : changes.updated(subscribed)) {
      ObjectNode params = Json.object();
      params.put("uri", uri);
      sse.write(
          toNotification.apply(
              Json.write(new JsonRpcNotification(ListChangeFeed.RESOURCE_UPDATED, params))));
    }
  }
}
