package dev.mcplambda.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;

class AwsCredentialsChoiceTest {

  @Test
  void aKeyPairInTheEnvironmentAsOnLambdaPicksTheEnvironmentProviderAlone() {
    Environment lambda =
        new Environment(
            Map.of(
                "AWS_ACCESS_KEY_ID", "ASIAEXAMPLE",
                "AWS_SECRET_ACCESS_KEY", "secret",
                "AWS_SESSION_TOKEN", "token"));

    assertThat(AwsCredentialsChoice.fromEnvironment(lambda))
        .isInstanceOf(EnvironmentVariableCredentialsProvider.class);
  }

  @Test
  void withoutACompleteKeyPairTheDefaultChainDecides() {
    Environment none = new Environment(Map.of("AWS_REGION", "us-east-1"));
    Environment halfPair = new Environment(Map.of("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE"));
    Environment blankSecret =
        new Environment(Map.of("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE", "AWS_SECRET_ACCESS_KEY", " "));

    assertThat(AwsCredentialsChoice.fromEnvironment(none))
        .isInstanceOf(DefaultCredentialsProvider.class);
    assertThat(AwsCredentialsChoice.fromEnvironment(halfPair))
        .isInstanceOf(DefaultCredentialsProvider.class);
    assertThat(AwsCredentialsChoice.fromEnvironment(blankSecret))
        .isInstanceOf(DefaultCredentialsProvider.class);
  }
}
