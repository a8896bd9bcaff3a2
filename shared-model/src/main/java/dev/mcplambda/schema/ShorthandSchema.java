package dev.mcplambda.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.json.Json;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Converts the seed's {@code parameters} shorthand into a JSON Schema 2020-12 {@code inputSchema}.
 *
 * <pre>{@code
 * {"payload": "object", "count": "number",
 *  "tags": {"type": "array", "items": "string"},
 *  "x": {"type": "string", "optional": true}}
 * }</pre>
 *
 * becomes an object schema with those {@code properties} and {@code required} listing every
 * property not marked {@code "optional": true}. A property given as an object is a JSON Schema
 * fragment in which {@code type} and {@code items} may again use the shorthand; {@code optional} is
 * removed; other keywords ({@code description}, {@code enum}, {@code default}, …) pass through.
 */
public final class ShorthandSchema {

  private static final Set<String> TYPES =
      Set.of("string", "number", "integer", "boolean", "object", "array", "null");
  private static final int MAX_DEPTH = 16;

  private ShorthandSchema() {}

  /**
   * The derived schema. Problems are appended to {@code errors} as {@code field: message} with
   * field paths like {@code parameters.tags.items}; the result is meaningless if any were added.
   */
  public static ObjectNode toInputSchema(JsonNode parameters, List<String> errors) {
    ObjectNode schema = Json.object();
    schema.put("type", "object");
    ObjectNode properties = schema.putObject("properties");
    ArrayNode required = Json.mapper().createArrayNode();
    if (parameters == null || !parameters.isObject()) {
      errors.add("parameters: must be an object mapping parameter names to types");
      return schema;
    }
    for (Map.Entry<String, JsonNode> p : parameters.properties()) {
      String path = "parameters." + p.getKey();
      if (p.getKey().isEmpty()) {
        errors.add("parameters: parameter names must not be empty");
        continue;
      }
      JsonNode value = p.getValue();
      boolean optional = value.isObject() && value.path("optional").asBoolean(false);
      if (value.isObject() && value.has("optional") && !value.get("optional").isBoolean()) {
        errors.add(path + ".optional: must be true or false");
      }
      properties.set(p.getKey(), property(value, path, errors, 0));
      if (!optional) {
        required.add(p.getKey());
      }
    }
    if (!required.isEmpty()) {
      schema.set("required", required);
    }
    return schema;
  }

  private static JsonNode property(JsonNode value, String path, List<String> errors, int depth) {
    if (depth > MAX_DEPTH) {
      errors.add(path + ": nested too deeply");
      return Json.object();
    }
    if (value.isTextual()) {
      ObjectNode out = Json.object();
      String type = value.asText();
      if (!TYPES.contains(type)) {
        errors.add(path + ": unknown type '" + type + "' (expected one of " + sorted() + ")");
      }
      out.put("type", type);
      return out;
    }
    if (value.isObject()) {
      ObjectNode out = ((ObjectNode) value).deepCopy();
      out.remove("optional");
      JsonNode type = out.get("type");
      if (type != null && type.isTextual() && !TYPES.contains(type.asText())) {
        errors.add(
            path
                + ".type: unknown type '"
                + type.asText()
                + "' (expected one of "
                + sorted()
                + ")");
      }
      JsonNode items = out.get("items");
      if (items != null && (items.isTextual() || items.isObject())) {
        out.set("items", property(items, path + ".items", errors, depth + 1));
      }
      return out;
    }
    errors.add(path + ": must be a type name or an object");
    return Json.object();
  }

  private static String sorted() {
    return String.join(", ", TYPES.stream().sorted().toList());
  }
}
