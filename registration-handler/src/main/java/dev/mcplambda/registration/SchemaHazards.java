package dev.mcplambda.registration;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcplambda.schema.BacktrackingLint;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Finds what makes a meta-schema-valid JSON Schema unusable at run time, which the meta-schema
 * cannot see:
 *
 * <ul>
 *   <li>local references ({@code #/json/pointer}, {@code #anchor}) that resolve to nothing;
 *   <li>reference cycles that never descend into the instance ({@code {"$ref": "#"}}, {@code
 *       {"allOf": [{"$ref": "#"}]}}, a {@code $defs} entry referring to itself): a validator would
 *       recurse without end;
 *   <li>{@code pattern} / {@code patternProperties} regular expressions that do not compile, or
 *       that have a catastrophic-backtracking shape ({@link BacktrackingLint}).
 * </ul>
 *
 * Schemas that embed resources with their own {@code $id} below the root are refused: they change
 * the base of local references, so neither check above could be trusted for them. {@code $defs}
 * with local references express the same.
 */
final class SchemaHazards {

  /** Keywords whose value is not a schema and must not be searched for keywords. */
  private static final Set<String> DATA_KEYWORDS = Set.of("enum", "const", "default", "examples");

  /** Keywords whose value maps names to schemas. */
  private static final Set<String> SCHEMA_MAPS =
      Set.of("properties", "patternProperties", "$defs", "definitions", "dependentSchemas");

  /** Applicators that apply a subschema to the same instance location (no descent). */
  private static final Set<String> IN_PLACE = Set.of("not", "if", "then", "else");

  private static final Set<String> IN_PLACE_ARRAYS = Set.of("allOf", "anyOf", "oneOf");

  private static final int MAX_NODES = 10_000;

  private SchemaHazards() {}

  static List<String> find(JsonNode schema) {
    Walk walk = new Walk();
    walk.schema(schema, "", true);
    List<String> problems = new ArrayList<>(walk.problems);
    if (walk.embeddedId != null) {
      problems.add(
          walk.embeddedId
              + "/$id: embedded schema resources are not supported; use $defs and local"
              + " references (#/$defs/…)");
      return problems;
    }
    if (walk.nodes.size() > MAX_NODES) {
      problems.add("has more than " + MAX_NODES + " subschemas");
      return problems;
    }
    Map<String, List<String>> edges = new HashMap<>();
    for (var node : walk.nodes.entrySet()) {
      String at = node.getKey();
      JsonNode s = node.getValue();
      List<String> out = new ArrayList<>();
      for (String keyword : List.of("$ref", "$dynamicRef")) {
        JsonNode ref = s.get(keyword);
        if (ref != null && ref.isTextual() && ref.asText().startsWith("#")) {
          String target = resolve(ref.asText(), walk);
          if (target == null) {
            problems.add(
                at
                    + "/"
                    + keyword
                    + ": '"
                    + ClientText.quote(ref.asText(), 100)
                    + "' does not resolve to anything in this schema");
          } else {
            out.add(target);
          }
        }
      }
      for (String keyword : IN_PLACE) {
        if (s.has(keyword) && s.get(keyword).isObject()) {
          out.add(at + "/" + keyword);
        }
      }
      for (String keyword : IN_PLACE_ARRAYS) {
        JsonNode list = s.get(keyword);
        if (list != null && list.isArray()) {
          for (int i = 0; i < list.size(); i++) {
            out.add(at + "/" + keyword + "/" + i);
          }
        }
      }
      JsonNode dependent = s.get("dependentSchemas");
      if (dependent != null && dependent.isObject()) {
        for (String name : iterable(dependent.fieldNames())) {
          out.add(at + "/dependentSchemas/" + escape(name));
        }
      }
      edges.put(at, out);
    }
    String cycle = findCycle(edges);
    if (cycle != null) {
      problems.add(
          pointer(cycle)
              + ": references itself without descending into the instance"
              + " (e.g. {\"$ref\": \"#\"}); validation would never end");
    }
    return problems;
  }

  /** A pointer ({@code ""} for the root) from a local reference, or null if it names nothing. */
  private static String resolve(String ref, Walk walk) {
    String fragment = ref.substring(1);
    if (fragment.isEmpty()) {
      return "";
    }
    if (!fragment.startsWith("/")) {
      return walk.anchors.get(fragment);
    }
    String decoded;
    try {
      decoded = URLDecoder.decode(fragment.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    // normalise the pointer's tokens to the escaping the walk used
    StringBuilder normal = new StringBuilder();
    for (String token : decoded.substring(1).split("/", -1)) {
      normal.append('/').append(escape(token.replace("~1", "/").replace("~0", "~")));
    }
    String p = normal.toString();
    return walk.nodes.containsKey(p) ? p : null;
  }

  /** Some node on an in-place cycle, or null. Iterative DFS (schemas may be deep). */
  private static String findCycle(Map<String, List<String>> edges) {
    Map<String, Integer> state = new HashMap<>(); // 1 = on stack, 2 = done
    for (String start : edges.keySet()) {
      if (state.containsKey(start)) {
        continue;
      }
      List<String> stack = new ArrayList<>();
      List<Integer> next = new ArrayList<>();
      stack.add(start);
      next.add(0);
      state.put(start, 1);
      while (!stack.isEmpty()) {
        int top = stack.size() - 1;
        String node = stack.get(top);
        List<String> out = edges.getOrDefault(node, List.of());
        int i = next.get(top);
        if (i == out.size()) {
          state.put(node, 2);
          stack.remove(top);
          next.remove(top);
          continue;
        }
        next.set(top, i + 1);
        String target = out.get(i);
        Integer s = state.get(target);
        if (s == null) {
          state.put(target, 1);
          stack.add(target);
          next.add(0);
        } else if (s == 1) {
          return target;
        }
      }
    }
    return null;
  }

  private static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  private static String pointer(String at) {
    return at.isEmpty() ? "(root)" : at;
  }

  private static Iterable<String> iterable(java.util.Iterator<String> it) {
    return () -> it;
  }

  /** Collects subschemas by pointer, anchors, regex problems and embedded {@code $id}s. */
  private static final class Walk {
    final Map<String, JsonNode> nodes = new LinkedHashMap<>();
    final Map<String, String> anchors = new HashMap<>();
    final List<String> problems = new ArrayList<>();
    final Set<String> seenPatterns = new HashSet<>();
    String embeddedId;

    void schema(JsonNode node, String at, boolean root) {
      if (node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          schema(node.get(i), at + "/" + i, false);
        }
        return;
      }
      if (!node.isObject() || nodes.size() > MAX_NODES) {
        return;
      }
      nodes.put(at, node);
      if (!root && node.has("$id") && embeddedId == null) {
        embeddedId = at;
      }
      for (String anchor : List.of("$anchor", "$dynamicAnchor")) {
        JsonNode a = node.get(anchor);
        if (a != null && a.isTextual()) {
          anchors.putIfAbsent(a.asText(), at);
        }
      }
      JsonNode pattern = node.get("pattern");
      if (pattern != null && pattern.isTextual()) {
        regex(pattern.asText(), at + "/pattern");
      }
      for (var field : node.properties()) {
        String key = field.getKey();
        JsonNode value = field.getValue();
        String here = at + "/" + escape(key);
        if (DATA_KEYWORDS.contains(key)) {
          continue;
        }
        if (SCHEMA_MAPS.contains(key) && value.isObject()) {
          for (var entry : value.properties()) {
            if (key.equals("patternProperties")) {
              regex(entry.getKey(), here + " key '" + ClientText.quote(entry.getKey(), 60) + "'");
            }
            schema(entry.getValue(), here + "/" + escape(entry.getKey()), false);
          }
        } else if (value.isContainerNode()) {
          schema(value, here, false);
        }
      }
    }

    void regex(String regex, String where) {
      if (!seenPatterns.add(where)) {
        return;
      }
      try {
        Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        problems.add(
            where
                + ": invalid regular expression: "
                + ClientText.quote(e.getDescription(), 120)
                + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
        return;
      }
      BacktrackingLint.problem(regex).ifPresent(p -> problems.add(where + ": " + p));
    }
  }
}
