package dev.mcplambda.registration;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks an {@code allowedPrincipals} pattern: an IAM or STS principal ARN in which {@code *}
 * matches any run of characters, e.g. {@code arn:aws:iam::123456789012:role/mcp-*} or {@code
 * arn:aws:sts::*:assumed-role/ops/*}. The partition must be spelled out; the region must be empty
 * (IAM and STS ARNs have none).
 */
final class PrincipalPattern {

  static final int MAX_LENGTH = 2048;
  private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}|[0-9*]{0,11}\\*[0-9*]{0,11}");
  private static final Pattern RESOURCE = Pattern.compile("[A-Za-z0-9+=,.@_/*:-]+");

  private PrincipalPattern() {}

  static List<String> problems(String pattern) {
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
