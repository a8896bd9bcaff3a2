package dev.mcplambda.jsonrpc;

/** What {@link JsonRpcParser} made of a request body. */
public sealed interface ParsedMessage {

  /** A well-formed request, notification or response. */
  record Valid(JsonRpcMessage message) implements ParsedMessage {}

  /**
   * Not a valid JSON-RPC message: {@code error} is the response to send back (-32700 or -32600,
   * with the message's id when it could be read, otherwise a JSON {@code null} id).
   */
  record Invalid(JsonRpcResponse error) implements ParsedMessage {}
}
