package dev.mcplambda.examples;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** Prompt {@code greeting}: arguments {@code name} (required) and {@code style} (optional). */
public final class GreetingPrompt
    implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    FunctionEvent e = new FunctionEvent(event);
    String name = e.arg("name");
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("argument 'name' is required");
    }
    String style = e.arg("style") == null ? "friendly" : e.arg("style");
    return McpResults.promptResult(
        "A " + style + " greeting",
        McpResults.message(
            "user",
            McpResults.text(
                "Write a short " + style + " greeting for " + name + ". One sentence only.")));
  }
}
