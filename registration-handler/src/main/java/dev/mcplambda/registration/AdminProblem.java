package dev.mcplambda.registration;

import dev.mcplambda.http.ClientText;
import java.util.List;
import java.util.Map;

/**
 * An admin request that cannot be served: the HTTP status, the error body and any extra response
 * headers ({@code Allow} for 405, {@code Retry-After} for 503).
 */
public record AdminProblem(int status, ErrorBody body, Map<String, String> headers) {

  public AdminProblem {
    headers = Map.copyOf(headers);
  }

  public static AdminProblem of(int status, String error) {
    return new AdminProblem(status, new ErrorBody(error, List.of()), Map.of());
  }

  public static AdminProblem of(int status, String error, List<FieldError> details) {
    return new AdminProblem(status, new ErrorBody(error, details), Map.of());
  }

  public static AdminProblem badRequest(String error, String field, String message) {
    return of(400, error, List.of(new FieldError(field, message)));
  }

  public static AdminProblem methodNotAllowed(String method, String path, String allow) {
    return new AdminProblem(
        405,
        new ErrorBody(
            "method "
                + ClientText.quote(method, 16)
                + " is not allowed on "
                + path
                + " (allowed: "
                + allow
                + ")",
            List.of()),
        Map.of("Allow", allow));
  }

  public static AdminProblem unavailable() {
    return new AdminProblem(
        503,
        new ErrorBody("the registry store is unavailable; retry later", List.of()),
        Map.of("Retry-After", "1"));
  }
}
