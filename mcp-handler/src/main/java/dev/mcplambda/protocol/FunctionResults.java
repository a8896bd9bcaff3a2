package dev.mcplambda.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.json.Json;

/**
 * What a function returned, as an MCP result (README: Writing tool functions): an MCP result passes
 * through after a shape check (only the fields of that result are kept), anything else is wrapped.
 * {@code input_required} results are handled by the dispatcher before these are called.
 */
final class FunctionResults {

  private FunctionResults() {}

  /**
   * A {@code CallToolResult}. An object with a {@code content} array passes through ({@code
   * structuredContent}, {@code isError}, {@code _meta} kept); any other JSON becomes one text block
   * (a JSON string as is, other values serialised) and {@code structuredContent} when the revision
   * allows it: objects from 2025-06-18, any value on 2026-07-28.
   */
  static ObjectNode callTool(JsonNode payload, boolean stateless, boolean v0618)
      throws MalformedResultException {
    if (payload.isNull()) {
      throw new MalformedResultException("the function returned null");
    }
    ObjectNode result = Json.object();
    if (payload.isObject() && payload.get("content") instanceof ArrayNode content) {
      int i = 0;
      for (JsonNode block : content) {
        if (!block.isObject() || !block.path("type").isTextual()) {
          throw new MalformedResultException(
              "content[" + i + "] is not a content block with a type");
        }
        i++;
      }
      result.set("content", content);
      JsonNode structured = payload.get("structuredContent");
      if (structured != null && (stateless || (v0618 && structured.isObject()))) {
        result.set("structuredContent", structured);
      }
      if (payload.path("isError").isBoolean()) {
        result.put("isError", payload.get("isError").asBoolean());
      }
      copyMeta(payload, result);
      return result;
    }
    result.putArray("content").addObject().put("type", "text").put("text", text(payload));
    if (stateless || (v0618 && payload.isObject())) {
      result.set("structuredContent", payload);
    }
    return result;
  }

  /**
   * A {@code ReadResourceResult}. An object with a {@code contents} array passes through (each item
   * needs {@code uri} and {@code text} or {@code blob}; on 2026-07-28 valid {@code ttlMs} / {@code
   * cacheScope} hints are kept); any other JSON becomes one text item for {@code uri} with the
   * registered MIME type ({@code text/plain} for strings, {@code application/json} otherwise).
   */
  static ObjectNode readResource(JsonNode payload, String uri, String mimeType, boolean stateless)
      throws MalformedResultException {
    if (payload.isNull()) {
      throw new MalformedResultException("the function returned null");
    }
    ObjectNode result = Json.object();
    if (payload.isObject() && payload.get("contents") instanceof ArrayNode contents) {
      int i = 0;
      for (JsonNode c : contents) {
        if (!c.isObject()
            || !c.path("uri").isTextual()
            || !(c.path("text").isTextual() || c.path("blob").isTextual())) {
          throw new MalformedResultException("contents[" + i + "] needs uri and text or blob");
        }
        i++;
      }
      result.set("contents", contents);
      copyMeta(payload, result);
      if (stateless) {
        if (payload.path("ttlMs").canConvertToLong() && payload.get("ttlMs").asLong() >= 0) {
          result.put("ttlMs", payload.get("ttlMs").asLong());
        }
        String scope = payload.path("cacheScope").asText("");
        if (scope.equals("public") || scope.equals("private")) {
          result.put("cacheScope", scope);
        }
      }
      return result;
    }
    ObjectNode c = result.putArray("contents").addObject();
    c.put("uri", uri);
    c.put(
        "mimeType",
        mimeType != null ? mimeType : payload.isTextual() ? "text/plain" : "application/json");
    c.put("text", text(payload));
    return result;
  }

  /**
   * A {@code GetPromptResult}. An object with a {@code messages} array passes through (each message
   * needs role {@code user}/{@code assistant} and a content block); any other JSON becomes one user
   * text message. The registered description fills in a missing one.
   */
  static ObjectNode getPrompt(JsonNode payload, String description)
      throws MalformedResultException {
    if (payload.isNull()) {
      throw new MalformedResultException("the function returned null");
    }
    ObjectNode result = Json.object();
    if (payload.isObject() && payload.get("messages") instanceof ArrayNode messages) {
      int i = 0;
      for (JsonNode m : messages) {
        String role = m.path("role").asText("");
        if (!(role.equals("user") || role.equals("assistant"))
            || !m.path("content").isObject()
            || !m.path("content").path("type").isTextual()) {
          throw new MalformedResultException(
              "messages[" + i + "] needs role user|assistant and a content block");
        }
        i++;
      }
      JsonNode given = payload.get("description");
      if (given != null && given.isTextual()) {
        result.set("description", given);
      } else if (description != null) {
        result.put("description", description);
      }
      result.set("messages", messages);
      copyMeta(payload, result);
      return result;
    }
    if (description != null) {
      result.put("description", description);
    }
    ObjectNode message = result.putArray("messages").addObject();
    message.put("role", "user");
    message.putObject("content").put("type", "text").put("text", text(payload));
    return result;
  }

  private static String text(JsonNode payload) {
    return payload.isTextual() ? payload.asText() : Json.write(payload);
  }

  private static void copyMeta(JsonNode payload, ObjectNode result) {
    if (payload.get("_meta") instanceof ObjectNode meta) {
      result.set("_meta", meta.deepCopy());
    }
  }
}
