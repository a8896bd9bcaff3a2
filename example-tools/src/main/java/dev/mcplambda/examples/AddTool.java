package dev.mcplambda.examples;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/**
 * Tool {@code add}: returns plain JSON {@code {"sum": a + b}} (not an MCP result), which the
 * orchestrator wraps as text plus {@code structuredContent}. Registered with the seed's {@code
 * parameters} shorthand.
 */
public final class AddTool implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    Map<String, Object> args = new FunctionEvent(event).args();
    double a = Numbers.required(args, "a");
    double b = Numbers.required(args, "b");
    return McpResults.ordered("sum", Numbers.simplest(a + b));
  }
}
