package dev.mcplambda.examples.conformance;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.mcplambda.examples.McpResults;
import java.util.Map;

/** Conformance tool {@code test_embedded_resource} (scenario tools-call-embedded-resource). */
public final class TestEmbeddedResource
    implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    return McpResults.toolResult(
        McpResults.embeddedText(
            "test://embedded-resource", "text/plain", "This is an embedded resource content."));
  }
}
