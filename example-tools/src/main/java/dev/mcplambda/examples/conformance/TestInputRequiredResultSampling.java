package dev.mcplambda.examples.conformance;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.mcplambda.examples.FunctionEvent;
import dev.mcplambda.examples.McpResults;
import java.util.Map;

/**
 * Conformance tool {@code test_input_required_result_sampling} (scenario
 * input-required-result-basic-sampling).
 */
public final class TestInputRequiredResultSampling
    implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    FunctionEvent e = new FunctionEvent(event);
    Object answer = e.inputResponses().get("capital_question");
    if (!InputAnswers.isObject(answer)) {
      return McpResults.inputRequired(
          Map.of("capital_question", McpResults.sampling("What is the capital of France?", 100)),
          null);
    }
    return McpResults.toolResult(
        McpResults.text("The model said: " + InputAnswers.sampledText(answer)));
  }
}
