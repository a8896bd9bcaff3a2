package dev.mcplambda.examples.conformance;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.mcplambda.examples.McpResults;
import java.util.Map;

/** Conformance tool {@code test_multiple_content_types} (scenario tools-call-mixed-content). */
public final class TestMultipleContentTypes
    implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    return McpResults.toolResult(
        McpResults.text("Multiple content types test:"),
        McpResults.image(FixtureMedia.RED_PIXEL_PNG, "image/png"),
        McpResults.embeddedText(
            "test://mixed-content-resource",
            "application/json",
            "{\"test\":\"data\",\"value\":123}"));
  }
}
