package dev.mcplambda.examples.conformance;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/**
 * Conformance tool {@code test_error_handling} (scenario tools-call-error): always fails, as a
 * function error, which the orchestrator must turn into {@code isError: true} with the message.
 */
public final class TestErrorHandling
    implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    throw new IllegalStateException("This tool intentionally returns an error for testing");
  }
}
