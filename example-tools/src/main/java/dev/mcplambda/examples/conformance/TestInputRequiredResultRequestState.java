package dev.mcplambda.examples.conformance;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.mcplambda.examples.FunctionEvent;
import dev.mcplambda.examples.McpResults;
import java.util.Map;

/**
 * Conformance tool {@code test_input_required_result_request_state} (scenario
 * input-required-result-request-state): the second round needs the echoed, untampered {@code
 * requestState}.
 */
public final class TestInputRequiredResultRequestState
    implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    FunctionEvent e = new FunctionEvent(event);
    Object answer = e.inputResponses().get("confirm");
    String state = RequestStates.open(e.requestState());
    if (!InputAnswers.isElicitResult(answer) || !"confirm-pending".equals(state)) {
      Map<String, Object> request =
          McpResults.ordered(
              "method",
              "elicitation/create",
              "params",
              McpResults.ordered(
                  "message",
                  "Please confirm",
                  "requestedSchema",
                  McpResults.ordered(
                      "type",
                      "object",
                      "properties",
                      McpResults.ordered("ok", McpResults.ordered("type", "boolean")),
                      "required",
                      java.util.List.of("ok"))));
      return McpResults.inputRequired(
          Map.of("confirm", request), RequestStates.seal("confirm-pending"));
    }
    return McpResults.toolResult(
        McpResults.text("state-ok: confirmed with " + InputAnswers.describe(answer)));
  }
}
