package dev.mcplambda.examples.conformance;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.mcplambda.examples.FunctionEvent;
import dev.mcplambda.examples.McpResults;
import java.util.Map;

/**
 * Conformance tool {@code test_input_required_result_multi_round} (scenario
 * input-required-result-multi-round): two rounds of elicitation with evolving {@code requestState}.
 */
public final class TestInputRequiredResultMultiRound
    implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    FunctionEvent e = new FunctionEvent(event);
    String state = RequestStates.open(e.requestState());
    Map<String, Object> answers = e.inputResponses();
    if (state != null && state.startsWith("round-2:")) {
      String color = InputAnswers.elicited(answers.get("step2"), "color");
      if (color != null) {
        String name = state.substring("round-2:".length());
        return McpResults.toolResult(McpResults.text(name + "'s favorite color is " + color + "."));
      }
    }
    String name = InputAnswers.elicited(answers.get("step1"), "name");
    if ("round-1".equals(state) && name != null) {
      return McpResults.inputRequired(
          Map.of("step2", McpResults.elicitation("Step 2: What is your favorite color?", "color")),
          RequestStates.seal("round-2:" + name));
    }
    return McpResults.inputRequired(
        Map.of("step1", McpResults.elicitation("Step 1: What is your name?", "name")),
        RequestStates.seal("round-1"));
  }
}
