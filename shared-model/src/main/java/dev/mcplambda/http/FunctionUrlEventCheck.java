package dev.mcplambda.http;

import java.util.Optional;

/**
 * Refuses events that a Function URL did not produce. A Function URL always sends {@code
 * requestContext.http} (method, path) and, with {@code AuthType: AWS_IAM}, {@code
 * requestContext.authorizer.iam} (the verified caller). An event without them came from a direct
 * {@code lambda:Invoke} (a test console, a script, an attacker with {@code lambda:InvokeFunction}):
 * it is refused before any routing, so nothing reads a principal from it.
 *
 * <p>This is a shape check, not a proof: a forger can copy the shape. What stops forged callers is
 * the resource policy, which grants {@code lambda:InvokeFunction} only with {@code
 * lambda:InvokedViaFunctionUrl} (template.yaml, docs/deploy.md).
 */
public final class FunctionUrlEventCheck {

  /** Why an event is refused: HTTP status, a log-safe detail code, the client message. */
  public record Refusal(int status, String detail, String message) {}

  private FunctionUrlEventCheck() {}

  /**
   * @param iamRequired {@code true} for {@code AuthType: AWS_IAM} (every deployed URL); {@code
   *     false} only for a local server without SigV4 that supplies its own caller
   * @return the refusal, or empty if the event has a Function URL request context
   */
  public static Optional<Refusal> check(FunctionUrlRequest request, boolean iamRequired) {
    FunctionUrlRequest.RequestContext context = request.requestContext();
    if (context == null
        || context.http() == null
        || context.http().method() == null
        || context.http().method().isBlank()) {
      return Optional.of(
          new Refusal(
              400,
              "not_function_url_event",
              "Bad Request: not a Function URL event (requestContext.http is missing); this"
                  + " function is only served through its Function URL"));
    }
    if (iamRequired) {
      String arn = request.principalArn();
      if (arn == null || arn.isBlank()) {
        return Optional.of(
            new Refusal(
                403,
                "no_principal",
                "Forbidden: no IAM caller (requestContext.authorizer.iam is missing); call the"
                    + " Function URL with SigV4 (service lambda)"));
      }
    }
    return Optional.empty();
  }
}
