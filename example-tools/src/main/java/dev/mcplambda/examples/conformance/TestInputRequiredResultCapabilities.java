package dev.mcplambda.examples.conformance;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.mcplambda.examples.FunctionEvent;
import dev.mcplambda.examples.McpResults;
import java.util.Map;

/**
 * Conformance tool {@code test_input_required_result_capabilities} (scenario
 * input-required-result-capability-check): asks only for what the client declared in {@code
 * extra.clientCapabilities}.
 */
public final class TestInputRequiredResultCapabilities
    implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    FunctionEvent e = new FunctionEvent(event);
    Map<String, Object> caps = e.clientCapabilities();
    Map<String, Object> answers = e.inputResponses();
    Map<String, Object> requests = new java.util.LinkedHashMap<>();
    if (caps.containsKey("elicitation") && !answers.containsKey("user_name")) {
      requests.put("user_name", McpResults.elicitation("What is your name?", "name"));
    }
    if (caps.containsKey("sampling") && !answers.containsKey("greeting")) {
      requests.put("greeting", McpResults.sampling("Generate a greeting", 50));
    }
    if (caps.containsKey("roots") && !answers.containsKey("client_roots")) {
      requests.put("client_roots", McpResults.listRoots());
    }
    if (!requests.isEmpty()) {
      return McpResults.inputRequired(requests, null);
    }
    return McpResults.toolResult(
        McpResults.text("Done with the declared capabilities: " + caps.keySet()));
  }
}
