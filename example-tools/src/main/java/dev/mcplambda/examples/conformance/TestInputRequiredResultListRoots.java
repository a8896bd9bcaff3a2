package dev.mcplambda.examples.conformance;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.mcplambda.examples.FunctionEvent;
import dev.mcplambda.examples.McpResults;
import java.util.Map;

/**
 * Conformance tool {@code test_input_required_result_list_roots} (scenario
 * input-required-result-basic-list-roots).
 */
public final class TestInputRequiredResultListRoots
    implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    FunctionEvent e = new FunctionEvent(event);
    var roots = InputAnswers.rootUris(e.inputResponses().get("client_roots"));
    if (roots == null) {
      return McpResults.inputRequired(Map.of("client_roots", McpResults.listRoots()), null);
    }
    return McpResults.toolResult(McpResults.text("Client roots: " + String.join(", ", roots)));
  }
}
