package dev.mcplambda.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PrincipalPatternTest {

  @ParameterizedTest
  @CsvSource({
    "arn:aws:iam::111122223333:user/alice, arn:aws:iam::111122223333:user/alice, true",
    "arn:aws:iam::111122223333:user/alice, arn:aws:iam::111122223333:user/alicex, false",
    "arn:aws:iam::111122223333:role/admin-*, arn:aws:iam::111122223333:role/admin-ops, true",
    "arn:aws:iam::111122223333:role/admin-*, arn:aws:iam::111122223333:role/dev-ops, false",
    "arn:aws:iam::*:role/ci, arn:aws:iam::999988887777:role/ci, true",
    "arn:aws:sts::*:assumed-role/ops/*, arn:aws:sts::1:assumed-role/ops/session-9, true",
    "*, anything, true",
    "a*b*c, axxbyyc, true",
    "a*b*c, axxbyy, false",
    "**, '', true",
  })
  void globMatching(String pattern, String principal, boolean expected) {
    assertThat(PrincipalPattern.matches(pattern, principal)).isEqualTo(expected);
  }

  @Test
  void noPatternsMeansEveryone() {
    assertThat(PrincipalPattern.allows(null, null)).isTrue();
    assertThat(PrincipalPattern.allows(List.of(), "x")).isTrue();
  }

  @Test
  void restrictedEntriesNeedAKnownPrincipal() {
    assertThat(PrincipalPattern.allows(List.of("*"), null)).isFalse();
    assertThat(PrincipalPattern.allows(List.of("a", "b*"), "bob")).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "arn:aws:iam::123456789012:root",
        "arn:aws:iam::123456789012:user/ops/alice",
        "arn:aws:iam::123456789012:role/mcp-*",
        "arn:aws:sts::123456789012:assumed-role/ops/*",
        "arn:aws:sts::*:assumed-role/reader/*",
        "arn:aws:iam::1234567890*:role/x",
        "arn:aws-us-gov:iam::123456789012:role/x",
        "arn:aws-eusc:sts::123456789012:assumed-role/x/y",
      })
  void acceptsIamAndStsPatterns(String pattern) {
    assertThat(PrincipalPattern.problems(pattern)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "*|must be an IAM or STS principal ARN pattern",
        "arn:aws:iam::123456789012|must be an IAM or STS principal ARN pattern",
        "arn:*:iam::123456789012:root|unknown partition '*'",
        "arn:aws:s3:::bucket/key|service must be iam or sts",
        "arn:aws:iam:us-east-1:123456789012:root|empty region",
        "arn:aws:iam::12345:root|must be 12 digits",
        "arn:aws:iam::123456789012:|must be non-empty",
        "arn:aws:iam::123456789012:role/a b|must be non-empty",
      })
  void refusesWithAReason(String pattern, String reason) {
    assertThat(PrincipalPattern.problems(pattern)).anySatisfy(m -> assertThat(m).contains(reason));
  }
}
