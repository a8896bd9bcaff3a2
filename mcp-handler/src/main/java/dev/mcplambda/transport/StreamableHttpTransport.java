package dev.mcplambda.transport;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcplambda.jsonrpc.ErrorCodes;
import dev.mcplambda.jsonrpc.JsonRpcMessage;
import dev.mcplambda.jsonrpc.JsonRpcNotification;
import dev.mcplambda.jsonrpc.JsonRpcRequest;
import dev.mcplambda.jsonrpc.JsonRpcResponse;
import dev.mcplambda.protocol.CallContext;
import dev.mcplambda.protocol.Dispatched;
import dev.mcplambda.protocol.Era;
import dev.mcplambda.protocol.McpDispatcher;
import dev.mcplambda.protocol.OutboundChannel;
import dev.mcplambda.runtime.ResponseStream;
import dev.mcplambda.session.SessionRecord;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Streamable HTTP of the 2025 revisions (2025-03-26 … 2025-11-25) on {@code /mcp}: {@code
 * initialize} creates a session and answers with {@code Mcp-Session-Id}; every later request needs
 * that header (400 without, 404 for an unknown, expired or foreign session). POSTed requests are
 * answered with JSON, or with an SSE stream when the dispatcher sends messages first; notifications
 * and client responses get 202. {@code GET} streams the session's queued messages (event ids are
 * sequence numbers; {@code Last-Event-ID} resumes), list-changed and resource-updated notifications
 * from the {@link ListChangeFeed} (no event id), and ends with a {@code retry} hint before the
 * deadline. {@code DELETE} ends the session (204).
 */
public final class StreamableHttpTransport {

  static final String SESSION_HEADER = "Mcp-Session-Id";

  /** How long a client should wait before reconnecting a GET stream that ended at a deadline. */
  static final long RECONNECT_MILLIS = 1000;

  private final McpDispatcher dispatcher;
  private final SessionLifecycle sessions;
  private final SessionStreamRelay relay;
  private final TransportSettings settings;
  private final ListChangeFeed changes;

