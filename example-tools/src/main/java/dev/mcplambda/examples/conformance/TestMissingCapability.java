package dev.mcplambda.examples.conformance;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.mcplambda.examples.FunctionEvent;
import dev.mcplambda.examples.McpResults;
import java.util.Map;

/**
 * Diagnostic tool {@code test_missing_capability} (scenario server-stateless): needs the client's
 * {@code sampling} capability. It asks for a sampling answer (MRTR); a client that did not declare
 * {@code sampling} gets -32021 from the orchestrator, never this function's request.
 */
public final class TestMissingCapability
    implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    Object answer = new FunctionEvent(event).inputResponses().get("sampling");
    if (!InputAnswers.isObject(answer)) {
      return McpResults.inputRequired(
          Map.of("sampling", McpResults.sampling("Say something", 20)), null);
    }
    return McpResults.toolResult(McpResults.text("Sampled: " + InputAnswers.sampledText(answer)));
  }
}
