package dev.mcplambda.protocol;

import dev.mcplambda.jsonrpc.JsonRpcResponse;

/**
 * A request's response together with how it ended and what to log about it.
 *
 * @param cancelled the client cancelled the request ({@code notifications/cancelled}) while it ran:
 *     the transport does not send the response
 */
public record Dispatched(
    JsonRpcResponse response, Outcome outcome, boolean cancelled, RequestSummary summary) {}
