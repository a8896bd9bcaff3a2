package dev.mcplambda.examples.conformance;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.mcplambda.examples.McpResults;
import dev.mcplambda.examples.ToolEvents;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Conformance tool {@code test_tool_with_progress} (scenario tools-call-with-progress), a streaming
 * tool ({@code invokeMode: "stream"}): reports 0, 50 and 100 of 100 about 50 ms apart, then
 * returns. The orchestrator forwards the progress only when the request carried a progressToken.
 */
public final class TestToolWithProgress implements RequestStreamHandler {

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) {
    ToolEvents events = ToolEvents.of(output);
    events.progress(0, 100);
    Pause.millis(50);
    events.progress(50, 100);
    Pause.millis(50);
    events.progress(100, 100);
    events.result(
        McpResults.toolResult(McpResults.text("Tool with progress executed successfully")));
  }
}
