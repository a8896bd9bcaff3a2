package dev.mcplambda.examples.conformance;

import java.util.Iterator;
import java.util.Map;

/** Writes maps, lists, strings, numbers and booleans as compact JSON (no Jackson here). */
final class JsonText {

  private JsonText() {}

  static String write(Object value) {
    StringBuilder out = new StringBuilder();
    append(out, value);
    return out.toString();
  }

  private static void append(StringBuilder out, Object value) {
    switch (value) {
      case null -> out.append("null");
      case String s -> quote(out, s);
      case Number n -> out.append(n);
      case Boolean b -> out.append(b);
      case Map<?, ?> map -> {
        out.append('{');
        Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
        while (it.hasNext()) {
          Map.Entry<?, ?> e = it.next();
          quote(out, String.valueOf(e.getKey()));
          out.append(':');
          append(out, e.getValue());
          if (it.hasNext()) {
            out.append(',');
          }
        }
        out.append('}');
      }
      case Iterable<?> list -> {
        out.append('[');
        Iterator<?> it = list.iterator();
        while (it.hasNext()) {
          append(out, it.next());
          if (it.hasNext()) {
            out.append(',');
          }
        }
        out.append(']');
      }
      default -> quote(out, String.valueOf(value));
    }
  }

  private static void quote(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
