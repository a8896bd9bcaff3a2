package dev.mcplambda.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcplambda.jsonrpc.JsonRpcError;

/** Inside the dispatcher: the request ends with this JSON-RPC error. Carries no stack trace. */
final class ProtocolException extends RuntimeException {

  private final transient JsonRpcError error;
  private final String detail;

  ProtocolException(int code, String message) {
    this(code, message, null, null);
  }

  ProtocolException(int code, String message, JsonNode data, String detail) {
    super(message, null, false, false);
    this.error = new JsonRpcError(code, message, data);
    this.detail = detail;
  }

  JsonRpcError error() {
    return error;
  }

  String detail() {
    return detail;
  }
}
