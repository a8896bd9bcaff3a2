package dev.mcplambda.registration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PrincipalPatternTest {

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
