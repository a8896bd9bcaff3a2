package dev.mcplambda.uri;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * RFC 6570 URI templates (levels 1–4) as MCP resource templates use them: the one grammar the
 * registration plane checks ({@link #problem}) and the MCP runtime matches against ({@link
 * #compile}, {@link #match}).
 *
 * <h2>Syntax</h2>
 *
 * Literals without the characters the RFC excludes, balanced non-nested braces, an optional level
 * 2/3 operator ({@code + # . / ; ? &}), variable names of {@code ALPHA / DIGIT / _ / pct-encoded}
 * joined by single dots, and modifiers {@code :1}–{@code :9999} or {@code *}. The operators the RFC
 * reserves for future extensions ({@code = , ! @ |}) are refused. MCP resource templates must also
 * start with a URI scheme and are at most {@value #MAX_TEMPLATE_LENGTH} characters.
 *
 * <p>One rule goes beyond the RFC so that matching is unambiguous and linear: an expression
 * directly after another must start with an operator that gives its expansion a lead character
 * ({@code # . / ; ? &}). {@code {a}{b}} or {@code {a}{+b}} cannot tell where one value ends and the
 * next begins and are refused; {@code {+path}{?q}} or {@code {/a}{/b}} are fine.
 *
 * <h2>Matching</h2>
 *
 * Given a concrete URI, {@link #match} recovers the variables that would expand to it, in one pass
 * over the URI with no backtracking (time linear in URI plus template length; URIs longer than
 * {@value #MAX_URI_LENGTH} characters never match):
 *
 * <ul>
 *   <li>Literals match exactly. An expression ends where the literal after it first occurs, except
 *       before the template's final literal, which must end the URI ({@code repo://{+path}/raw}
 *       matches {@code repo://a/raw/b/raw} with {@code path = a/raw/b}).
 *   <li>In a run of adjacent expressions each one ends where the next one's lead character first
 *       occurs ({@code {+path}{?q}}: the query starts at the first {@code ?}).
 *   <li>Simple {@code {x}} / {@code {x,y}} values contain no {@code / ? # ,}; reserved {@code {+x}}
 *       any character; fragment {@code {#x}}; label {@code {.x}} and path segment {@code {/x}}
 *       values contain no {@code / ? #} (nor {@code .} for labels); path parameters {@code {;x}},
 *       query {@code {?x,y}} and continuation {@code {&x}} are {@code name=value} pairs in any
 *       order, unknown and missing names left out. Values are percent-decoded.
 *   <li>The explode ({@code *}) and prefix ({@code :n}) modifiers are accepted but a value is
 *       always returned as one string (lists and maps are not split).
 * </ul>
 *
 * A small hand-written grammar instead of a library: the Java RFC 6570 libraries on Maven Central
 * either are unmaintained (handy-uri-templates) or come with a web framework whose templates are
 * not RFC 6570 level 4, and none matches in linear time.
 */
public final class UriTemplate {

  /** Longest template accepted. */
  public static final int MAX_TEMPLATE_LENGTH = 2048;

  /** Longest URI that is matched at all (and that the MCP runtime accepts in a request). */
  public static final int MAX_URI_LENGTH = 8192;

  private static final String OPERATORS = "+#./;?&";
  private static final String LEAD_OPERATORS = "#./;?&";
  private static final String RESERVED_OPERATORS = "=,!@|";

  /** ASCII characters RFC 6570 §2.1 does not allow in literals (besides controls and space). */
  private static final String NOT_LITERAL = "\"'<>\\^`{|}";

  private sealed interface Part permits Literal, Expression {}

  /** Literal text with its KMP failure table, for a linear first-occurrence search. */
  private record Literal(String text, int[] failure) implements Part {
    static Literal of(String text) {
      int[] f = new int[text.length()];
      int k = 0;
      for (int i = 1; i < text.length(); i++) {
        while (k > 0 && text.charAt(i) != text.charAt(k)) {
          k = f[k - 1];
        }
        if (text.charAt(i) == text.charAt(k)) {
          k++;
        }
        f[i] = k;
      }
      return new Literal(text, f);
    }

    /** The first index {@code >= from} where this literal occurs in {@code s}, or -1. */
    int firstIn(CharSequence s, int from) {
      int k = 0;
      for (int i = from; i < s.length(); i++) {
        char c = s.charAt(i);
        while (k > 0 && c != text.charAt(k)) {
          k = failure[k - 1];
        }
        if (c == text.charAt(k)) {
          k++;
        }
        if (k == text.length()) {
          return i - k + 1;
        }
      }
      return -1;
    }
  }

  /** One {@code {...}}: operator ({@code 0} for none) and variable names without modifiers. */
  private record Expression(char operator, List<String> names) implements Part {
    boolean hasLead() {
      return LEAD_OPERATORS.indexOf(operator) >= 0;
    }
  }

  private final String template;
  private final List<Part> parts;
  private final List<String> variables;
  private final int literalLength;

  private UriTemplate(String template, List<Part> parts) {
    this.template = template;
    this.parts = List.copyOf(parts);
    List<String> vars = new ArrayList<>();
    int literal = 0;
    for (Part p : parts) {
      switch (p) {
        case Literal l -> literal += l.text().length();
        case Expression e -> vars.addAll(e.names());
      }
    }
    this.variables = List.copyOf(vars);
    this.literalLength = literal;
  }

  /** The first syntax error, with its position, or empty if {@code template} is well-formed. */
  public static Optional<String> problem(String template) {
    if (template == null) {
      return Optional.of("must be 1-" + MAX_TEMPLATE_LENGTH + " characters");
    }
    return new Parser(template).parse();
  }

  /** Compiles a template; empty if {@link #problem} finds anything wrong with it. */
  public static Optional<UriTemplate> compile(String template) {
    if (template == null) {
      return Optional.empty();
    }
    Parser parser = new Parser(template);
    if (parser.parse().isPresent()) {
      return Optional.empty();
    }
    return Optional.of(new UriTemplate(template, parser.parts));
  }

  public String template() {
    return template;
  }

  /** The variable names in order of appearance. */
  public List<String> variables() {
    return variables;
  }

  /** Number of literal characters: more means more specific. */
  public int literalLength() {
    return literalLength;
  }

  /**
   * The variables if {@code uri} is an expansion of this template (see the class comment for how
   * values are delimited); empty for {@code null} and for URIs over {@value #MAX_URI_LENGTH}
   * characters.
   */
  public Optional<Map<String, String>> match(CharSequence uri) {
    if (uri == null || uri.length() > MAX_URI_LENGTH) {
      return Optional.empty();
    }
    Map<String, String> vars = new LinkedHashMap<>();
    int pos = 0;
    int n = parts.size();
    int i = 0;
    while (i < n) {
      if (parts.get(i) instanceof Literal literal) {
        if (!startsWith(uri, literal.text(), pos)) {
          return Optional.empty();
        }
        pos += literal.text().length();
        i++;
        continue;
      }
      int j = i;
      while (j < n && parts.get(j) instanceof Expression) {
        j++;
      }
      int end;
      if (j == n) {
        end = uri.length();
      } else {
        Literal next = (Literal) parts.get(j);
        end = j == n - 1 ? uri.length() - next.text().length() : next.firstIn(uri, pos);
        if (end < pos) {
          return Optional.empty();
        }
      }
      int start = pos;
      for (int k = i; k < j; k++) {
        Expression e = (Expression) parts.get(k);
        int stop = end;
        if (k + 1 < j) {
          char lead = ((Expression) parts.get(k + 1)).operator();
          int from =
              e.hasLead() && start < end && uri.charAt(start) == e.operator() ? start + 1 : start;
          stop = indexOf(uri, lead, from, end);
        }
        if (!capture(e, uri.subSequence(start, stop).toString(), vars)) {
          return Optional.empty();
        }
        start = stop;
      }
      pos = end;
      i = j;
    }
    return pos == uri.length() ? Optional.of(vars) : Optional.empty();
  }

  private static boolean startsWith(CharSequence s, String prefix, int at) {
    if (at + prefix.length() > s.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (s.charAt(at + i) != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** The first {@code c} in {@code s[from, end)}, else {@code end}. */
  private static int indexOf(CharSequence s, char c, int from, int end) {
    for (int i = from; i < end; i++) {
      if (s.charAt(i) == c) {
        return i;
      }
    }
    return end;
  }

  /** Reads one expression's expansion into {@code vars}; false if it cannot be one. */
  private static boolean capture(Expression e, String text, Map<String, String> vars) {
    List<String> names = e.names();
    return switch (e.operator()) {
      case 0 -> !containsAny(text, "/?#") && values(split(text, ',', 0), names, vars);
      case '+' -> values(split(text, ',', names.size()), names, vars);
      case '#' ->
          text.isEmpty()
              || (text.charAt(0) == '#'
                  && values(split(text.substring(1), ',', names.size()), names, vars));
      case '/', '.' ->
          text.isEmpty()
              || (text.charAt(0) == e.operator()
                  && !containsAny(text, "/?#".substring(e.operator() == '/' ? 1 : 0), 1)
                  && values(split(text.substring(1), e.operator(), 0), names, vars));
      case ';' ->
          text.isEmpty()
              || (text.charAt(0) == ';'
                  && !containsAny(text, "/?#")
                  && pairs(text.substring(1), ';', names, vars));
      default -> // '?' and '&'
          text.isEmpty()
              || (text.charAt(0) == e.operator()
                  && !containsAny(text, "#")
                  && pairs(text.substring(1), '&', names, vars));
    };
  }

  private static boolean containsAny(String text, String chars) {
    return containsAny(text, chars, 0);
  }

  private static boolean containsAny(String text, String chars, int from) {
    for (int i = from; i < text.length(); i++) {
      if (chars.indexOf(text.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** Assigns values to names in order; false if there are more values than names or bad escapes. */
  private static boolean values(List<String> values, List<String> names, Map<String, String> out) {
    if (values.size() > names.size()) {
      return false;
    }
    for (int k = 0; k < values.size(); k++) {
      String decoded = decode(values.get(k));
      if (decoded == null) {
        return false;
      }
      out.putIfAbsent(names.get(k), decoded);
    }
    return true;
  }

  /** {@code name=value} pairs; unknown names, repeats and broken escapes are skipped. */
  private static boolean pairs(String text, char sep, List<String> names, Map<String, String> out) {
    for (String pair : split(text, sep, 0)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      if (names.contains(name) && !out.containsKey(name)) {
        String decoded = decode(value);
        if (decoded != null) {
          out.put(name, decoded);
        }
      }
    }
    return true;
  }

  /**
   * Splits at {@code sep}; with {@code limit > 0} at most that many pieces (the last keeps seps).
   */
  private static List<String> split(String s, char sep, int limit) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == sep && (limit <= 0 || out.size() < limit - 1)) {
        out.add(s.substring(start, i));
        start = i + 1;
      }
    }
    out.add(s.substring(start));
    return out;
  }

  /** Percent-decoding ({@code +} stays {@code +}); {@code null} on a broken escape. */
  private static String decode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()) {
          return null;
        }
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          return null;
        }
        out.write(hi * 16 + lo);
        i += 2;
      } else {
        int cp = s.codePointAt(i);
        byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
        i += Character.charCount(cp) - 1;
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return template;
  }

  /** One pass over a template: the first problem, or the parts. */
  private static final class Parser {
    private final String t;
    private final List<Part> parts = new ArrayList<>();

    Parser(String template) {
      this.t = template;
    }

    Optional<String> parse() {
      if (t.isEmpty() || t.length() > MAX_TEMPLATE_LENGTH) {
        return Optional.of("must be 1-" + MAX_TEMPLATE_LENGTH + " characters");
      }
      if (!hasScheme(t)) {
        return Optional.of(
            "must start with a URI scheme (e.g. file:///{path} or db://tables/{name})");
      }
      int i = 0;
      int n = t.length();
      int literalStart = 0;
      while (i < n) {
        char c = t.charAt(i);
        if (c == '{') {
          int close = t.indexOf('}', i + 1);
          int nested = t.indexOf('{', i + 1);
          if (close < 0) {
            return at(i, "'{' is never closed");
          }
          if (nested >= 0 && nested < close) {
            return at(nested, "'{' inside an expression (expressions cannot nest)");
          }
          if (literalStart < i) {
            parts.add(Literal.of(t.substring(literalStart, i)));
          }
          boolean adjacent = !parts.isEmpty() && parts.getLast() instanceof Expression;
          Optional<String> p = expression(i + 1, close);
          if (p.isPresent()) {
            return p;
          }
          if (adjacent && !((Expression) parts.getLast()).hasLead()) {
            return at(
                i,
                "an expression directly after another must start with one of the operators"
                    + " # . / ; ? & (in '{a}{b}' nothing shows where a ends); put a literal"
                    + " between them");
          }
          i = close + 1;
          literalStart = i;
        } else if (c == '}') {
          return at(i, "'}' without a matching '{'");
        } else if (c == '%') {
          if (!pctEncoded(t, i)) {
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
              && Character.isLowSurrogate(t.charAt(i + 1))) {
            i += 2;
          } else {
            return at(i, "unpaired surrogate");
          }
        } else {
          i++;
        }
      }
      if (literalStart < n) {
        parts.add(Literal.of(t.substring(literalStart)));
      }
      return Optional.empty();
    }

    /** Checks {@code t[start, end)}, the inside of one expression, and adds it to the parts. */
    private Optional<String> expression(int start, int end) {
      if (start == end) {
        return at(start - 1, "empty expression '{}'");
      }
      int i = start;
      char first = t.charAt(i);
      char operator = 0;
      if (OPERATORS.indexOf(first) >= 0) {
        operator = first;
        i++;
      } else if (RESERVED_OPERATORS.indexOf(first) >= 0) {
        return at(i, "operator '" + first + "' is reserved by RFC 6570 for future extensions");
      }
      List<String> names = new ArrayList<>();
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
        names.add(t.substring(nameStart, i));
        // modifier
        if (i < end && t.charAt(i) == '*') {
          i++;
        } else if (i < end && t.charAt(i) == ':') {
          int digits = ++i;
          while (i < end && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
            i++;
          }
          int len = i - digits;
          if (len < 1 || len > 4 || t.charAt(digits) == '0') {
            return at(digits, "a prefix modifier is ':' followed by a length from 1 to 9999");
          }
        }
        if (i == end) {
          parts.add(new Expression(operator, List.copyOf(names)));
          return Optional.empty();
        }
        if (t.charAt(i) != ',') {
          return at(i, "unexpected '" + printable(t.charAt(i)) + "' in expression");
        }
        i++;
        if (i == end) {
          return at(i, "expected a variable name after ','");
        }
      }
    }

    private static String printable(char c) {
      return Character.isISOControl(c) || Character.isSurrogate(c)
          ? String.format("\\u%04x", (int) c)
          : String.valueOf(c);
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
}
