package dev.mcplambda.examples.conformance;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.mcplambda.examples.McpResults;
import dev.mcplambda.examples.ToolEvents;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Conformance tool {@code test_tool_with_logging} (scenario tools-call-with-logging), a streaming
 * tool ({@code invokeMode: "stream"}): three info log messages about 50 ms apart, then the result.
 * The orchestrator forwards them at or above the level the client set.
 */
public final class TestToolWithLogging implements RequestStreamHandler {

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) {
    ToolEvents events = ToolEvents.of(output);
    events.log("info", "test_tool_with_logging", "Tool execution started");
    Pause.millis(50);
    events.log("info", "test_tool_with_logging", "Tool processing data");
    Pause.millis(50);
    events.log("info", "test_tool_with_logging", "Tool execution completed");
    events.result(
        McpResults.toolResult(McpResults.text("Tool with logging executed successfully")));
  }
}
