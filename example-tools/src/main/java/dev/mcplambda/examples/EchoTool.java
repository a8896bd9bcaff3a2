package dev.mcplambda.examples;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** Tool {@code echo}: returns {@code args.message} as text and as structured content. */
public final class EchoTool implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    String message = new FunctionEvent(event).arg("message");
    if (message == null) {
      return McpResults.toolError("argument 'message' is required");
    }
    Map<String, Object> result = McpResults.toolResult(McpResults.text(message));
    result.put("structuredContent", McpResults.ordered("message", message));
    return result;
  }
}
