package dev.mcplambda.examples.conformance;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.mcplambda.examples.FunctionEvent;
import dev.mcplambda.examples.McpResults;
import java.util.Map;

/**
 * Conformance tool {@code test_input_required_result_multiple_inputs} (scenario
 * input-required-result-multiple-input-requests): elicitation, sampling and roots in one round.
 */
public final class TestInputRequiredResultMultipleInputs
    implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    FunctionEvent e = new FunctionEvent(event);
    Map<String, Object> answers = e.inputResponses();
    String name = InputAnswers.elicited(answers.get("user_name"), "name");
    boolean complete =
        name != null
            && InputAnswers.isObject(answers.get("greeting"))
            && InputAnswers.rootUris(answers.get("client_roots")) != null
            && "multiple-pending".equals(RequestStates.open(e.requestState()));
    if (!complete) {
      return McpResults.inputRequired(
          McpResults.ordered(
              "user_name",
              McpResults.elicitation("What is your name?", "name"),
              "greeting",
              McpResults.sampling("Generate a greeting", 50),
              "client_roots",
              McpResults.listRoots()),
          RequestStates.seal("multiple-pending"));
    }
    return McpResults.toolResult(
        McpResults.text(
            InputAnswers.sampledText(answers.get("greeting"))
                + " "
                + name
                + " (roots: "
                + String.join(", ", InputAnswers.rootUris(answers.get("client_roots")))
                + ")"));
  }
}
