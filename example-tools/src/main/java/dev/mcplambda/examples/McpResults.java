package dev.mcplambda.examples;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds MCP result shapes ({@code CallToolResult}, {@code ReadResourceResult}, {@code
 * GetPromptResult}, {@code InputRequiredResult}) as plain maps, the way a Lambda function returns
 * them: the Java runtime serialises the map to JSON.
 */
public final class McpResults {

  private McpResults() {}

  public static Map<String, Object> text(String text) {
    return ordered("type", "text", "text", text);
  }

  public static Map<String, Object> image(String base64, String mimeType) {
    return ordered("type", "image", "data", base64, "mimeType", mimeType);
  }

  public static Map<String, Object> audio(String base64, String mimeType) {
    return ordered("type", "audio", "data", base64, "mimeType", mimeType);
  }

  /** An embedded text resource content block. */
  public static Map<String, Object> embeddedText(String uri, String mimeType, String text) {
    return ordered(
        "type", "resource", "resource", ordered("uri", uri, "mimeType", mimeType, "text", text));
  }

  /** A {@code CallToolResult} with the given content blocks. */
  @SafeVarargs
  public static Map<String, Object> toolResult(Map<String, Object>... content) {
    return ordered("content", List.of(content));
  }

  /** A {@code CallToolResult} with {@code isError: true} and one text block. */
  public static Map<String, Object> toolError(String message) {
    return ordered("content", List.of(text(message)), "isError", true);
  }

  /** A {@code ReadResourceResult} with one text content. */
  public static Map<String, Object> textContents(String uri, String mimeType, String text) {
    return ordered("contents", List.of(ordered("uri", uri, "mimeType", mimeType, "text", text)));
  }

  /** A {@code ReadResourceResult} with one binary content. */
  public static Map<String, Object> blobContents(String uri, String mimeType, String base64) {
    return ordered("contents", List.of(ordered("uri", uri, "mimeType", mimeType, "blob", base64)));
  }

  /** One prompt message. */
  public static Map<String, Object> message(String role, Map<String, Object> content) {
    return ordered("role", role, "content", content);
  }

  /** A {@code GetPromptResult}. */
  @SafeVarargs
  public static Map<String, Object> promptResult(
      String description, Map<String, Object>... messages) {
    Map<String, Object> result = new LinkedHashMap<>();
    if (description != null) {
      result.put("description", description);
    }
    result.put("messages", List.of(messages));
    return result;
  }

  /**
   * An {@code InputRequiredResult} (MRTR): the orchestrator asks the client and invokes the
   * function again with {@code extra.inputResponses} and {@code extra.requestState}.
   */
  public static Map<String, Object> inputRequired(
      Map<String, Object> inputRequests, String requestState) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("resultType", "input_required");
    result.put("inputRequests", inputRequests);
    if (requestState != null) {
      result.put("requestState", requestState);
    }
    return result;
  }

  /** An {@code elicitation/create} input request asking for string properties. */
  public static Map<String, Object> elicitation(String message, String... requiredStrings) {
    Map<String, Object> properties = new LinkedHashMap<>();
    for (String name : requiredStrings) {
      properties.put(name, ordered("type", "string"));
    }
    return ordered(
        "method",
        "elicitation/create",
        "params",
        ordered(
            "message",
            message,
            "requestedSchema",
            ordered(
                "type", "object", "properties", properties, "required", List.of(requiredStrings))));
  }

  /** A {@code sampling/createMessage} input request with one user text message. */
  public static Map<String, Object> sampling(String prompt, int maxTokens) {
    return ordered(
        "method",
        "sampling/createMessage",
        "params",
        ordered("messages", List.of(message("user", text(prompt))), "maxTokens", maxTokens));
  }

  /** A {@code roots/list} input request. */
  public static Map<String, Object> listRoots() {
    return ordered("method", "roots/list", "params", Map.of());
  }

  /** A map that keeps insertion order, from alternating keys and values. */
  public static Map<String, Object> ordered(Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values must alternate");
    }
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
