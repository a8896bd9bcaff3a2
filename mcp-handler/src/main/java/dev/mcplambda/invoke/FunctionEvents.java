package dev.mcplambda.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.json.Json;
import java.util.Map;

/**
 * The events sent to tool, resource and prompt functions (README: Writing tool functions;
 * seed-compatible):
 *
 * <ul>
 *   <li>tools: {@code {"args": {...}, "extra": {...}}}
 *   <li>resources: {@code {"action": "read", "uri", "variables", "extra"}}
 *   <li>prompts: {@code {"args": {...}, "extra": {...}}}
 * </ul>
 *
 * {@code extra} carries {@code name} (tool/prompt name or resource uri), {@code principal}, {@code
 * protocolVersion}, {@code era}, {@code requestId}, {@code clientCapabilities} and, on 2026-07-28
 * retries, {@code inputResponses} and {@code requestState} (the function's own state, verified and
 * unwrapped by the orchestrator).
 */
public final class FunctionEvents {

  private FunctionEvents() {}

  public static ObjectNode tool(JsonNode args, JsonNode extra) {
    ObjectNode event = Json.object();
    event.set("args", args == null ? Json.object() : args);
    event.set("extra", extra);
    return event;
  }

  public static ObjectNode prompt(JsonNode args, JsonNode extra) {
    return tool(args, extra);
  }

  public static ObjectNode resourceRead(String uri, Map<String, String> variables, JsonNode extra) {
    ObjectNode event = Json.object();
    event.put("action", "read");
    event.put("uri", uri);
    ObjectNode vars = event.putObject("variables");
    variables.forEach(vars::put);
    event.set("extra", extra);
    return event;
  }

  /**
   * The {@code extra} object. Null values are left out.
   *
   * @param name the tool or prompt name, or the resource uri
   */
  public static ObjectNode extra(
      String kind,
      String name,
      String principal,
      String protocolVersion,
      String era,
      JsonNode requestId,
      JsonNode clientCapabilities,
      JsonNode inputResponses,
      String requestState) {
    ObjectNode extra = Json.object();
    extra.put("type", kind);
    extra.put("name", name);
    if (principal != null) {
      extra.put("principal", principal);
    }
    if (protocolVersion != null) {
      extra.put("protocolVersion", protocolVersion);
    }
    extra.put("era", era);
    if (requestId != null) {
      extra.set("requestId", requestId);
    }
    if (clientCapabilities != null) {
      extra.set("clientCapabilities", clientCapabilities);
    }
    if (inputResponses != null) {
      extra.set("inputResponses", inputResponses);
    }
    if (requestState != null) {
      extra.put("requestState", requestState);
    }
    return extra;
  }
}
