package dev.mcplambda.examples.conformance;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.mcplambda.examples.FunctionEvent;
import dev.mcplambda.examples.McpResults;
import java.util.Map;

/**
 * Conformance prompt {@code test_prompt_with_embedded_resource} (scenario
 * prompts-get-embedded-resource).
 */
public final class TestPromptWithEmbeddedResource
    implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    String uri = new FunctionEvent(event).arg("resourceUri");
    return McpResults.promptResult(
        null,
        McpResults.message(
            "user",
            McpResults.embeddedText(
                uri == null ? "test://example-resource" : uri,
                "text/plain",
                "Embedded resource content for testing.")),
        McpResults.message("user", McpResults.text("Please process the embedded resource above.")));
  }
}
