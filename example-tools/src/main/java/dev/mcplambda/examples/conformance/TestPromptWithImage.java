package dev.mcplambda.examples.conformance;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.mcplambda.examples.McpResults;
import java.util.Map;

/** Conformance prompt {@code test_prompt_with_image} (scenario prompts-get-with-image). */
public final class TestPromptWithImage
    implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    return McpResults.promptResult(
        null,
        McpResults.message("user", McpResults.image(FixtureMedia.RED_PIXEL_PNG, "image/png")),
        McpResults.message("user", McpResults.text("Please analyze the image above.")));
  }
}
