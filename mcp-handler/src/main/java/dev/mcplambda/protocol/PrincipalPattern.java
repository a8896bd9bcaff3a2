package dev.mcplambda.protocol;

import java.util.List;

/**
 * {@code allowedPrincipals} matching: ARN patterns where {@code *} matches any run of characters
 * (including none and including {@code :} and {@code /}); everything else matches literally.
 */
public final class PrincipalPattern {

  private PrincipalPattern() {}

  /** Whether {@code principal} may see and use an entry with these patterns. */
  public static boolean allows(List<String> patterns, String principal) {
    if (patterns == null || patterns.isEmpty()) {
      return true;
    }
    if (principal == null) {
      return false;
    }
    for (String p : patterns) {
      if (p != null && matches(p, principal)) {
        return true;
      }
    }
    return false;
  }

  /** Glob match with {@code *} only, iterative with backtracking to the last star. */
  public static boolean matches(String pattern, String text) {
    int p = 0;
    int t = 0;
    int star = -1;
    int mark = 0;
    while (t < text.length()) {
      if (p < pattern.length() && pattern.charAt(p) == '*') {
        star = p++;
        mark = t;
      } else if (p < pattern.length() && pattern.charAt(p) == text.charAt(t)) {
        p++;
        t++;
      } else if (star >= 0) {
        p = star + 1;
        t = ++mark;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }
}
