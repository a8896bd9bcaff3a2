package dev.mcplambda.jsonrpc;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mcplambda.json.JsonWritable;
import java.io.IOException;

/** The {@code error} member of a JSON-RPC response. */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record JsonRpcError(int code, String message, JsonNode data) implements JsonWritable {

  public JsonRpcError(int code, String message) {
    this(code, message, null);
  }

  /** As the mapper writes it: {@code code}, {@code message}, {@code data}; absent ones left out. */
  @Override
  public void writeJson(JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeNumberField("code", code);
    if (message != null) {
      g.writeStringField("message", message);
    }
    if (data != null) {
      g.writeFieldName("data");
      JsonWritable.tree(g, data);
    }
    g.writeEndObject();
  }
}
