package dev.mcplambda.jsonrpc;

import java.util.List;

/** What {@link JsonRpcParser} made of a request body. */
public sealed interface ParsedMessage {

  /** A well-formed request, notification or response. */
  record Valid(JsonRpcMessage message) implements ParsedMessage {}

  /**
   * Not a valid JSON-RPC message: {@code error} is the response to send back (-32700 or -32600,
   * with the message's id when it could be read, otherwise a JSON {@code null} id).
   */
  record Invalid(JsonRpcResponse error) implements ParsedMessage {}

  /**
   * A JSON-RPC batch (a non-empty JSON array), each element parsed on its own. Only 2025-03-26
   * allowed batches; transports serving any other revision answer {@link
   * JsonRpcParser#batchNotSupported()} instead.
   */
  record Batch(List<ParsedMessage> items) implements ParsedMessage {
    public Batch {
      items = List.copyOf(items);
    }
  }
}
