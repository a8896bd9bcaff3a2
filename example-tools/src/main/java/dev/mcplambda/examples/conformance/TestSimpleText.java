package dev.mcplambda.examples.conformance;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.mcplambda.examples.McpResults;
import java.util.Map;

/** Conformance tool {@code test_simple_text} (scenario tools-call-simple-text). */
public final class TestSimpleText
    implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    return McpResults.toolResult(McpResults.text("This is a simple text response for testing."));
  }
}
