package dev.mcplambda.protocol;

import dev.mcplambda.jsonrpc.JsonRpcResponse;

/** A request's response together with what to log about it. */
public record Dispatched(JsonRpcResponse response, RequestSummary summary) {}
