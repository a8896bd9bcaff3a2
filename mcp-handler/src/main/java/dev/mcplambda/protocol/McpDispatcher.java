package dev.mcplambda.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.json.Json;
import dev.mcplambda.jsonrpc.JsonRpcNotification;
import dev.mcplambda.jsonrpc.JsonRpcRequest;
import dev.mcplambda.jsonrpc.JsonRpcResponse;

/**
 * The protocol core: one dispatcher for every era. Transports parse and classify messages, build
 * the {@link CallContext} and write out what comes back. Nothing a client sends makes these methods
 * throw: bad input becomes a JSON-RPC error response, a failing tool an {@code isError} result.
 */
public interface McpDispatcher {

  /** Handles a request and returns its response (a result or an error, never {@code null}). */
  JsonRpcResponse handle(JsonRpcRequest request, CallContext context, OutboundChannel channel);

  /**
   * Like {@link #handle} and also returns how the request ended and what the transport logs about
   * it (method, tool/resource/prompt name, Lambda latency, outcome).
   */
  default Dispatched dispatch(
      JsonRpcRequest request, CallContext context, OutboundChannel channel) {
    JsonRpcResponse response = handle(request, context, channel);
    Outcome outcome =
        response.isError()
            ? new Outcome.Failed(response.error(), null)
            : new Outcome.Ok(response.result() instanceof ObjectNode o ? o : Json.object(), null);
    return new Dispatched(
        response, outcome, false, RequestSummary.of(request.method(), null, null, outcome, false));
  }

  /**
   * Task status notifications for {@code subscriptions/listen} streams (docs/tasks.md); {@link
   * TaskStatusFeed#NONE} unless the dispatcher serves the tasks extension.
   */
  default TaskStatusFeed taskStatus() {
    return TaskStatusFeed.NONE;
  }

  /**
   * Builds now what the first requests would otherwise build on first use (the JSON Schema
   * validator of {@code tools/call}): SnapStart priming, before the snapshot. Default: nothing.
   */
  default void prime() {}

  /** Handles a client notification ({@code notifications/initialized}, {@code cancelled}, …). */
  void accept(JsonRpcNotification notification, CallContext context);

  /** Handles a client's response to a server-to-client request (2025 sessions). */
  void accept(JsonRpcResponse response, CallContext context);
}
