package dev.mcplambda.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.json.Json;
import dev.mcplambda.jsonrpc.ErrorCodes;
import dev.mcplambda.jsonrpc.JsonRpcError;
import dev.mcplambda.jsonrpc.JsonRpcMessage;
import dev.mcplambda.jsonrpc.JsonRpcNotification;
import dev.mcplambda.jsonrpc.JsonRpcParser;
import dev.mcplambda.jsonrpc.JsonRpcRequest;
import dev.mcplambda.jsonrpc.JsonRpcResponse;
import dev.mcplambda.jsonrpc.ParsedMessage;
import dev.mcplambda.protocol.CallContext;
import dev.mcplambda.protocol.Dispatched;
import dev.mcplambda.protocol.Era;
import dev.mcplambda.protocol.McpDispatcher;
import dev.mcplambda.protocol.OutboundChannel;
import dev.mcplambda.runtime.ResponseStream;
import dev.mcplambda.session.MessageTooLargeException;
import dev.mcplambda.session.SessionRecord;
import dev.mcplambda.session.SessionStore;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The 2024-11-05 HTTP+SSE transport (the seed's): {@code GET /sse} creates a session and streams it
 * — first an {@code endpoint} event naming {@code /message?sessionId=<id>}, then every queued
 * message as a {@code message} event, change notifications from the {@link ListChangeFeed} as
 * {@code message} events without id, {@code : ping} comments in quiet periods — and ends cleanly
 * before the invocation's deadline with a {@code retry} hint so the client reconnects. Events carry
 * ids ({@code <sessionId>:<seq>}): a reconnect with {@code Last-Event-ID} resumes the session.
 * {@code POST /message?sessionId=} hands the message to the dispatcher, queues the response in the
 * session store and answers 202; whichever invocation holds the stream writes it out.
 */
public final class LegacySseTransport {

  private static final Logger LOG = LoggerFactory.getLogger(LegacySseTransport.class);

  /** How long a client should wait before reconnecting a stream that ended at a deadline. */
  static final long RECONNECT_MILLIS = 1000;

  private static final Pattern EVENT_ID = Pattern.compile("([A-Za-z0-9_-]{1,64}):([0-9]{1,18})");

  private final McpDispatcher dispatcher;
  private final SessionLifecycle sessions;
  private final SessionStreamRelay relay;
  private final TransportSettings settings;
  private final ListChangeFeed changes;

  LegacySseTransport(
      McpDispatcher dispatcher,
      SessionLifecycle sessions,
      TransportSettings settings,
      ListChangeFeed changes) {
    this.dispatcher = dispatcher;
    this.sessions = sessions;
    this.settings = settings;
    this.changes = changes;
    this.relay = new SessionStreamRelay(sessions.store(), settings.heartbeat());
  }

  /**
   * {@code GET /sse}. A reconnect whose {@code Last-Event-ID} names one of the caller's live
   * sessions resumes it after that message (EventSource clients send it by themselves), so replies
   * queued while the previous stream was closing are not lost; otherwise a new session starts.
   */
  public TransportOutcome openStream(McpHttpRequest request, ResponseStream out)
      throws IOException {
    if (!AcceptHeader.parse(request.header("accept")).sse()) {
      HttpResponses.error(
          out, 406, ErrorCodes.INVALID_REQUEST, "Not Acceptable: GET /sse needs text/event-stream");
      return TransportOutcome.rejected(406, Era.LEGACY_SSE, "not_acceptable");
    }
    SessionRecord session = null;
    long after = 0;
    Matcher resume =
        EVENT_ID.matcher(Objects.requireNonNullElse(request.header("last-event-id"), ""));
    if (resume.matches()) {
      session =
          sessions
              .find(resume.group(1), request.principal(), SessionLifecycle.ERA_LEGACY_SSE)
              .orElse(null);
      after = session == null ? 0 : Long.parseLong(resume.group(2));
    }
    boolean resumed = session != null;
    if (session == null) {
      session =
          sessions.create(request.principal(), SessionLifecycle.ERA_LEGACY_SSE, null, null, null);
    } else {
      session = sessions.touch(session);
    }
    String id = session.sessionId();
    // positioned before anything is written: a change made once the stream is visible is seen
    ListChangeFeed.Watch watch = changes.watch(request.principal());
    out.start(200, HttpResponses.sseHeaders(Map.of()), List.of());
    SseWriter sse = new SseWriter(out.body());
    sse.write(new SseEvent("endpoint", eventId(id, after), "/message?sessionId=" + id));
    long endAt = request.invocation().deadlineEpochMillis() - settings.deadlineMargin().toMillis();
    SessionStreamRelay.Result result =
        relay.relay(
            id,
            after,
            sse,
            endAt,
            m -> new SseEvent("message", eventId(id, m.seq()), m.json()),
            watch,
            json -> new SseEvent("message", null, json));
    if (result.end() == SessionStreamRelay.End.DEADLINE) {
      sse.retry(RECONNECT_MILLIS);
    }
    TransportOutcome streamed =
        TransportOutcome.stream(Era.LEGACY_SSE, null, result.end().name().toLowerCase(Locale.ROOT));
    return resumed ? streamed.withOutcome("stream_resumed") : streamed;
  }

  /** {@code <sessionId>:<seq>}: what a reconnecting client sends back as {@code Last-Event-ID}. */
  private static String eventId(String sessionId, long seq) {
    return sessionId + ":" + seq;
  }

  /** {@code POST /message?sessionId=}. */
  public TransportOutcome post(McpHttpRequest request, ResponseStream out) throws IOException {
    String sessionId = request.queryParameter("sessionId");
    if (sessionId == null || sessionId.isEmpty()) {
      HttpResponses.error(
          out, 400, ErrorCodes.INVALID_REQUEST, "Bad Request: sessionId query parameter required");
      return TransportOutcome.rejected(400, Era.LEGACY_SSE, "missing_session_id");
    }
    Optional<SessionRecord> found =
        sessions.find(sessionId, request.principal(), SessionLifecycle.ERA_LEGACY_SSE);
    if (found.isEmpty()) {
      HttpResponses.error(out, 404, ErrorCodes.INVALID_REQUEST, "Session not found");
      return TransportOutcome.rejected(404, Era.LEGACY_SSE, "unknown_session");
    }
    ParsedMessage parsed = JsonRpcParser.parse(request.body());
    JsonRpcMessage message;
    switch (parsed) {
      case ParsedMessage.Invalid invalid -> {
        HttpResponses.json(out, 400, invalid.error());
        return TransportOutcome.rejected(
            400, Era.LEGACY_SSE, null, invalid.error().error().code(), "invalid_message");
      }
      case ParsedMessage.Valid valid -> message = valid.message();
    }
    SessionRecord session = sessions.touch(found.get());
    CallContext context =
        CallContext.ofSession(Era.LEGACY_SSE, session, request.principal(), request.invocation());
    TransportOutcome outcome;
    switch (message) {
      case JsonRpcRequest rpc -> {
        OutboundChannel toStream = m -> queueOutbound(session.sessionId(), m);
        Dispatched dispatched = dispatcher.dispatch(rpc, context, toStream);
        JsonRpcResponse response = dispatched.response();
        if ("initialize".equals(rpc.method()) && !response.isError()) {
          recordInitialize(session, rpc, response);
        }
        if (!dispatched.cancelled()) {
          queueResponse(session.sessionId(), response);
        }
        outcome = TransportOutcome.served(202, Era.LEGACY_SSE, dispatched.summary());
      }
      case JsonRpcNotification notification -> {
        dispatcher.accept(notification, context);
        outcome = TransportOutcome.accepted(Era.LEGACY_SSE, notification.method(), "notification");
      }
      case JsonRpcResponse response -> {
        dispatcher.accept(response, context);
        outcome = TransportOutcome.accepted(Era.LEGACY_SSE, null, "client_response");
      }
    }
    HttpResponses.empty(out, 202, Map.of());
    return outcome;
  }

  /**
   * Queues a request's response for the session's stream. One too large for the session store (a
   * DynamoDB item holds 400 KB) is replaced by a -32603 error response with the same id, so the
   * client's request ends with an error instead of waiting for ever; Streamable HTTP, which writes
   * responses straight onto the POST, has no such limit.
   */
  private void queueResponse(String sessionId, JsonRpcResponse response) {
    try {
      sessions.store().append(sessionId, Json.write(response));
    } catch (MessageTooLargeException e) {
      LOG.warn(
          "response of {} bytes is over the session store's {}-byte limit; the client gets -32603",
          e.bytes(),
          SessionStore.MAX_MESSAGE_BYTES);
      ObjectNode data = Json.object();
      data.put("bytes", e.bytes());
      data.put("maxBytes", SessionStore.MAX_MESSAGE_BYTES);
      sessions
          .store()
          .append(
              sessionId,
              Json.write(
                  JsonRpcResponse.failure(
                      response.id(),
                      new JsonRpcError(
                          ErrorCodes.INTERNAL_ERROR,
                          "response too large for the session store ("
                              + e.bytes()
                              + " bytes; the HTTP+SSE transport holds at most "
                              + SessionStore.MAX_MESSAGE_BYTES
                              + "); use the Streamable HTTP transport for large results",
                          data))));
    }
  }

  /** A notification or server-to-client request; one too large fails its send (logged). */
  private void queueOutbound(String sessionId, JsonRpcMessage message) throws IOException {
    try {
      sessions.store().append(sessionId, Json.write(message));
    } catch (MessageTooLargeException e) {
      LOG.warn(
          "outbound message of {} bytes is over the session store's {}-byte limit; not sent",
          e.bytes(),
          SessionStore.MAX_MESSAGE_BYTES);
      throw new IOException(e.getMessage(), e);
    }
  }

  private void recordInitialize(SessionRecord session, JsonRpcRequest rpc, JsonRpcResponse rsp) {
    JsonNode params = rpc.params();
    JsonNode version = rsp.result().get("protocolVersion");
    sessions.initialized(
        session,
        version != null && version.isTextual() ? version.asText() : null,
        params == null ? null : params.get("clientInfo"),
        params == null ? null : params.get("capabilities"));
  }
}
