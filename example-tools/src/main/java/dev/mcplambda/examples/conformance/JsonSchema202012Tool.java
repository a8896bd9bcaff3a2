package dev.mcplambda.examples.conformance;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.mcplambda.examples.FunctionEvent;
import dev.mcplambda.examples.McpResults;
import java.util.Map;

/**
 * Conformance tool {@code json_schema_2020_12_tool} (scenario json-schema-2020-12): what matters is
 * its registered input schema, preserved verbatim in {@code tools/list}.
 */
public final class JsonSchema202012Tool
    implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    return McpResults.toolResult(
        McpResults.text("Received: " + new FunctionEvent(event).args().keySet()));
  }
}