  StreamableHttpTransport(
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

  /** {@code POST /mcp} with an {@code initialize} request (no modern {@code _meta} envelope). */
  public TransportOutcome initialize(McpHttpRequest request, JsonRpcRequest rpc, ResponseStream out)
      throws IOException {
    AcceptHeader accept = AcceptHeader.parse(request.header("accept"));
    if (!accept.any()) {
      return notAcceptable(out);
    }
    JsonNode params = rpc.params();
    JsonNode clientInfo = params == null ? null : params.get("clientInfo");
    JsonNode capabilities = params == null ? null : params.get("capabilities");
    CallContext context =
        CallContext.initializing(
            Era.STREAMABLE_HTTP,
            capabilities,
            clientInfo,
            request.principal(),
            request.invocation());
    // nothing may precede the InitializeResult: its response carries the session header
    Dispatched dispatched = dispatcher.dispatch(rpc, context, OutboundChannel.DISCARD);
    JsonRpcResponse response = dispatched.response();
    Map<String, String> headers = Map.of();
    if (!response.isError()) {
      JsonNode version = response.result().get("protocolVersion");
      SessionRecord session =
          sessions.create(
              request.principal(),
              SessionLifecycle.ERA_STREAMABLE_HTTP,
              version != null && version.isTextual() ? version.asText() : null,
              clientInfo,
              capabilities);
      headers = Map.of(SESSION_HEADER, session.sessionId());
    }
    int status = new PostResponseChannel(out, accept, false, headers).finish(response, 200);
    return TransportOutcome.served(status, Era.STREAMABLE_HTTP, dispatched.summary());
  }

  /** {@code POST /mcp} within a session. */
  public TransportOutcome post(McpHttpRequest request, JsonRpcMessage message, ResponseStream out)
      throws IOException {
    AcceptHeader accept = AcceptHeader.parse(request.header("accept"));
    if (!accept.any()) {
      return notAcceptable(out);
    }
    Optional<SessionRecord> found = session(request, out);
    if (found.isEmpty()) {
      return sessionRefused(request);
    }
    SessionRecord session = sessions.touch(found.get());
    String versionHeader = request.header("mcp-protocol-version");
    if (versionHeader != null && !versionHeader.equals(session.protocolVersion())) {
      HttpResponses.error(
          out,
          400,
          ErrorCodes.INVALID_REQUEST,
          "Bad Request: MCP-Protocol-Version does not match the session's negotiated version");
      return TransportOutcome.rejected(400, Era.STREAMABLE_HTTP, "protocol_version_header");
    }
    CallContext context =
        CallContext.ofSession(
            Era.STREAMABLE_HTTP, session, request.principal(), request.invocation());
    switch (message) {
      case JsonRpcRequest rpc -> {
        PostResponseChannel channel = new PostResponseChannel(out, accept, false, Map.of());
        Dispatched dispatched = dispatcher.dispatch(rpc, context, channel);
        int status;
        if (dispatched.cancelled()) {
          status = channel.abandon();
        } else {
          status = channel.finish(dispatched.response(), 200);
        }
        return TransportOutcome.served(status, Era.STREAMABLE_HTTP, dispatched.summary());
      }
      case JsonRpcNotification notification -> {
        dispatcher.accept(notification, context);
        HttpResponses.empty(out, 202, Map.of());
        return TransportOutcome.accepted(
            Era.STREAMABLE_HTTP, notification.method(), "notification");
      }
      case JsonRpcResponse response -> {
        dispatcher.accept(response, context);
        HttpResponses.empty(out, 202, Map.of());
        return TransportOutcome.accepted(Era.STREAMABLE_HTTP, null, "client_response");
      }
    }
  }

  /** {@code GET /mcp}: the session's stream of server-initiated messages. */
  public TransportOutcome openStream(McpHttpRequest request, ResponseStream out)
      throws IOException {
    if (!AcceptHeader.parse(request.header("accept")).sse()) {
      HttpResponses.error(
          out, 406, ErrorCodes.INVALID_REQUEST, "Not Acceptable: GET /mcp needs text/event-stream");
      return TransportOutcome.rejected(406, Era.STREAMABLE_HTTP, "not_acceptable");
    }
    long after = 0;
    String lastEventId = request.header("last-event-id");
    if (lastEventId != null && !lastEventId.isEmpty()) {
      try {
        after = Long.parseLong(lastEventId);
      } catch (NumberFormatException e) {
        after = -1;
      }
      if (after < 0) {
        HttpResponses.error(out, 400, ErrorCodes.INVALID_REQUEST, "Bad Request: Last-Event-ID");
        return TransportOutcome.rejected(400, Era.STREAMABLE_HTTP, "last_event_id");
      }
    }
    Optional<SessionRecord> found = session(request, out);
    if (found.isEmpty()) {
      return sessionRefused(request);
    }
    SessionRecord session = sessions.touch(found.get());
    // positioned before anything is written: a change made once the stream is visible is seen
    ListChangeFeed.Watch watch = changes.watch(request.principal());
    out.start(200, HttpResponses.sseHeaders(Map.of()), List.of());
    SseWriter sse = new SseWriter(out.body());
    long endAt = request.invocation().deadlineEpochMillis() - settings.deadlineMargin().toMillis();
    SessionStreamRelay.Result result =
        relay.relay(
            session.sessionId(),
            after,
            sse,
            endAt,
            m -> new SseEvent(null, Long.toString(m.seq()), m.json()),
            watch,
            json -> new SseEvent(null, null, json));
    if (result.end() == SessionStreamRelay.End.DEADLINE) {
      sse.retry(RECONNECT_MILLIS);
    }
    return TransportOutcome.stream(
        Era.STREAMABLE_HTTP, null, result.end().name().toLowerCase(Locale.ROOT));
  }

  /** {@code DELETE /mcp}: ends the session. */
  public TransportOutcome delete(McpHttpRequest request, ResponseStream out) throws IOException {
    Optional<SessionRecord> found = session(request, out);
    if (found.isEmpty()) {
      return sessionRefused(request);
    }
    sessions.store().delete(found.get().sessionId());
    HttpResponses.empty(out, 204, Map.of());
    return TransportOutcome.handled(204, Era.STREAMABLE_HTTP, "session_deleted");
  }

  /**
   * The request's session, or empty after answering 400 (no header) or 404 (unknown, expired,
   * another principal's or another era's).
   */
  private Optional<SessionRecord> session(McpHttpRequest request, ResponseStream out)
      throws IOException {
    String id = request.header(SESSION_HEADER);
    if (id == null || id.isEmpty()) {
      HttpResponses.error(
          out, 400, ErrorCodes.INVALID_REQUEST, "Bad Request: Mcp-Session-Id header required");
      return Optional.empty();
    }
    Optional<SessionRecord> found =
        sessions.find(id, request.principal(), SessionLifecycle.ERA_STREAMABLE_HTTP);
    if (found.isEmpty()) {
      HttpResponses.error(out, 404, ErrorCodes.INVALID_REQUEST, "Session not found");
    }
    return found;
  }

  private static TransportOutcome sessionRefused(McpHttpRequest request) {
    String id = request.header(SESSION_HEADER);
    return id == null || id.isEmpty()
        ? TransportOutcome.rejected(400, Era.STREAMABLE_HTTP, "missing_session_id")
        : TransportOutcome.rejected(404, Era.STREAMABLE_HTTP, "unknown_session");
  }

  private static TransportOutcome notAcceptable(ResponseStream out) throws IOException {
    HttpResponses.error(
        out,
        406,
        ErrorCodes.INVALID_REQUEST,
        "Not Acceptable: accept application/json or text/event-stream");
    return TransportOutcome.rejected(406, Era.STREAMABLE_HTTP, "not_acceptable");
  }
}
