package dev.mcplambda.examples.conformance;

import static dev.mcplambda.examples.McpResults.ordered;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.mcplambda.examples.FunctionEvent;
import dev.mcplambda.examples.McpResults;
import java.util.List;
import java.util.Map;

/**
 * Conformance tool {@code test_elicitation_sep1330_enums} (scenario elicitation-sep1330-enums),
 * MRTR-style: asks with the five enum schema variants of SEP-1330.
 */
public final class TestElicitationSep1330Enums
    implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    Object answer = new FunctionEvent(event).inputResponses().get("elicitation");
    if (!InputAnswers.isElicitResult(answer)) {
      Map<String, Object> properties =
          ordered(
              "untitledSingle",
              ordered("type", "string", "enum", List.of("option1", "option2", "option3")),
              "titledSingle",
              ordered(
                  "type",
                  "string",
                  "oneOf",
                  List.of(
                      ordered("const", "value1", "title", "First Option"),
                      ordered("const", "value2", "title", "Second Option"),
                      ordered("const", "value3", "title", "Third Option"))),
              "legacyEnum",
              ordered(
                  "type",
                  "string",
                  "enum",
                  List.of("opt1", "opt2", "opt3"),
                  "enumNames",
                  List.of("Option One", "Option Two", "Option Three")),
              "untitledMulti",
              ordered(
                  "type",
                  "array",
                  "items",
                  ordered("type", "string", "enum", List.of("option1", "option2", "option3"))),
              "titledMulti",
              ordered(
                  "type",
                  "array",
                  "items",
                  ordered(
                      "anyOf",
                      List.of(
                          ordered("const", "value1", "title", "First Choice"),
                          ordered("const", "value2", "title", "Second Choice"),
                          ordered("const", "value3", "title", "Third Choice")))));
      return McpResults.inputRequired(
          Map.of(
              "elicitation",
              ordered(
                  "method",
                  "elicitation/create",
                  "params",
                  ordered(
                      "message",
                      "Please select options",
                      "requestedSchema",
                      ordered("type", "object", "properties", properties)))),
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
