package dev.mcplambda.protocol;

import dev.mcplambda.jsonrpc.JsonRpcMessage;
import java.io.IOException;

/**
 * Where the protocol core sends messages related to the request it is handling, before that
 * request's response: {@code notifications/progress}, {@code notifications/message} and (2025
 * sessions) server-to-client requests. The transport decides how they travel (the POST's SSE
 * stream, the session's stream through the session store, or nowhere for JSON responses).
 */
public interface OutboundChannel {

  void send(JsonRpcMessage message) throws IOException;

  /**
   * Whether a server-to-client request sent here reaches the client (false for plain JSON
   * responses, 2026 response streams and {@link #DISCARD}).
   */
  default boolean deliversRequests() {
    return true;
  }

  /** A channel that drops everything (plain JSON responses). */
  OutboundChannel DISCARD =
      new OutboundChannel() {
        @Override
        public void send(JsonRpcMessage message) {}

        @Override
        public boolean deliversRequests() {
          return false;
        }
      };
}
