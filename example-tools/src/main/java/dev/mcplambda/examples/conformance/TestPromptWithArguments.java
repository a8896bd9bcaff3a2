package dev.mcplambda.examples.conformance;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.mcplambda.examples.FunctionEvent;
import dev.mcplambda.examples.McpResults;
import java.util.Map;

/** Conformance prompt {@code test_prompt_with_arguments} (scenario prompts-get-with-args). */
public final class TestPromptWithArguments
    implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    FunctionEvent e = new FunctionEvent(event);
    return McpResults.promptResult(
        null,
        McpResults.message(
            "user",
            McpResults.text(
                "Prompt with arguments: arg1='"
                    + e.arg("arg1")
                    + "', arg2='"
                    + e.arg("arg2")
                    + "'")));
  }
}
