package dev.mcplambda.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/** template.yaml as plain maps and lists, with the few look-ups the tests share. */
record SamTemplate(Map<String, Object> document) {

  static final String FUNCTION = "AWS::Serverless::Function";

  static SamTemplate load() {
    return load(RepositoryRoot.resolve("template.yaml"));
  }

  static SamTemplate load(Path file) {
    try {
      return new SamTemplate(CloudFormationYaml.load(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Map<String, Object> section(String name) {
    return map(document.get(name), name);
  }

  Map<String, Object> resources() {
    return section("Resources");
  }

  Map<String, Object> resource(String logicalId) {
    Object r = resources().get(logicalId);
    if (r == null) {
      throw new AssertionError("template.yaml has no resource " + logicalId);
    }
    return map(r, logicalId);
  }

  String type(String logicalId) {
    return (String) resource(logicalId).get("Type");
  }

  Map<String, Object> properties(String logicalId) {
    return map(resource(logicalId).getOrDefault("Properties", Map.of()), logicalId + ".Properties");
  }

  /** Logical ids of the resources of one type, in template order. */
  List<String> ofType(String type) {
    List<String> ids = new ArrayList<>();
    resources()
        .forEach(
            (id, r) -> {
              if (type.equals(map(r, id).get("Type"))) {
                ids.add(id);
              }
            });
    return ids;
  }

  /** A function's property, falling back to {@code Globals.Function}. */
  Object functionProperty(String logicalId, String property) {
    Object own = properties(logicalId).get(property);
    if (own != null) {
      return own;
    }
    Object globals = document.get("Globals");
    if (globals == null) {
      return null;
    }
    Object function = map(globals, "Globals").get("Function");
    return function == null ? null : map(function, "Globals.Function").get(property);
  }

  /** The function's environment variables (its own merged over Globals). */
  Map<String, Object> environment(String logicalId) {
    Map<String, Object> vars = new LinkedHashMap<>();
    Object globals = document.get("Globals");
    if (globals != null && map(globals, "Globals").get("Function") instanceof Map<?, ?> g) {
      vars.putAll(variables(g.get("Environment")));
    }
    vars.putAll(variables(properties(logicalId).get("Environment")));
    return vars;
  }

  private static Map<String, Object> variables(Object environment) {
    if (environment == null) {
      return Map.of();
    }
    Object v = map(environment, "Environment").get("Variables");
    return v == null ? Map.of() : map(v, "Environment.Variables");
  }

  /** The logical id a {@code {"Ref": id}} or {@code {"Fn::GetAtt": [id, attr]}} points at. */
  static String referencedId(Object value) {
    if (value instanceof Map<?, ?> m && m.size() == 1) {
      Object ref = m.get("Ref");
      if (ref instanceof String s) {
        return s;
      }
      if (m.get("Fn::GetAtt") instanceof List<?> l && !l.isEmpty()) {
        return (String) l.get(0);
      }
    }
    return null;
  }

  static boolean isRef(Object value, String id) {
    return value instanceof Map<?, ?> m && m.size() == 1 && id.equals(m.get("Ref"));
  }

  static boolean isNoValue(Object value) {
    return isRef(value, "AWS::NoValue");
  }

  /**
   * Every concrete value an expression can take: both branches of each {@code Fn::If}
   * (recursively), without {@code AWS::NoValue}.
   */
  static List<Object> branches(Object value) {
    List<Object> out = new ArrayList<>();
    if (value instanceof Map<?, ?> m && m.size() == 1 && m.get("Fn::If") instanceof List<?> args) {
      if (args.size() != 3) {
        throw new AssertionError("Fn::If takes 3 arguments: " + value);
      }
      out.addAll(branches(args.get(1)));
      out.addAll(branches(args.get(2)));
    } else if (value != null && !isNoValue(value)) {
      out.add(value);
    }
    return out;
  }

  /** Visits every map nested anywhere in {@code value} (including inside intrinsic functions). */
  static void eachMap(Object value, Consumer<Map<String, Object>> visitor) {
    if (value instanceof Map<?, ?> m) {
      visitor.accept(map(m, "value"));
      m.values().forEach(v -> eachMap(v, visitor));
    } else if (value instanceof List<?> l) {
      l.forEach(v -> eachMap(v, visitor));
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value, String what) {
    if (value instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    throw new AssertionError(what + " is not a mapping: " + value);
  }

  /** A scalar or a list of scalars as a list of strings; anything else fails. */
  static List<String> strings(Object value, String what) {
    if (value instanceof String s) {
      return List.of(s);
    }
    if (value instanceof List<?> l) {
      List<String> out = new ArrayList<>();
      for (Object o : l) {
        if (!(o instanceof String s)) {
          throw new AssertionError(what + " holds a non-literal value: " + o);
        }
        out.add(s);
      }
      return out;
    }
    throw new AssertionError(what + " is not a literal string or list: " + value);
  }

  static String string(Object value) {
    return Objects.toString(value, null);
  }
}
