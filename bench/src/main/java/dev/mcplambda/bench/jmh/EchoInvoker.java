package dev.mcplambda.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.invoke.FunctionInvoker;
import dev.mcplambda.invoke.InvocationOutcome;
import dev.mcplambda.json.Json;

/**
 * The echo function in process: what {@code EchoTool} returns (text content and structured
 * content), built fresh per call as a real function's parsed output would be.
 */
public final class EchoInvoker implements FunctionInvoker {

  @Override
  public InvocationOutcome invoke(String functionArn, JsonNode event) {
    String message = event.path("args").path("message").asText();
    ObjectNode result = Json.mapper().createObjectNode();
    result.putArray("content").addObject().put("type", "text").put("text", message);
    result.putObject("structuredContent").put("message", message);
    return new InvocationOutcome.Success(result);
  }
}
