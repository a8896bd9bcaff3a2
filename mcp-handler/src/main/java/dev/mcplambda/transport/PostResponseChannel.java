package dev.mcplambda.transport;

import dev.mcplambda.json.Json;
import dev.mcplambda.jsonrpc.JsonRpcMessage;
import dev.mcplambda.jsonrpc.JsonRpcNotification;
import dev.mcplambda.jsonrpc.JsonRpcRequest;
import dev.mcplambda.jsonrpc.JsonRpcResponse;
import dev.mcplambda.protocol.OutboundChannel;
import dev.mcplambda.runtime.ResponseStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The response of one POSTed request (Streamable HTTP, both eras): plain JSON unless the dispatcher
 * sends messages before the response, in which case an SSE stream is opened lazily on the first one
 * and the response ends it. Without SSE in the client's {@code Accept}, outbound messages are
 * dropped and the response is JSON.
 */
final class PostResponseChannel implements OutboundChannel {

  private static final Logger LOG = LoggerFactory.getLogger(PostResponseChannel.class);

  private final ResponseStream out;
  private final AcceptHeader accept;
  private final boolean notificationsOnly;
  private final Map<String, String> extraHeaders;
  private SseWriter sse;
  private boolean finished;

  /**
   * @param notificationsOnly 2026-07-28 forbids server requests on a response stream
   */
  PostResponseChannel(
      ResponseStream out,
      AcceptHeader accept,
      boolean notificationsOnly,
      Map<String, String> extraHeaders) {
    this.out = out;
    this.accept = accept;
    this.notificationsOnly = notificationsOnly;
    this.extraHeaders = extraHeaders;
  }

  @Override
  public synchronized void send(JsonRpcMessage message) throws IOException {
    if (finished || !accept.sse()) {
      return;
    }
    if (message instanceof JsonRpcResponse
        || (notificationsOnly && !(message instanceof JsonRpcNotification))) {
      LOG.warn("dropped an outbound {} not allowed on a POST response stream", kind(message));
      return;
    }
    open().write(SseEvent.data(Json.write(message)));
  }

  @Override
  public boolean deliversRequests() {
    return accept.sse() && !notificationsOnly;
  }

  /** Whether the response became an SSE stream. */
  synchronized boolean streaming() {
    return sse != null;
  }

  /**
   * Sends the response: as the last SSE event if a stream is open (or the client accepts only SSE),
   * else as a JSON body with {@code jsonStatus}.
   *
   * @return the HTTP status the client sees
   */
  synchronized int finish(JsonRpcResponse response, int jsonStatus) throws IOException {
    finished = true;
    if (sse == null && (accept.json() || !accept.sse())) {
      HttpResponses.json(out, jsonStatus, Json.write(response), extraHeaders);
      return jsonStatus;
    }
    open().write(SseEvent.data(Json.write(response)));
    return 200;
  }

  /** Ends an open stream without a response (a cancelled request). */
  synchronized int abandon() throws IOException {
    finished = true;
    if (sse == null) {
      HttpResponses.empty(out, 202, extraHeaders);
      return 202;
    }
    return 200;
  }

  private SseWriter open() throws IOException {
    if (sse == null) {
      out.start(200, HttpResponses.sseHeaders(extraHeaders), List.of());
      sse = new SseWriter(out.body());
    }
    return sse;
  }

  private static String kind(JsonRpcMessage m) {
    return switch (m) {
      case JsonRpcNotification n -> "notification";
      case JsonRpcResponse r -> "response";
      case JsonRpcRequest r -> "request";
    };
  }
}
