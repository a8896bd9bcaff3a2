package dev.mcplambda.registry;

import dev.mcplambda.http.ClientText;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An {@code allowedPrincipals} pattern of a {@link RegistryEntry}: an IAM or STS principal ARN in
 * which {@code *} matches any run of characters (including none, {@code :} and {@code /}), e.g.
 * {@code arn:aws:iam::123456789012:role/mcp-*} or {@code arn:aws:sts::*:assumed-role/ops/*};
 * everything else matches literally. The admin plane checks a pattern's syntax ({@link #problems});
 * the MCP plane matches callers against the patterns ({@link #allows}).
 */
public final class PrincipalPattern {

  public static final int MAX_LENGTH = 2048;
  private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}|[0-9*]{0,11}\\*[0-9*]{0,11}");
  private static final Pattern RESOURCE = Pattern.compile("[A-Za-z0-9+=,.@_/*:-]+");

  private PrincipalPattern() {}

  /** Whether {@code principal} may see and use an entry with these patterns (none: everyone). */
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

  /** What is wrong with {@code pattern} as an {@code allowedPrincipals} entry; empty if nothing. */
  public static List<String> problems(String pattern) {
    List<String> out = new ArrayList<>();
    if (pattern.isEmpty() || pattern.length() > MAX_LENGTH) {
      out.add("must be 1-" + MAX_LENGTH + " characters");
      return out;
    }
    String[] parts = pattern.split(":", 6);
    if (parts.length < 6 || !parts[0].equals("arn")) {
      out.add(
          "must be an IAM or STS principal ARN pattern like arn:aws:iam::123456789012:role/name"
              + " or arn:aws:sts::123456789012:assumed-role/name/*");
      return out;
    }
    if (AwsPartition.of(parts[1]) == null) {
      out.add(
          "unknown partition '"
              + ClientText.quote(parts[1], 32)
              + "' (expected one of "
              + String.join(", ", AwsPartition.ids())
              + ")");
    }
    if (!parts[2].equals("iam") && !parts[2].equals("sts")) {
      out.add("service must be iam or sts, not '" + ClientText.quote(parts[2], 32) + "'");
    }
    if (!parts[3].isEmpty()) {
      out.add("IAM and STS ARNs have an empty region field (arn:aws:iam::…)");
    }
    if (!ACCOUNT.matcher(parts[4]).matches()) {
      out.add(
          "account '"
              + ClientText.quote(parts[4], 32)
              + "' must be 12 digits (* wildcards allowed)");
    }
    if (!RESOURCE.matcher(parts[5]).matches()) {
      out.add(
          "resource '"
              + ClientText.quote(parts[5], 64)
              + "' must be non-empty, of A-Z a-z 0-9 + = , . @ _ / : - and * wildcards");
    }
    return out;
  }
}
