package dev.mcplambda.examples.conformance;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.mcplambda.examples.FunctionEvent;
import dev.mcplambda.examples.McpResults;
import dev.mcplambda.examples.catalog.ExampleCatalog;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Conformance diagnostic tools {@code test_trigger_tool_change} and {@code
 * test_trigger_prompt_change} (scenario server-stateless, "Dynamic List Mutations"): each call
 * changes the tool (or prompt) list the way an operator would — through the admin plane's {@code
 * /register} — by toggling a marker entry ({@code test_trigger_marker_tool} / {@code
 * test_trigger_marker_prompt}): deleted when it exists, registered when it does not. The
 * orchestrator then notices the new catalog version and notifies open streams.
 *
 * <p>The admin URL comes from the environment variable {@code MCP_ADMIN_URL} or, in the local
 * server's in-process function host, the system property {@code mcp.local.adminUrl}. The admin
 * plane must accept the call unsigned (the local server without {@code --auth iam}); otherwise the
 * tool reports the refusal as a tool error.
 */
public final class TestTriggerListChange
    implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  public static final String ADMIN_URL_ENV = "MCP_ADMIN_URL";
  public static final String ADMIN_URL_PROPERTY = "mcp.local.adminUrl";

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    String tool = FunctionEvent.stringAt(new FunctionEvent(event).extra(), "name");
    boolean prompt = "test_trigger_prompt_change".equals(tool);
    String admin = System.getenv(ADMIN_URL_ENV);
    if (admin == null || admin.isBlank()) {
      admin = System.getProperty(ADMIN_URL_PROPERTY);
    }
    if (admin == null || admin.isBlank()) {
      return McpResults.toolError(
          "No admin URL: set " + ADMIN_URL_ENV + " to the registration function URL");
    }
    String base = admin.endsWith("/") ? admin.substring(0, admin.length() - 1) : admin;
    String arn =
        context != null && context.getInvokedFunctionArn() != null
            ? context.getInvokedFunctionArn()
            : ExampleCatalog.localArn(ExampleCatalog.TRIGGER_FUNCTION);
    String name = prompt ? "test_trigger_marker_prompt" : "test_trigger_marker_tool";
    String id = (prompt ? "prompt-" : "tool-") + name;
    try {
      HttpResponse<String> deleted =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(base + "/register/" + id))
                  .timeout(Duration.ofSeconds(5))
                  .DELETE()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (deleted.statusCode() == 204) {
        return McpResults.toolResult(McpResults.text("Removed " + id));
      }
      if (deleted.statusCode() != 404) {
        return McpResults.toolError("Admin plane refused DELETE: HTTP " + deleted.statusCode());
      }
      String body =
          prompt
              ? "{\"type\":\"prompt\",\"name\":\""
                  + name
                  + "\",\"description\":\"Marker prompt toggled by test_trigger_prompt_change\","
                  + "\"lambdaArn\":\""
                  + arn
                  + "\"}"
              : "{\"type\":\"tool\",\"name\":\""
                  + name
                  + "\",\"description\":\"Marker tool toggled by test_trigger_tool_change\","
                  + "\"inputSchema\":{\"type\":\"object\",\"properties\":{}},"
                  + "\"lambdaArn\":\""
                  + arn
                  + "\"}";
      HttpResponse<String> created =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(base + "/register"))
                  .timeout(Duration.ofSeconds(5))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (created.statusCode() != 201) {
        return McpResults.toolError("Admin plane refused POST: HTTP " + created.statusCode());
      }
      return McpResults.toolResult(McpResults.text("Registered " + id));
    } catch (IOException e) {
      return McpResults.toolError("Admin plane unreachable: " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return McpResults.toolError("Interrupted");
    }
  }
}
