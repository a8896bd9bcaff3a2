package dev.mcplambda.examples.conformance;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.mcplambda.examples.FunctionEvent;
import dev.mcplambda.examples.McpResults;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The conformance resources: {@code test://static-text}, {@code test://static-binary}, {@code
 * test://watched-resource} and the template {@code test://template/{id}/data} (scenarios
 * resources-*). One function serves them all, dispatching on {@code uri}; an unknown URI is a
 * function error.
 */
public final class ConformanceResources
    implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  private static final Pattern TEMPLATE = Pattern.compile("test://template/([^/]+)/data");

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    FunctionEvent e = new FunctionEvent(event);
    if ("list".equals(e.action())) {
      return McpResults.ordered("resources", List.of());
    }
    String uri = e.uri() == null ? "" : e.uri();
    switch (uri) {
      case "test://static-text" -> {
        return McpResults.textContents(
            uri, "text/plain", "This is the content of the static text resource.");
      }
      case "test://static-binary" -> {
        return McpResults.blobContents(uri, "image/png", FixtureMedia.RED_PIXEL_PNG);
      }
      case "test://watched-resource" -> {
        return McpResults.textContents(uri, "text/plain", "Watched resource content.");
      }
      default -> {
        String id = FunctionEvent.stringAt(e.variables(), "id");
        Matcher m = TEMPLATE.matcher(uri);
        if (m.matches()) {
          id = id == null ? m.group(1) : id;
          return McpResults.textContents(
              uri,
              "application/json",
              JsonText.write(
                  McpResults.ordered(
                      "id", id, "templateTest", true, "data", "Data for ID: " + id)));
        }
        throw new IllegalArgumentException("Resource not found: " + uri);
      }
    }
  }
}
