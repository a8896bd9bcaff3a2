package dev.mcplambda.registration;

import dev.mcplambda.http.ClientText;
import java.util.Optional;

/**
 * A syntax check for RFC 6570 URI templates (levels 1–4): literals without the characters the RFC
 * excludes, balanced non-nested braces, an optional level 2/3 operator ({@code + # . / ; ? &}),
 * variable names of {@code ALPHA / DIGIT / _ / pct-encoded} joined by single dots, and modifiers
 * {@code :1}–{@code :9999} or {@code *}. The operators the RFC reserves for future extensions
 * ({@code = , ! @ |}) are refused. MCP resource templates must also start with a URI scheme.
 *
 * <p>A small checker instead of a library: the Java RFC 6570 libraries on Maven Central are either
 * unmaintained since 2019 (handy-uri-templates) or come with a web framework (Jersey, Spring, whose
 * templates are not RFC 6570 level 4); only syntax is needed at registration.
 */
final class UriTemplateSyntax {

  static final int MAX_LENGTH = 2048;
  private static final String OPERATORS = "+#./;?&";
  private static final String RESERVED_OPERATORS = "=,!@|";

  /** ASCII characters RFC 6570 §2.1 does not allow in literals (besides controls and space). */
  private static final String NOT_LITERAL = "\"'%<>\\^`{|}";

  private UriTemplateSyntax() {}

  /** The first syntax error, with its position, or empty if {@code template} is well-formed. */
  static Optional<String> problem(String template) {
    if (template.isEmpty() || template.length() > MAX_LENGTH) {
      return Optional.of("must be 1-" + MAX_LENGTH + " characters");
    }
    if (!hasScheme(template)) {
      return Optional.of(
          "must start with a URI scheme (e.g. file:///{path} or db://tables/{name})");
    }
    int i = 0;
    int n = template.length();
    while (i < n) {
      char c = template.charAt(i);
      if (c == '{') {
        int close = template.indexOf('}', i + 1);
        int nested = template.indexOf('{', i + 1);
        if (close < 0) {
          return at(i, "'{' is never closed");
        }
        if (nested >= 0 && nested < close) {
          return at(nested, "'{' inside an expression (expressions cannot nest)");
        }
        Optional<String> p = expression(template, i + 1, close);
        if (p.isPresent()) {
          return p;
        }
        i = close + 1;
      } else if (c == '}') {
        return at(i, "'}' without a matching '{'");
      } else if (c == '%') {
        if (!pctEncoded(template, i)) {
          return at(i, "'%' must start a percent-encoding like %20");
        }
        i += 3;
      } else if (c <= 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f)) {
        return at(i, "spaces and control characters are not allowed");
      } else if (NOT_LITERAL.indexOf(c) >= 0) {
        return at(i, "'" + c + "' is not allowed outside an expression");
      } else if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < n
            && Character.isLowSurrogate(template.charAt(i + 1))) {
          i += 2;
        } else {
          return at(i, "unpaired surrogate");
        }
      } else {
        i++;
      }
    }
    return Optional.empty();
  }

  /** Checks {@code template[start, end)}: the inside of one expression. */
  private static Optional<String> expression(String t, int start, int end) {
    if (start == end) {
      return at(start - 1, "empty expression '{}'");
    }
    int i = start;
    char first = t.charAt(i);
    if (OPERATORS.indexOf(first) >= 0) {
      i++;
    } else if (RESERVED_OPERATORS.indexOf(first) >= 0) {
      return at(i, "operator '" + first + "' is reserved by RFC 6570 for future extensions");
    }
    while (true) {
      // varname: varchar *( ["."] varchar )
      int nameStart = i;
      boolean lastWasDot = true;
      while (i < end) {
        char c = t.charAt(i);
        if (c == '%') {
          if (!pctEncoded(t, i) || i + 3 > end) {
            return at(i, "'%' must start a percent-encoding like %20");
          }
          i += 3;
          lastWasDot = false;
        } else if (isVarChar(c)) {
          i++;
          lastWasDot = false;
        } else if (c == '.') {
          if (lastWasDot) {
            return at(i, "a variable name cannot start with '.' or contain '..'");
          }
          i++;
          lastWasDot = true;
        } else {
          break;
        }
      }
      if (i == nameStart) {
        return at(i, "expected a variable name (letters, digits, _ or %XX)");
      }
      if (lastWasDot) {
        return at(i - 1, "a variable name cannot end with '.'");
      }
      // modifier
      if (i < end && t.charAt(i) == '*') {
        i++;
      } else if (i < end && t.charAt(i) == ':') {
        int digits = ++i;
        while (i < end && Character.isDigit(t.charAt(i)) && t.charAt(i) < 128) {
          i++;
        }
        int len = i - digits;
        if (len < 1 || len > 4 || t.charAt(digits) == '0') {
          return at(digits, "a prefix modifier is ':' followed by a length from 1 to 9999");
        }
      }
      if (i == end) {
        return Optional.empty();
      }
      if (t.charAt(i) != ',') {
        return at(
            i,
            "unexpected '" + ClientText.quote(String.valueOf(t.charAt(i)), 1) + "' in expression");
      }
      i++;
      if (i == end) {
        return at(i, "expected a variable name after ','");
      }
    }
  }

  private static boolean isVarChar(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  }

  private static boolean pctEncoded(String t, int i) {
    return i + 2 < t.length() && isHex(t.charAt(i + 1)) && isHex(t.charAt(i + 2));
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
  }

  private static boolean hasScheme(String t) {
    int colon = t.indexOf(':');
    if (colon < 1) {
      return false;
    }
    char first = t.charAt(0);
    if (!((first >= 'A' && first <= 'Z') || (first >= 'a' && first <= 'z'))) {
      return false;
    }
    for (int i = 1; i < colon; i++) {
      char c = t.charAt(i);
      if (!(isVarChar(c) && c != '_') && c != '+' && c != '-' && c != '.') {
        return false;
      }
    }
    return true;
  }

  private static Optional<String> at(int index, String message) {
    return Optional.of("RFC 6570 syntax error at character " + (index + 1) + ": " + message);
  }
}
