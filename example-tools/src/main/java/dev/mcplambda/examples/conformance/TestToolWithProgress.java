package dev.mcplambda.examples.conformance;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.mcplambda.examples.McpResults;
import java.util.Map;

/**
 * Conformance tool {@code test_tool_with_progress} (scenario tools-call-with-progress). Progress
 * notifications are the orchestrator's job; the function only takes the time the scenario expects.
 */
public final class TestToolWithProgress
    implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    Pause.millis(100);
    return McpResults.toolResult(McpResults.text("Tool with progress executed successfully"));
  }
}
