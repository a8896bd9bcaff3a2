package dev.mcplambda.jsonrpc;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/** The {@code error} member of a JSON-RPC response. */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record JsonRpcError(int code, String message, JsonNode data) {

  public JsonRpcError(int code, String message) {
    this(code, message, null);
  }
}
