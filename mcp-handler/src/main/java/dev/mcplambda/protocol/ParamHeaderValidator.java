package dev.mcplambda.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Server validation of {@code Mcp-Param-{Name}} headers (2026-07-28 Streamable HTTP "Custom Headers
 * from Tool Parameters"): for every {@code x-mcp-header} annotation in a tool's {@code inputSchema}
 * — on a {@code string}, {@code integer} or {@code boolean} property reachable from the root
 * through {@code properties} only — a value present in the call's arguments must come with the
 * header, and the header (after Base64-sentinel decoding) must equal it; integers compare
 * numerically. Annotations that break those rules are ignored here (such a tool is invalid and
 * clients exclude it).
 */
final class ParamHeaderValidator {

  /** One annotated property. */
  record Rule(String header, List<String> path, String type) {}

  private ParamHeaderValidator() {}

  /**
   * The mismatch message, or {@code null} when the headers agree with the arguments.
   *
   * @param headers request headers by lower-cased name
   */
  static String validate(JsonNode inputSchema, JsonNode arguments, Map<String, String> headers) {
    for (Rule rule : rules(inputSchema)) {
      JsonNode value = arguments;
      for (String step : rule.path()) {
        value = value == null || !value.isObject() ? null : value.get(step);
      }
      if (value == null || value.isNull()) {
        continue; // the client omits the header; nothing to expect
      }
      String name = "Mcp-Param-" + rule.header();
      String raw = headers.get(name.toLowerCase(Locale.ROOT));
      if (raw == null) {
        return "Header mismatch: " + name + " header is required";
      }
      String decoded = HeaderValueCodec.decode(raw.strip()).orElse(null);
      if (decoded == null) {
        return "Header mismatch: " + name + " header value is malformed";
      }
      if (!matches(rule.type(), decoded, value)) {
        return "Header mismatch: " + name + " header does not match the argument";
      }
    }
    return null;
  }

  private static boolean matches(String type, String header, JsonNode value) {
    return switch (type) {
      case "string" -> value.isTextual() && value.asText().equals(header);
      case "boolean" -> value.isBoolean() && header.equals(value.asBoolean() ? "true" : "false");
      case "integer" -> {
        if (!value.isNumber()) {
          yield false;
        }
        try {
          yield new BigDecimal(header).compareTo(value.decimalValue()) == 0;
        } catch (NumberFormatException e) {
          yield false;
        }
      }
      default -> false;
    };
  }

  /** The valid annotations of a schema (empty when it has none or any is invalid). */
  static List<Rule> rules(JsonNode schema) {
    List<Rule> rules = new ArrayList<>();
    if (schema != null && schema.isObject()) {
      collect(schema, new ArrayList<>(), rules, 0);
    }
    Set<String> seen = new HashSet<>();
    for (Rule r : rules) {
      if (!seen.add(r.header().toLowerCase(Locale.ROOT))) {
        return List.of(); // duplicate names make the tool invalid
      }
    }
    return rules;
  }

  private static void collect(JsonNode schema, List<String> path, List<Rule> out, int depth) {
    JsonNode properties = schema.get("properties");
    if (properties == null || !properties.isObject() || depth > 16) {
      return;
    }
    for (Map.Entry<String, JsonNode> e : properties.properties()) {
      JsonNode property = e.getValue();
      if (!property.isObject()) {
        continue;
      }
      List<String> here = new ArrayList<>(path);
      here.add(e.getKey());
      JsonNode header = property.get("x-mcp-header");
      String type = property.path("type").asText("");
      if (header != null
          && header.isTextual()
          && isToken(header.asText())
          && (type.equals("string") || type.equals("integer") || type.equals("boolean"))) {
        out.add(new Rule(header.asText(), List.copyOf(here), type));
      }
      collect(property, here, out, depth + 1);
    }
  }

  /** RFC 9110 {@code token}: one or more {@code tchar}. */
  private static boolean isToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean tchar =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!tchar) {
        return false;
      }
    }
    return true;
  }
}
