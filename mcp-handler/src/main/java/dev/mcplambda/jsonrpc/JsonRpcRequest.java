package dev.mcplambda.jsonrpc;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A JSON-RPC request. {@code id} is a string or integer node (MCP forbids {@code null}); {@code
 * params} is an object node or {@code null}.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
@JsonPropertyOrder({"jsonrpc", "id", "method", "params"})
public record JsonRpcRequest(String jsonrpc, JsonNode id, String method, JsonNode params)
    implements JsonRpcMessage {

  public JsonRpcRequest(JsonNode id, String method, JsonNode params) {
    this("2.0", id, method, params);
  }
}
