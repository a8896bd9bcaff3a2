package dev.mcplambda.examples.conformance;

import java.util.Iterator;
import java.util.Map;

/**
 * Writes maps, lists, arrays of objects, strings, numbers and booleans as compact JSON (no Jackson
 * here). Non-finite numbers become {@code null}; control characters and lone surrogates are
 * escaped, so the output is always valid JSON and valid UTF-8.
 */
public final class JsonText {

  private JsonText() {}

  public static String write(Object value) {
    StringBuilder out = new StringBuilder();
    append(out, value);
    return out.toString();
  }

  private static void append(StringBuilder out, Object value) {
    switch (value) {
      case null -> out.append("null");
      case String s -> quote(out, s);
      case Double d when d.isNaN() || d.isInfinite() -> out.append("null");
      case Float f when f.isNaN() || f.isInfinite() -> out.append("null");
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
      case Object[] array -> append(out, java.util.Arrays.asList(array));
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
          if (c < 0x20 || isLoneSurrogate(s, i)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static boolean isLoneSurrogate(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
    }
    return false;
  }
}
