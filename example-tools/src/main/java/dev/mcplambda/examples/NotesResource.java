package dev.mcplambda.examples;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resource template {@code notes://{id}}: {@code read} returns the note with the id from {@code
 * variables.id} (or parsed from the URI); {@code list} returns the concrete notes. Unknown ids are
 * a function error, which the orchestrator reports as "resource not found".
 */
public final class NotesResource
    implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  private static final String PREFIX = "notes://";

  private static final Map<String, String> NOTES = new LinkedHashMap<>();

  static {
    NOTES.put("welcome", "# Welcome\n\nThis note is served by a Lambda function.");
    NOTES.put("todo", "# To do\n\n- register a tool\n- call it from an MCP client");
    NOTES.put("ideas", "# Ideas\n\nTools, resources and prompts are all Lambda functions.");
  }

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    FunctionEvent e = new FunctionEvent(event);
    if ("list".equals(e.action())) {
      List<Object> resources = new ArrayList<>();
      for (String id : NOTES.keySet()) {
        resources.add(
            McpResults.ordered(
                "uri",
                PREFIX + id,
                "name",
                id,
                "title",
                "Note " + id,
                "mimeType",
                "text/markdown"));
      }
      return McpResults.ordered("resources", resources);
    }
    String id = FunctionEvent.stringAt(e.variables(), "id");
    if (id == null && e.uri() != null && e.uri().startsWith(PREFIX)) {
      id = e.uri().substring(PREFIX.length());
    }
    String note = id == null ? null : NOTES.get(id);
    if (note == null) {
      throw new IllegalArgumentException("no note '" + id + "'");
    }
    return McpResults.textContents(PREFIX + id, "text/markdown", note);
  }
}
