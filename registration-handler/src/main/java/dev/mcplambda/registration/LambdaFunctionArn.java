package dev.mcplambda.registration;

import dev.mcplambda.http.ClientText;
import dev.mcplambda.registry.AwsPartition;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks that a string is the ARN of one Lambda function, optionally qualified:
 *
 * <pre>
 * arn:{partition}:lambda:{region}:{12-digit account}:function:{name}[:{qualifier}]
 * </pre>
 *
 * in any AWS partition, with a region of that partition, a function name of 1–64 characters of
 * {@code [A-Za-z0-9_-]} and a qualifier that is {@code $LATEST}, a version number or an alias name.
 * Wildcards, other services, layers and other Lambda resources are refused.
 */
final class LambdaFunctionArn {

  static final int MAX_LENGTH = 256;
  private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");
  private static final Pattern FUNCTION_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern VERSION = Pattern.compile("[1-9][0-9]{0,9}");
  private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9_-]{1,128}");
  private static final String EXAMPLE =
      "arn:aws:lambda:us-east-1:123456789012:function:my-function";

  private LambdaFunctionArn() {}

  /** Every problem with {@code arn}; empty if it names one Lambda function. */
  static List<String> problems(String arn) {
    List<String> out = new ArrayList<>();
    if (arn.isEmpty()) {
      out.add("must not be empty; expected e.g. " + EXAMPLE);
      return out;
    }
    if (arn.length() > MAX_LENGTH) {
      out.add("is " + arn.length() + " characters long; a function ARN has at most " + MAX_LENGTH);
      return out;
    }
    if (arn.indexOf('*') >= 0 || arn.indexOf('?') >= 0) {
      out.add("must name exactly one function: wildcards (* ?) are not allowed");
      return out;
    }
    String[] parts = arn.split(":", -1);
    if (!parts[0].equals("arn") || parts.length < 3) {
      out.add("is not an ARN; expected e.g. " + EXAMPLE);
      return out;
    }
    if (!parts[2].equals("lambda")) {
      out.add(
          "must be a Lambda function ARN, not one of service '"
              + ClientText.quote(parts[2], 32)
              + "'; expected e.g. "
              + EXAMPLE);
      return out;
    }
    if (parts.length >= 6 && parts[5].equals("layer")) {
      out.add("names a Lambda layer; register a function ARN (…:function:name)");
      return out;
    }
    if (parts.length >= 6 && !parts[5].equals("function")) {
      out.add(
          "must be a function ARN (…:function:name), not a resource of type '"
              + ClientText.quote(parts[5], 32)
              + "'");
      return out;
    }
    if (parts.length < 7 || parts.length > 8) {
      out.add(
          "must have the form arn:partition:lambda:region:account:function:name[:qualifier]; expected e.g. "
              + EXAMPLE);
      return out;
    }
    AwsPartition partition = AwsPartition.of(parts[1]);
    if (partition == null) {
      out.add(
          "unknown partition '"
              + ClientText.quote(parts[1], 32)
              + "' (expected one of "
              + String.join(", ", AwsPartition.ids())
              + ")");
    }
    String region = parts[3];
    if (!AwsPartition.isRegionName(region)) {
      out.add("region '" + ClientText.quote(region, 32) + "' is not a region name like us-east-1");
    } else if (partition != null && AwsPartition.ofRegion(region) != partition) {
      out.add(
          "region '"
              + region
              + "' is not in partition '"
              + partition.id()
              + "' (it belongs to '"
              + AwsPartition.ofRegion(region).id()
              + "')");
    }
    if (!ACCOUNT.matcher(parts[4]).matches()) {
      out.add("account '" + ClientText.quote(parts[4], 32) + "' must be 12 digits");
    }
    if (!FUNCTION_NAME.matcher(parts[6]).matches()) {
      out.add(
          "function name '"
              + ClientText.quote(parts[6], 80)
              + "' must be 1-64 characters of A-Z a-z 0-9 _ -");
    }
    if (parts.length == 8) {
      String qualifier = parts[7];
      boolean numeric = !qualifier.isEmpty() && qualifier.chars().allMatch(Character::isDigit);
      boolean ok =
          qualifier.equals("$LATEST")
              || (numeric
                  ? VERSION.matcher(qualifier).matches()
                  : ALIAS.matcher(qualifier).matches());
      if (!ok) {
        out.add(
            "qualifier '"
                + ClientText.quote(qualifier, 32)
                + "' must be $LATEST, a version number (1, 2, …) or an alias name (1-128 characters of A-Z a-z 0-9 _ -)");
      }
    }
    return out;
  }
}
