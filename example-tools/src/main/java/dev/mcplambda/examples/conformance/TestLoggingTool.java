package dev.mcplambda.examples.conformance;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.mcplambda.examples.McpResults;
import java.util.Map;

/**
 * Diagnostic tool {@code test_logging_tool} (scenario server-stateless): log notifications are the
 * orchestrator's job and must not be sent unless the request set a log level.
 */
public final class TestLoggingTool
    implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    return McpResults.toolResult(McpResults.text("logging tool done"));
  }
}
