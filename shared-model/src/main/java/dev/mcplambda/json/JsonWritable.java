package dev.mcplambda.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * A wire value that writes itself with the streaming generator, exactly as the mapper would write
 * it from its annotations: {@link Json#write} then needs no databind serializer (cold start: the
 * first JSON-RPC response is written before the mapper is ever built).
 */
public interface JsonWritable {

  /** Writes this value as one complete JSON value. */
  void writeJson(JsonGenerator g) throws IOException;

  /** Writes a tree member as the mapper would (for implementations). */
  static void tree(JsonGenerator g, JsonNode node) throws IOException {
    JsonTrees.write(g, node);
  }
}
