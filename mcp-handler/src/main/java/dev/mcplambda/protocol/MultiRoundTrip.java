package dev.mcplambda.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.json.Json;
import dev.mcplambda.jsonrpc.ErrorCodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * 2026-07-28 multi round-trip requests ({@code tools/call}, {@code resources/read}, {@code
 * prompts/get}): a function's {@code input_required} result goes to the client with its {@code
 * requestState} sealed; the client's retry is verified and the function gets {@code inputResponses}
 * and its own state back. {@code requestState} from the client is attacker-controlled: anything
 * that fails verification is -32602. {@code inputRequests} the client declared no capability for
 * are -32021 with {@code data.requiredCapabilities}.
 */
final class MultiRoundTrip {

  /** What a retry brought: the client's input responses and the function's verified state. */
  record Retry(JsonNode inputResponses, String functionState) {
    static final Retry NONE = new Retry(null, null);

    boolean isRetry() {
      return inputResponses != null || functionState != null;
    }
  }

  private static final Map<String, String> INPUT_REQUEST_CAPABILITY =
      Map.of(
          "elicitation/create", "elicitation",
          "sampling/createMessage", "sampling",
          "roots/list", "roots");

  private final RequestStateSealer sealer;
  private final DispatcherConfig config;

  MultiRoundTrip(RequestStateSealer sealer, DispatcherConfig config) {
    this.sealer = sealer;
    this.config = config;
  }

  /** The client capability an input request's method needs, or {@code null} if it is none. */
  static String capabilityFor(String method) {
    return method == null ? null : INPUT_REQUEST_CAPABILITY.get(method);
  }

  static boolean isInputRequired(JsonNode payload) {
    return payload.isObject() && "input_required".equals(payload.path("resultType").asText(null));
  }

  /** Reads and verifies a retry's {@code inputResponses} and {@code requestState}. */
  Retry retry(ObjectNode params, String principal, String method, String target) {
    JsonNode responses = params.get("inputResponses");
    if (responses != null && !responses.isNull() && !responses.isObject()) {
      throw new ProtocolException(
          ErrorCodes.INVALID_PARAMS, "inputResponses must be an object", null, "invalid_params");
    }
    JsonNode state = params.get("requestState");
    String functionState = null;
    if (state != null && !state.isNull()) {
      if (!state.isTextual() || state.asText().length() > 2 * config.maxStateChars()) {
        throw new ProtocolException(
            ErrorCodes.INVALID_PARAMS, "Invalid requestState", null, "bad_request_state");
      }
      functionState =
          sealer
              .open(
                  state.asText(),
                  principal,
                  method,
                  target,
                  params.get("arguments"),
                  config.clock().millis())
              .orElseThrow(
                  () ->
                      new ProtocolException(
                          ErrorCodes.INVALID_PARAMS,
                          "Invalid requestState: it was not issued for this request (principal,"
                              + " target and arguments), was altered or has expired",
                          null,
                          "bad_request_state"));
    }
    return new Retry(responses == null || responses.isNull() ? null : responses, functionState);
  }

  /** The {@code InputRequiredResult} for the client, from a function's {@code input_required}. */
  ObjectNode interim(
      JsonNode payload,
      JsonNode clientCapabilities,
      String principal,
      String method,
      String target,
      JsonNode arguments)
      throws MalformedResultException {
    JsonNode requests = payload.get("inputRequests");
    JsonNode state = payload.get("requestState");
    if (requests != null && !requests.isObject()) {
      throw new MalformedResultException("inputRequests must be an object");
    }
    if (state != null && !state.isTextual()) {
      throw new MalformedResultException("requestState must be a string");
    }
    if (requests == null && state == null) {
      throw new MalformedResultException(
          "an input_required result needs inputRequests or requestState");
    }
    if (state != null && state.asText().length() > config.maxStateChars()) {
      throw new MalformedResultException(
          "requestState exceeds " + config.maxStateChars() + " characters");
    }
    ObjectNode missing = Json.object();
    if (requests != null) {
      for (var entry : requests.properties()) {
        JsonNode request = entry.getValue();
        String capability = INPUT_REQUEST_CAPABILITY.get(request.path("method").asText(""));
        if (!request.isObject() || capability == null) {
          throw new MalformedResultException(
              "inputRequests."
                  + ProtocolDispatcher.clip(entry.getKey(), 100)
                  + " must be an elicitation/create, sampling/createMessage or roots/list request");
        }
        if (clientCapabilities == null || !clientCapabilities.has(capability)) {
          missing.putObject(capability);
        }
      }
    }
    if (!missing.isEmpty()) {
      List<String> names = new ArrayList<>();
      missing.fieldNames().forEachRemaining(names::add);
      ObjectNode data = Json.object();
      data.set("requiredCapabilities", missing);
      throw new ProtocolException(
          ErrorCodes.MISSING_REQUIRED_CLIENT_CAPABILITY,
          "Missing required client capability: " + String.join(", ", names),
          data,
          "missing_capability");
    }
    ObjectNode result = Json.object();
    result.put("resultType", "input_required");
    if (requests != null) {
      result.set("inputRequests", requests);
    }
    if (state != null) {
      long expires = config.clock().millis() + config.stateTtl().toMillis();
      result.put(
          "requestState",
          sealer.seal(state.asText(), principal, method, target, arguments, expires));
    }
    return result;
  }
}
