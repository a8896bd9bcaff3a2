package dev.mcplambda.invoke;

import com.fasterxml.jackson.databind.JsonNode;

/** How a synchronous function invocation ended. Messages never carry stack traces. */
public sealed interface InvocationOutcome {

  /** The function returned this JSON document. */
  record Success(JsonNode payload) implements InvocationOutcome {}

  /** The function raised an error ({@code X-Amz-Function-Error}); type and message as reported. */
  record FunctionError(String errorType, String errorMessage) implements InvocationOutcome {}

  /** No answer before the client timeout. */
  record Timeout(String detail) implements InvocationOutcome {}

  /** Lambda refused the invocation for now (429, concurrency or rate limits). */
  record Throttled(String detail) implements InvocationOutcome {}

  /** The function does not exist, may not be invoked, or Lambda could not be reached. */
  record Unavailable(String reason) implements InvocationOutcome {}

  /** The function answered with something that is not a JSON document. */
  record MalformedOutput(String reason) implements InvocationOutcome {}
}
