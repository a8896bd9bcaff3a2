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
 * A session's queued outbound messages as a {@link StreamLoop.Queue} (legacy {@code GET /sse}, 2025
 * {@code GET /mcp}): each message once, in sequence order, until the session is gone. The messages
 * may have been appended by other invocations; the store wakes or polls.
 *
 * <p>The stream's change notifications (from its {@link ListChangeFeed.Watch}) are written straight
 * to the stream (they are not queued: another stream of the session sees the same change through
 * its own watch): every {@code notifications/*}{@code /list_changed} and {@code
 * notifications/resources/updated} for the URIs the session subscribed to (read from the session
 * record only when something changed).
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
  private final StreamLoop loop;

  SessionStreamRelay(SessionStore store, Duration heartbeat) {
    this.store = store;
    this.loop = new StreamLoop(heartbeat, "ping");
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
    SessionQueue queue = new SessionQueue(sessionId, afterSeq, toEvent);
    StreamLoop.Result result =
        loop.run(
            sse,
            endAtMillis,
            queue,
            watch,
            (due, out) -> notifyChanges(sessionId, due, out, toNotification));
    End end =
        switch (result.end()) {
          case DEADLINE -> End.DEADLINE;
          case SOURCE_GONE -> End.SESSION_GONE;
          case INTERRUPTED -> End.INTERRUPTED;
        };
    return new Result(end, queue.last, result.queued());
  }

  /** The session's messages after {@code last}, each written once. */
  private final class SessionQueue implements StreamLoop.Queue {
    private final String sessionId;
    private final Function<StoredMessage, SseEvent> toEvent;
    private long last;

    SessionQueue(String sessionId, long afterSeq, Function<StoredMessage, SseEvent> toEvent) {
      this.sessionId = sessionId;
      this.toEvent = toEvent;
      this.last = afterSeq;
    }

    @Override
    public long relay(SseWriter sse, long waitMillis) throws IOException, InterruptedException {
      List<StoredMessage> messages = store.poll(sessionId, last, Duration.ofMillis(waitMillis));
      long written = write(messages, sse);
      if (messages.isEmpty() && store.get(sessionId).isEmpty()) {
        return -1;
      }
      return written;
    }

    @Override
    public long drain(SseWriter sse) throws IOException {
      try {
        return write(store.poll(sessionId, last, Duration.ZERO), sse);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 0;
      }
    }

    private long write(List<StoredMessage> messages, SseWriter sse) throws IOException {
      long written = 0;
      for (StoredMessage m : messages) {
        if (m.seq() <= last) {
          continue; // never twice, whatever the store does
        }
        sse.write(toEvent.apply(m));
        last = m.seq();
        written++;
      }
      return written;
    }
  }

  private long notifyChanges(
      String sessionId,
      CatalogChanges changes,
      SseWriter sse,
      Function<String, SseEvent> toNotification)
      throws IOException {
    if (changes.isEmpty()) {
      return 0;
    }
    long written = 0;
    for (String method : changes.listChanged()) {
      sse.write(toNotification.apply(Json.write(new JsonRpcNotification(method, null))));
      written++;
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
      written++;
    }
    return written;
  }
}
