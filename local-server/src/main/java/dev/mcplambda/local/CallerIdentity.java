package dev.mcplambda.local;

/**
 * Who made a request: becomes {@code requestContext.authorizer.iam} of the Function URL event.
 *
 * @param accessKey the access key id that signed the request ({@code null} without auth)
 * @param accountId the principal's account
 * @param userArn the principal ARN, the identity sessions and {@code allowedPrincipals} use
 * @param userId the principal's unique id
 */
public record CallerIdentity(String accessKey, String accountId, String userArn, String userId) {

  /** The fixed caller of {@code --auth none}. */
  public static final CallerIdentity LOCAL =
      new CallerIdentity(null, "000000000000", "arn:aws:iam::000000000000:user/local", "local");

  /** An identity for a principal ARN; the account is read from the ARN. */
  public static CallerIdentity of(String accessKey, String userArn) {
    String[] parts = userArn.split(":", 6);
    String account = parts.length > 4 && !parts[4].isEmpty() ? parts[4] : "000000000000";
    return new CallerIdentity(accessKey, account, userArn, accessKey);
  }
}
