package dev.mcplambda.examples.conformance;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.mcplambda.examples.FunctionEvent;
import dev.mcplambda.examples.McpResults;
import java.util.Map;

/**
 * Diagnostic tool {@code test_streaming_elicitation} (scenario server-stateless): needs user input
 * mid-call. In 2026-07-28 the answer must come as an {@code input_required} result on the response,
 * never as an independent {@code elicitation/create} request on the stream.
 */
public final class TestStreamingElicitation
    implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    Object answer = new FunctionEvent(event).inputResponses().get("confirmation");
    String value = InputAnswers.elicited(answer, "confirmed");
    if (value == null) {
      return McpResults.inputRequired(
          Map.of("confirmation", McpResults.elicitation("Confirm to continue", "confirmed")), null);
    }
    return McpResults.toolResult(McpResults.text("Confirmed: " + value));
  }
}
