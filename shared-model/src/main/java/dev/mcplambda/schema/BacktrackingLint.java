package dev.mcplambda.schema;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Refuses regular expressions with the classic catastrophic-backtracking shape: a group that
 * repeats ({@code * + {n,} {n,m}} with more than one repetition) around something that itself
 * repeats, such as {@code (a+)+}, {@code (\w*)*}, {@code ([a-z]+\.)*x} or {@code (a{1,9}){2,}}. A
 * backtracking engine tries every way of splitting the input among the iterations, which is
 * exponential in the input length when the match fails at the end.
 *
 * <p>Not refused: possessive outer quantifiers ({@code (a+)++}) and atomic groups ({@code
 * (?>a+)+}), which never give characters back; possessive inner quantifiers ({@code (a++)+}). Other
 * exponential shapes (overlapping alternatives such as {@code (a|a)*}) are not detected here;
 * {@link BoundedRegexFactory} bounds the work of every match at run time whatever the shape.
 *
 * <p>Works on JDK regex syntax (escapes, {@code \Q…\E}, nested character classes) without
 * compiling; call it on patterns that compile.
 */
public final class BacktrackingLint {

  private BacktrackingLint() {}

  /** Why {@code regex} can backtrack catastrophically, or empty if no such shape is found. */
  public static Optional<String> problem(String regex) {
    Deque<Group> open = new ArrayDeque<>();
    Group current = new Group(0, false);
    int i = 0;
    int n = regex.length();
    while (i < n) {
      char c = regex.charAt(i);
      int atomEnd;
      if (c == '\\') {
        atomEnd = escapeEnd(regex, i);
      } else if (c == '[') {
        atomEnd = classEnd(regex, i);
      } else if (c == '(') {
        boolean atomic = regex.startsWith("(?>", i);
        open.push(current);
        current = new Group(i, atomic);
        i = groupBodyStart(regex, i);
        continue;
      } else if (c == ')') {
        if (open.isEmpty()) {
          return Optional.empty(); // unbalanced: not a pattern that compiles
        }
        Group closed = current;
        current = open.pop();
        Quantifier q = Quantifier.at(regex, i + 1);
        if (q.repeats() && !q.possessive() && !closed.atomic && closed.repeats) {
          return Optional.of(
              "nested quantifier '"
                  + excerpt(regex, closed.start, q.end())
                  + "' can take exponential time on inputs that almost match (catastrophic"
                  + " backtracking); repeat the inner part only once, or make the outer"
                  + " quantifier possessive (e.g. )++) or the group atomic ((?>…))");
        }
        current.repeats |= closed.repeats || (q.repeats() && !q.possessive());
        i = q.end();
        continue;
      } else {
        atomEnd = i + 1;
      }
      Quantifier q = Quantifier.at(regex, atomEnd);
      if (q.repeats() && !q.possessive()) {
        current.repeats = true;
      }
      i = q.end();
    }
    return Optional.empty();
  }

  /** An open group: where it starts, whether it is atomic, whether something inside repeats. */
  private static final class Group {
    final int start;
    final boolean atomic;
    boolean repeats;

    Group(int start, boolean atomic) {
      this.start = start;
      this.atomic = atomic;
    }
  }

  /** A quantifier (or none) after an atom: whether it allows more than one repetition. */
  private record Quantifier(boolean repeats, boolean possessive, int end) {

    static Quantifier at(String r, int i) {
      if (i >= r.length()) {
        return new Quantifier(false, false, i);
      }
      char c = r.charAt(i);
      boolean repeats;
      int end;
      if (c == '*' || c == '+') {
        repeats = true;
        end = i + 1;
      } else if (c == '?') {
        repeats = false;
        end = i + 1;
      } else if (c == '{') {
        int close = r.indexOf('}', i);
        if (close < 0) {
          return new Quantifier(false, false, i);
        }
        String body = r.substring(i + 1, close);
        int comma = body.indexOf(',');
        try {
          if (comma < 0) {
            repeats = Long.parseLong(body.strip()) > 1;
          } else {
            String max = body.substring(comma + 1).strip();
            repeats = max.isEmpty() || Long.parseLong(max) > 1;
          }
        } catch (NumberFormatException e) {
          return new Quantifier(false, false, i); // a literal '{'
        }
        end = close + 1;
      } else {
        return new Quantifier(false, false, i);
      }
      boolean possessive = false;
      if (end < r.length() && (r.charAt(end) == '?' || r.charAt(end) == '+')) {
        possessive = r.charAt(end) == '+';
        end++;
      }
      return new Quantifier(repeats, possessive, end);
    }
  }

  /** Index after the escape starting at {@code i} ({@code \Q…\E}, {@code \p{…}}, {@code \x{…}}). */
  private static int escapeEnd(String r, int i) {
    if (i + 1 >= r.length()) {
      return r.length();
    }
    char e = r.charAt(i + 1);
    if (e == 'Q') {
      int end = r.indexOf("\\E", i + 2);
      return end < 0 ? r.length() : end + 2;
    }
    if ((e == 'p' || e == 'P' || e == 'x' || e == 'k' || e == 'N')
        && i + 2 < r.length()
        && (r.charAt(i + 2) == '{' || r.charAt(i + 2) == '<')) {
      int end = r.indexOf(r.charAt(i + 2) == '{' ? '}' : '>', i + 2);
      return end < 0 ? r.length() : end + 1;
    }
    return i + 2;
  }

  /** Index after the character class starting at {@code i} (nested classes included). */
  private static int classEnd(String r, int i) {
    int depth = 0;
    int j = i;
    while (j < r.length()) {
      char c = r.charAt(j);
      if (c == '\\') {
        j = escapeEnd(r, j);
        continue;
      }
      if (c == '[') {
        depth++;
        j++;
        if (j < r.length() && r.charAt(j) == '^') {
          j++;
        }
        if (j < r.length() && r.charAt(j) == ']') {
          j++; // a ']' first in a class is literal
        }
        continue;
      }
      if (c == ']' && --depth == 0) {
        return j + 1;
      }
      j++;
    }
    return r.length();
  }

  /** Index of the first character of a group's body (after {@code (?:}, {@code (?<name>}, …). */
  private static int groupBodyStart(String r, int i) {
    if (!r.startsWith("(?", i)) {
      return i + 1;
    }
    if (r.startsWith("(?<", i) && i + 3 < r.length() && Character.isLetter(r.charAt(i + 3))) {
      int close = r.indexOf('>', i);
      return close < 0 ? r.length() : close + 1;
    }
    int j = i + 2;
    while (j < r.length() && ":=!<>)".indexOf(r.charAt(j)) < 0) {
      j++; // inline flags such as (?i: or (?i)
    }
    if (j < r.length() && r.charAt(j) == '<') {
      j++; // (?<= (?<!
    }
    if (j < r.length() && r.charAt(j) == ')') {
      return j; // (?i): no body; the ')' closes the pseudo-group at once
    }
    return Math.min(j + 1, r.length());
  }

  private static String excerpt(String r, int from, int to) {
    String s = r.substring(from, Math.min(to, r.length()));
    return s.length() > 60 ? s.substring(0, 60) + "…" : s;
  }
}
