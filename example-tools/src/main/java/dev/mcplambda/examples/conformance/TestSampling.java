package dev.mcplambda.examples.conformance;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.mcplambda.examples.FunctionEvent;
import dev.mcplambda.examples.McpResults;
import java.util.Map;

/**
 * Conformance tool {@code test_sampling} (scenario tools-call-sampling), written MRTR-style: round
 * 1 asks for {@code sampling/createMessage}; the orchestrator sends it to the client (a
 * server-to-client request in the stateful eras) and calls again with the answer.
 */
public final class TestSampling
    implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    FunctionEvent e = new FunctionEvent(event);
    Object answer = e.inputResponses().get("sampling");
    if (answer == null) {
      String prompt = e.arg("prompt") == null ? "" : e.arg("prompt");
      return McpResults.inputRequired(Map.of("sampling", McpResults.sampling(prompt, 100)), null);
    }
    return McpResults.toolResult(
        McpResults.text("LLM response: " + InputAnswers.sampledText(answer)));
  }
}
