package dev.mcplambda.config;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;

/**
 * Which credentials provider the AWS clients of a function use. Lambda puts the execution role's
 * credentials in the environment ({@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, {@code
 * AWS_SESSION_TOKEN}), so there the environment provider alone is enough: the default chain would
 * build (and load the classes of) its system-property, web-identity, profile-file, SSO, container
 * and instance-metadata providers first (cold start). Anywhere else (a developer machine with a
 * profile, a container role) the default chain.
 */
public final class AwsCredentialsChoice {

  static final String ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
  static final String SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";

  private AwsCredentialsChoice() {}

  /** The environment provider when {@code env} holds a key pair, else the default chain. */
  public static AwsCredentialsProvider fromEnvironment(Environment env) {
    if (present(env, ACCESS_KEY_ID) && present(env, SECRET_ACCESS_KEY)) {
      return EnvironmentVariableCredentialsProvider.create();
    }
    return DefaultCredentialsProvider.builder().build();
  }

  private static boolean present(Environment env, String name) {
    return !env.get(name).orElse("").isBlank();
  }
}
