package dev.mcplambda.jsonrpc;

/** A JSON-RPC 2.0 message: a request, a notification or a response. */
public sealed interface JsonRpcMessage
    permits JsonRpcRequest, JsonRpcNotification, JsonRpcResponse {}
