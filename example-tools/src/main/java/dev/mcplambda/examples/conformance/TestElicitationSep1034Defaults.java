package dev.mcplambda.examples.conformance;

import static dev.mcplambda.examples.McpResults.ordered;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.mcplambda.examples.FunctionEvent;
import dev.mcplambda.examples.McpResults;
import java.util.List;
import java.util.Map;

/**
 * Conformance tool {@code test_elicitation_sep1034_defaults} (scenario
 * elicitation-sep1034-defaults), MRTR-style: asks with defaults for every primitive type.
 */
public final class TestElicitationSep1034Defaults
    implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    Object answer = new FunctionEvent(event).inputResponses().get("elicitation");
    if (!InputAnswers.isElicitResult(answer)) {
      Map<String, Object> schema =
          ordered(
              "type",
              "object",
              "properties",
              ordered(
                  "name", ordered("type", "string", "default", "John Doe"),
                  "age", ordered("type", "integer", "default", 30),
                  "score", ordered("type", "number", "default", 95.5),
                  "status",
                      ordered(
                          "type",
                          "string",
                          "enum",
                          List.of("active", "inactive", "pending"),
                          "default",
                          "active"),
                  "verified", ordered("type", "boolean", "default", true)));
      return McpResults.inputRequired(
          Map.of(
              "elicitation",
              ordered(
                  "method",
                  "elicitation/create",
                  "params",
                  ordered(
                      "message",
                      "Please review and update the form fields with defaults",
                      "requestedSchema",
                      schema))),
          null);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> result = (Map<String, Object>) answer;
    return McpResults.toolResult(
        McpResults.text(
            "Elicitation completed: action="
                + result.get("action")
                + ", content="
                + JsonText.write(result.getOrDefault("content", Map.of()))));
  }
}
