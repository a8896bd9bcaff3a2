package dev.mcplambda.registry;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The AWS partitions an ARN may name, and which regions belong to each. A region belongs to a
 * partition by its marker: {@code cn-*} to {@code aws-cn}, {@code *-gov-*} to {@code aws-us-gov},
 * {@code *-iso-*}, {@code *-isob-*}, {@code *-isoe-*}, {@code *-isof-*} to the ISO partitions,
 * {@code eusc-*} to {@code aws-eusc}; every other region to {@code aws}.
 */
public enum AwsPartition {
  AWS("aws"),
  AWS_CN("aws-cn"),
  AWS_US_GOV("aws-us-gov"),
  AWS_ISO("aws-iso"),
  AWS_ISO_B("aws-iso-b"),
  AWS_ISO_E("aws-iso-e"),
  AWS_ISO_F("aws-iso-f"),
  AWS_EUSC("aws-eusc");

  /** {@code us-east-1}, {@code us-gov-west-1}, {@code us-isob-east-1}, {@code eusc-de-east-1}. */
  private static final Pattern REGION = Pattern.compile("[a-z]{2,4}(-[a-z]+)+-[0-9]{1,2}");

  private final String id;

  AwsPartition(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static AwsPartition of(String id) {
    for (AwsPartition p : values()) {
      if (p.id.equals(id)) {
        return p;
      }
    }
    return null;
  }

  public static List<String> ids() {
    return Arrays.stream(values()).map(AwsPartition::id).toList();
  }

  public static boolean isRegionName(String region) {
    return REGION.matcher(region).matches();
  }

  /** The partition a well-formed region name belongs to. */
  public static AwsPartition ofRegion(String region) {
    if (region.startsWith("cn-")) {
      return AWS_CN;
    }
    if (region.startsWith("eusc-")) {
      return AWS_EUSC;
    }
    if (region.contains("-gov-")) {
      return AWS_US_GOV;
    }
    if (region.contains("-isob-")) {
      return AWS_ISO_B;
    }
    if (region.contains("-isoe-")) {
      return AWS_ISO_E;
    }
    if (region.contains("-isof-")) {
      return AWS_ISO_F;
    }
    if (region.contains("-iso-")) {
      return AWS_ISO;
    }
    return AWS;
  }
}
