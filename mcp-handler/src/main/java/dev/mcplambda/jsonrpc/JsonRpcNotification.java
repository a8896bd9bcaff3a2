package dev.mcplambda.jsonrpc;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

/** A JSON-RPC notification (no {@code id}, no reply). */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
@JsonPropertyOrder({"jsonrpc", "method", "params"})
public record JsonRpcNotification(String jsonrpc, String method, JsonNode params)
    implements JsonRpcMessage {

  public JsonRpcNotification(String method, JsonNode params) {
    this("2.0", method, params);
  }
}
