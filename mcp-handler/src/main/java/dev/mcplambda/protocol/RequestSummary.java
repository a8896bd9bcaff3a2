package dev.mcplambda.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the transport logs about one request (one structured line per request): never arguments,
 * results or credentials.
 *
 * @param method the JSON-RPC method as served ({@code tools/call} for the seed's shorthand)
 * @param target the tool or prompt name or the resource uri, or {@code null}
 * @param lambdaMillis time spent in the function invocation, or {@code null} if none was made
 * @param outcome {@code ok}, {@code tool_error} (isError result), {@code input_required}, {@code
 *     error} (JSON-RPC error) or {@code notification}
 * @param errorCode the JSON-RPC error code for {@code error}, else {@code null}
 * @param detail a short machine-friendly reason (e.g. {@code timeout}, {@code throttled}, {@code
 *     function_error}, {@code invalid_arguments}), or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record RequestSummary(
    String method,
    String target,
    Long lambdaMillis,
    String outcome,
    Integer errorCode,
    String detail) {

  /** The summary of a request that ended with {@code outcome} (or was cancelled by the client). */
  static RequestSummary of(
      String method, String target, Long lambdaMillis, Outcome outcome, boolean cancelled) {
    return new RequestSummary(
        method,
        target,
        lambdaMillis,
        cancelled ? "cancelled" : outcome.word(),
        outcome instanceof Outcome.Failed f ? f.error().code() : null,
        outcome.detail());
  }
}
