package dev.mcplambda.examples.conformance;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.mcplambda.examples.McpResults;
import java.util.Map;

/** Conformance prompt {@code test_simple_prompt} (scenario prompts-get-simple). */
public final class TestSimplePrompt
    implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    return McpResults.promptResult(
        null, McpResults.message("user", McpResults.text("This is a simple prompt for testing.")));
  }
}
