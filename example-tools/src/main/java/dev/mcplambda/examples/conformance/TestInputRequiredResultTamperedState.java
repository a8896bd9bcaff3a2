package dev.mcplambda.examples.conformance;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.mcplambda.examples.FunctionEvent;
import dev.mcplambda.examples.McpResults;
import java.util.Map;

/**
 * Conformance tool {@code test_input_required_result_tampered_state} (scenario
 * input-required-result-tampered-state): an altered {@code requestState} fails (a function error;
 * the orchestrator should also refuse it with -32602 before invoking).
 */
public final class TestInputRequiredResultTamperedState
    implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    FunctionEvent e = new FunctionEvent(event);
    if (e.requestState() != null) {
      if (!"tamper-check".equals(RequestStates.open(e.requestState()))) {
        throw new IllegalArgumentException("requestState failed its integrity check");
      }
      if (InputAnswers.isElicitResult(e.inputResponses().get("confirm"))) {
        return McpResults.toolResult(McpResults.text("state-ok"));
      }
    }
    return McpResults.inputRequired(
        Map.of("confirm", McpResults.elicitation("Please confirm", "ok")),
        RequestStates.seal("tamper-check"));
  }
}
