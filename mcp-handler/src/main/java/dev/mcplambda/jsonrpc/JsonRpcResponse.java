package dev.mcplambda.jsonrpc;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mcplambda.json.JsonWritable;
import java.io.IOException;

/**
 * A JSON-RPC response: exactly one of {@code result} and {@code error} is set. {@code id} is the
 * request's id, or a JSON {@code null} node when the request's id could not be read.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
@JsonPropertyOrder({"jsonrpc", "id", "result", "error"})
public record JsonRpcResponse(
    String jsonrpc, JsonNode id, JsonNode result, @JsonProperty("error") JsonRpcError error)
    implements JsonRpcMessage, JsonWritable {

  public static JsonRpcResponse success(JsonNode id, JsonNode result) {
    return new JsonRpcResponse("2.0", id, result, null);
  }

  public static JsonRpcResponse failure(JsonNode id, JsonRpcError error) {
    return new JsonRpcResponse("2.0", id, null, error);
  }

  /** Not a wire field (without {@code @JsonIgnore} Jackson would write {@code "error": bool}). */
  @JsonIgnore
  public boolean isError() {
    return error != null;
  }

  /** As the annotations say: this order, absent members left out (no databind on the way). */
  @Override
  public void writeJson(JsonGenerator g) throws IOException {
    g.writeStartObject();
    if (jsonrpc != null) {
      g.writeStringField("jsonrpc", jsonrpc);
    }
    if (id != null) {
      g.writeFieldName("id");
      JsonWritable.tree(g, id);
    }
    if (result != null) {
      g.writeFieldName("result");
      JsonWritable.tree(g, result);
    }
    if (error != null) {
      g.writeFieldName("error");
      error.writeJson(g);
    }
    g.writeEndObject();
  }
}
