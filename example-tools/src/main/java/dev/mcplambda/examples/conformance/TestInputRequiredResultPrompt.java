package dev.mcplambda.examples.conformance;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.mcplambda.examples.FunctionEvent;
import dev.mcplambda.examples.McpResults;
import java.util.Map;

/**
 * Conformance prompt {@code test_input_required_result_prompt} (scenario
 * input-required-result-non-tool-request): MRTR on {@code prompts/get}.
 */
public final class TestInputRequiredResultPrompt
    implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    FunctionEvent e = new FunctionEvent(event);
    String context_ = InputAnswers.elicited(e.inputResponses().get("user_context"), "context");
    if (context_ == null) {
      return McpResults.inputRequired(
          Map.of(
              "user_context",
              McpResults.elicitation("What context should the prompt use?", "context")),
          null);
    }
    return McpResults.promptResult(
        "A prompt built from elicited context",
        McpResults.message("user", McpResults.text("Use this context: " + context_)));
  }
}
