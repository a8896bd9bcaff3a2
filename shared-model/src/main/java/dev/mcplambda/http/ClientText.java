package dev.mcplambda.http;

/**
 * Makes client-sent text safe to quote in an error message: at most a given number of characters,
 * control characters and lone surrogates shown as backslash-u escapes. (The JSON writer escapes
 * again.)
 */
public final class ClientText {

  private ClientText() {}

  public static String quote(String s, int max) {
    if (s == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder(Math.min(s.length(), max) + 8);
    int n = 0;
    for (int i = 0; i < s.length() && n < max; i++, n++) {
      char c = s.charAt(i);
      boolean pair =
          Character.isHighSurrogate(c)
              && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1));
      if (pair) {
        out.append(c).append(s.charAt(++i));
      } else if (Character.isISOControl(c) || Character.isSurrogate(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (s.length() > max) {
      out.append('…');
    }
    return out.toString();
  }
}
