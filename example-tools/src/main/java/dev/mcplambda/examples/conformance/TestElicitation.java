package dev.mcplambda.examples.conformance;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.mcplambda.examples.FunctionEvent;
import dev.mcplambda.examples.McpResults;
import java.util.Map;

/**
 * Conformance tool {@code test_elicitation} (scenario tools-call-elicitation), written MRTR-style
 * like {@link TestSampling}.
 */
public final class TestElicitation
    implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    FunctionEvent e = new FunctionEvent(event);
    Object answer = e.inputResponses().get("elicitation");
    if (answer == null) {
      String message = e.arg("message") == null ? "" : e.arg("message");
      Map<String, Object> request =
          McpResults.ordered(
              "method",
              "elicitation/create",
              "params",
              McpResults.ordered(
                  "message",
                  message,
                  "requestedSchema",
                  McpResults.ordered(
                      "type",
                      "object",
                      "properties",
                      McpResults.ordered(
                          "username",
                          McpResults.ordered("type", "string", "description", "User's response"),
                          "email",
                          McpResults.ordered(
                              "type", "string", "description", "User's email address")),
                      "required",
                      java.util.List.of("username", "email"))));
      return McpResults.inputRequired(Map.of("elicitation", request), null);
    }
    return McpResults.toolResult(
        McpResults.text("User response: " + InputAnswers.describe(answer)));
  }
}
