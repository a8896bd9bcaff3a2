package dev.mcplambda.examples.conformance;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.mcplambda.examples.FunctionEvent;
import dev.mcplambda.examples.McpResults;
import java.util.Map;

/**
 * Conformance tool {@code test_input_required_result_elicitation} (SEP-2322 scenarios
 * basic-elicitation, missing-input-response, result-type, ignore-extra-params, validate-input):
 * asks for {@code user_name}; a missing or malformed answer is asked for again.
 */
public final class TestInputRequiredResultElicitation
    implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    FunctionEvent e = new FunctionEvent(event);
    Object answer = e.inputResponses().get("user_name");
    String name = InputAnswers.elicited(answer, "name");
    if (name == null) {
      return McpResults.inputRequired(
          Map.of("user_name", McpResults.elicitation("What is your name?", "name")), null);
    }
    return McpResults.toolResult(McpResults.text("Hello, " + name + "!"));
  }
}
