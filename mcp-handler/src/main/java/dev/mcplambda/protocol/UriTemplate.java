package dev.mcplambda.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reverse matching of RFC 6570 URI templates (levels 1–4 syntax): given a concrete URI, recover the
 * variables that would expand to it.
 *
 * <p>Supported expressions: simple {@code {x}} / {@code {x,y}} (values without {@code / ? # ,}),
 * reserved {@code {+x}} (any characters), fragment {@code {#x}}, label {@code {.x}}, path segment
 * {@code {/x}} (values without {@code /}), path parameters {@code {;x}}, query {@code {?x,y}} and
 * continuation {@code {&x}} (name=value pairs in any order, missing ones left out). Values are
 * percent-decoded.
 *
 * <p>Limits: the explode ({@code *}) and prefix ({@code :n}) modifiers are accepted but a value is
 * always returned as one string (lists and maps are not split); adjacent reserved expressions are
 * matched lazily (the earlier one takes as little as possible). A template that cannot be parsed
 * matches nothing.
 */
public final class UriTemplate {

  private static final String OPERATORS = "+#./;?&";

  /** Longer URIs match nothing (issue 10: bounded work per resources/read). */
  static final int MAX_URI_LENGTH = 8192;

  /**
   * The URI as the regex engine reads it, with a budget of character reads (1M + 50 per char):
   * enough for any honest match, cut short on catastrophic backtracking. A stopgap until the linear
   * matcher of issue 10 item 1 replaces the regex.
   */
  private static final class BudgetedText implements CharSequence {

    static final class Exhausted extends RuntimeException {
      Exhausted() {
        super("URI template match budget exhausted", null, false, false);
      }
    }

    private final String text;
    private long reads;

    BudgetedText(String text) {
      this.text = text;
      this.reads = 1_000_000L + 50L * text.length();
    }

    @Override
    public char charAt(int index) {
      if (--reads < 0) {
        throw new Exhausted();
      }
      return text.charAt(index);
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return text.subSequence(start, end);
    }

    @Override
    public String toString() {
      return text;
    }
  }

  private final String template;
  private final Pattern pattern;
  private final List<Group> groups;
  private final List<String> variables;
  private final int literalLength;

  private record Group(char operator, List<String> names) {}

  private UriTemplate(
      String template,
      Pattern pattern,
      List<Group> groups,
      List<String> variables,
      int literalLength) {
    this.template = template;
    this.pattern = pattern;
    this.groups = groups;
    this.variables = variables;
    this.literalLength = literalLength;
  }

  /** Compiles a template; empty if it is not a well-formed RFC 6570 template. */
  public static Optional<UriTemplate> compile(String template) {
    if (template == null || template.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder regex = new StringBuilder("^");
    List<Group> groups = new ArrayList<>();
    List<String> variables = new ArrayList<>();
    int literal = 0;
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c == '}') {
        return Optional.empty();
      }
      if (c != '{') {
        int next = template.indexOf('{', i);
        int end = next < 0 ? template.length() : next;
        String text = template.substring(i, end);
        if (text.indexOf('}') >= 0) {
          return Optional.empty();
        }
        regex.append(Pattern.quote(text));
        literal += text.length();
        i = end;
        continue;
      }
      int close = template.indexOf('}', i);
      if (close < 0) {
        return Optional.empty();
      }
      String body = template.substring(i + 1, close);
      i = close + 1;
      if (body.isEmpty()) {
        return Optional.empty();
      }
      char op = OPERATORS.indexOf(body.charAt(0)) >= 0 ? body.charAt(0) : 0;
      String list = op == 0 ? body : body.substring(1);
      List<String> names = new ArrayList<>();
      for (String spec : list.split(",", -1)) {
        String name = spec.replaceAll("(\\*|:[0-9]{1,4})$", "");
        if (!name.matches("[A-Za-z0-9_%.]+") || name.startsWith(".")) {
          return Optional.empty();
        }
        names.add(name);
      }
      variables.addAll(names);
      appendExpression(regex, op, names, groups);
    }
    regex.append('$');
    return Optional.of(
        new UriTemplate(
            template,
            Pattern.compile(regex.toString(), Pattern.DOTALL),
            List.copyOf(groups),
            List.copyOf(variables),
            literal));
  }

  private static void appendExpression(
      StringBuilder regex, char op, List<String> names, List<Group> groups) {
    switch (op) {
      case 0, '+' -> {
        String value = op == 0 ? "([^/?#,]*)" : "(.*?)";
        for (int n = 0; n < names.size(); n++) {
          if (n > 0) {
            regex.append("(?:,");
          }
          regex.append(value);
          if (n > 0) {
            regex.append(")?");
          }
          groups.add(new Group(op, List.of(names.get(n))));
        }
      }
      case '#' -> {
        regex.append("(?:#");
        for (int n = 0; n < names.size(); n++) {
          regex.append(n > 0 ? "(?:,(.*?))?" : "(.*?)");
          groups.add(new Group(op, List.of(names.get(n))));
        }
        regex.append(")?");
      }
      case '/', '.' -> {
        String sep = op == '/' ? "/" : "\\.";
        String value = op == '/' ? "([^/?#]*)" : "([^/?#.]*)";
        for (String name : names) {
          regex.append("(?:").append(sep).append(value).append(")?");
          groups.add(new Group(op, List.of(name)));
        }
      }
      case ';' -> {
        regex.append("((?:;[^/?#;]*)*)");
        groups.add(new Group(op, List.copyOf(names)));
      }
      case '?' -> {
        regex.append("(?:\\?([^#]*))?");
        groups.add(new Group(op, List.copyOf(names)));
      }
      default -> { // '&'
        regex.append("((?:&[^#&]*)*)");
        groups.add(new Group(op, List.copyOf(names)));
      }
    }
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

  /** The variables if {@code uri} is an expansion of this template. */
  public Optional<Map<String, String>> match(String uri) {
    if (uri == null || uri.length() > MAX_URI_LENGTH) {
      return Optional.empty();
    }
    Matcher m = pattern.matcher(new BudgetedText(uri));
    try {
      if (!m.matches()) {
        return Optional.empty();
      }
    } catch (BudgetedText.Exhausted e) {
      return Optional.empty(); // adjacent expressions backtrack polynomially: no match, not a hang
    }
    Map<String, String> vars = new LinkedHashMap<>();
    for (int g = 0; g < groups.size(); g++) {
      String text = m.group(g + 1);
      if (text == null) {
        continue;
      }
      Group group = groups.get(g);
      switch (group.operator()) {
        case ';' -> pairs(text, ';', group.names(), vars);
        case '?' -> pairs(text, '&', group.names(), vars);
        case '&' -> pairs(text, '&', group.names(), vars);
        default -> {
          String value = decode(text);
          if (value == null) {
            return Optional.empty();
          }
          vars.put(group.names().get(0), value);
        }
      }
    }
    return Optional.of(vars);
  }

  private static void pairs(String text, char sep, List<String> names, Map<String, String> out) {
    for (String pair : text.split(Pattern.quote(String.valueOf(sep)))) {
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
  }

  /** Percent-decoding ({@code +} stays {@code +}); {@code null} on a broken escape. */
  static String decode(String s) {
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
}
