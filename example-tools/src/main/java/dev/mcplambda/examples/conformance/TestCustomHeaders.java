package dev.mcplambda.examples.conformance;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.mcplambda.examples.FunctionEvent;
import dev.mcplambda.examples.McpResults;
import java.util.Map;

/**
 * Conformance tool {@code test_custom_headers} (scenario http-custom-header-server-validation,
 * SEP-2243): its {@code region} argument is annotated {@code x-mcp-header: Region}, so a 2026-07-28
 * client mirrors it into {@code Mcp-Param-Region}, which the orchestrator validates against the
 * body before invoking this function.
 */
public final class TestCustomHeaders
    implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    FunctionEvent e = new FunctionEvent(event);
    return McpResults.toolResult(
        McpResults.text("region=" + e.arg("region") + ", query=" + e.arg("query")));
  }
}
