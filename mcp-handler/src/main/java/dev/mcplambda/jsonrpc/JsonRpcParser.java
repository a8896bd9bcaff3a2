package dev.mcplambda.jsonrpc;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.mcplambda.json.Json;
import java.io.IOException;

/**
 * Parses a request body into a {@link JsonRpcMessage} or a precise JSON-RPC error. Never throws on
 * client input.
 *
 * <ul>
 *   <li>not JSON (including an empty body, trailing garbage, too deep nesting) → -32700, id null;
 *   <li>a JSON array (a JSON-RPC batch) → -32600, id null: no revision this server speaks has
 *       batches (only 2025-03-26 had them, and 2025-06-18 removed them);
 *   <li>anything but an object, a missing or wrong {@code jsonrpc}, a missing, empty or non-string
 *       {@code method}, an {@code id} that is null (on a request), boolean, object, array or a
 *       fraction, {@code params} that is not an object, a message with both {@code result} and
 *       {@code error}, a response with neither, a malformed {@code error} member → -32600, echoing
 *       the id when it is a valid one.
 * </ul>
 */
public final class JsonRpcParser {

  private static final NullNode NO_ID = NullNode.getInstance();

  private JsonRpcParser() {}

  public static ParsedMessage parse(byte[] body) {
    if (body == null || body.length == 0) {
      return parseError("empty body");
    }
    JsonNode node;
    try {
      node = Json.readTree(body);
    } catch (JacksonException e) {
      return parseError("not valid JSON");
    } catch (IOException | RuntimeException e) {
      return parseError("unreadable body");
    }
    return parse(node);
  }

  public static ParsedMessage parse(String body) {
    if (body == null || body.isEmpty()) {
      return parseError("empty body");
    }
    JsonNode node;
    try {
      node = Json.readTree(body);
    } catch (JacksonException e) {
      return parseError("not valid JSON");
    } catch (RuntimeException e) {
      return parseError("unreadable body");
    }
    return parse(node);
  }

  /** Classifies an already parsed JSON document. */
  public static ParsedMessage parse(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return parseError("empty body");
    }
    if (node.isArray()) {
      if (node.isEmpty()) {
        return invalid(NO_ID, "Invalid Request: empty batch");
      }
      return new ParsedMessage.Invalid(batchNotSupported());
    }
    return single(node);
  }

  /** The error for a batch. */
  static JsonRpcResponse batchNotSupported() {
    return JsonRpcResponse.failure(
        NO_ID,
        new JsonRpcError(
            ErrorCodes.INVALID_REQUEST,
            "Invalid Request: JSON-RPC batches are not supported by this protocol version"));
  }

  private static ParsedMessage single(JsonNode node) {
    if (!node.isObject()) {
      return invalid(NO_ID, "Invalid Request: a JSON-RPC message must be a JSON object");
    }
    JsonNode idNode = node.get("id");
    boolean hasId = idNode != null;
    boolean idValid = hasId && isValidId(idNode);
    JsonNode echoId = idValid ? idNode : NO_ID;

    JsonNode version = node.get("jsonrpc");
    if (version == null || !version.isTextual() || !"2.0".equals(version.asText())) {
      return invalid(echoId, "Invalid Request: \"jsonrpc\" must be \"2.0\"");
    }
    boolean hasResult = node.has("result");
    boolean hasError = node.has("error");
    JsonNode method = node.get("method");
    if (method != null) {
      if (hasResult || hasError) {
        return invalid(echoId, "Invalid Request: a request cannot carry \"result\" or \"error\"");
      }
      if (!method.isTextual() || method.asText().isEmpty()) {
        return invalid(echoId, "Invalid Request: \"method\" must be a non-empty string");
      }
      JsonNode params = node.get("params");
      if (params != null && !params.isObject()) {
        return invalid(echoId, "Invalid Request: \"params\" must be an object");
      }
      if (!hasId) {
        return new ParsedMessage.Valid(new JsonRpcNotification(method.asText(), params));
      }
      if (!idValid) {
        return invalid(NO_ID, "Invalid Request: \"id\" must be a string or an integer");
      }
      return new ParsedMessage.Valid(new JsonRpcRequest(idNode, method.asText(), params));
    }
    if (hasResult && hasError) {
      return invalid(echoId, "Invalid Request: a response cannot carry both result and error");
    }
    if (!hasResult && !hasError) {
      return invalid(echoId, "Invalid Request: \"method\" is required");
    }
    if (!hasId || !(idValid || (hasError && idNode.isNull()))) {
      return invalid(NO_ID, "Invalid Request: a response needs a string or integer \"id\"");
    }
    if (hasResult) {
      JsonNode result = node.get("result");
      if (!result.isObject()) {
        return invalid(echoId, "Invalid Request: \"result\" must be an object");
      }
      return new ParsedMessage.Valid(JsonRpcResponse.success(idNode, result));
    }
    JsonNode error = node.get("error");
    if (!error.isObject()
        || error.get("code") == null
        || !error.get("code").isIntegralNumber()
        || !error.get("code").canConvertToInt()
        || error.get("message") == null
        || !error.get("message").isTextual()) {
      return invalid(
          echoId, "Invalid Request: \"error\" must be an object with integer code and message");
    }
    return new ParsedMessage.Valid(
        JsonRpcResponse.failure(
            idNode,
            new JsonRpcError(
                error.get("code").intValue(), error.get("message").asText(), error.get("data"))));
  }

  private static boolean isValidId(JsonNode id) {
    return id.isTextual() || (id.isIntegralNumber() && id.canConvertToLong());
  }

  private static ParsedMessage parseError(String why) {
    return new ParsedMessage.Invalid(
        JsonRpcResponse.failure(
            NO_ID, new JsonRpcError(ErrorCodes.PARSE_ERROR, "Parse error: " + why)));
  }

  private static ParsedMessage invalid(JsonNode id, String message) {
    return new ParsedMessage.Invalid(
        JsonRpcResponse.failure(id, new JsonRpcError(ErrorCodes.INVALID_REQUEST, message)));
  }
}
