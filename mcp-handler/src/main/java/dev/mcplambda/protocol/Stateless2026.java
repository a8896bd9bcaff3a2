package dev.mcplambda.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.invoke.InvocationOutcome;
import dev.mcplambda.json.Json;
import dev.mcplambda.jsonrpc.ErrorCodes;
import dev.mcplambda.session.LogLevel;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The stateless 2026-07-28 revision: every request carries its own {@code _meta} envelope (version,
 * client capabilities, optional log level); results say their {@code resultType}, carry caching
 * hints and the server's {@code Implementation}; a function's {@code input_required} goes back to
 * the client as an {@code InputRequiredResult} and the client retries (MRTR, {@link
 * MultiRoundTrip}). No sessions: no {@code initialize}, {@code ping}, {@code logging/setLevel} or
 * resource subscriptions ({@code subscriptions/listen} is the transport's).
 */
final class Stateless2026 implements EraPolicy {

  static final String META_PROTOCOL_VERSION = "io.modelcontextprotocol/protocolVersion";
  static final String META_CLIENT_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";
  static final String META_LOG_LEVEL = "io.modelcontextprotocol/logLevel";
  static final String META_SERVER_INFO = "io.modelcontextprotocol/serverInfo";

  /** The summary detail of a malformed {@code _meta} envelope. */
  static final String INVALID_META = "invalid_meta";

  private static final Set<String> SESSION_METHODS =
      Set.of(
          "initialize", "ping", "logging/setLevel", "resources/subscribe", "resources/unsubscribe");

  private final MultiRoundTrip multiRoundTrip;
  private final ServerInfo serverInfo;

  Stateless2026(MultiRoundTrip multiRoundTrip, ServerInfo serverInfo) {
    this.multiRoundTrip = multiRoundTrip;
    this.serverInfo = serverInfo;
  }

  @Override
  public boolean offers(String method) {
    return !SESSION_METHODS.contains(method);
  }

  /** Required fields, version, log level. */
  @Override
  public void readEnvelope(Exchange x) {
    JsonNode meta = x.params.get("_meta");
    if (meta == null || !meta.isObject()) {
      throw invalidMeta(
          "Missing _meta: "
              + META_PROTOCOL_VERSION
              + " and "
              + META_CLIENT_CAPABILITIES
              + " are required");
    }
    JsonNode version = meta.get(META_PROTOCOL_VERSION);
    if (version == null || !version.isTextual() || version.asText().isEmpty()) {
      throw invalidMeta("Missing _meta " + META_PROTOCOL_VERSION);
    }
    JsonNode caps = meta.get(META_CLIENT_CAPABILITIES);
    if (caps == null || !caps.isObject()) {
      throw invalidMeta("Missing _meta " + META_CLIENT_CAPABILITIES);
    }
    if (!ProtocolVersions.STATELESS.contains(version.asText())) {
      ObjectNode data = Json.object();
      ArrayNode supported = data.putArray("supported");
      ProtocolVersions.ALL.forEach(supported::add);
      data.put("requested", ProtocolDispatcher.clip(version.asText(), 100));
      throw new ProtocolException(
          ErrorCodes.UNSUPPORTED_PROTOCOL_VERSION,
          "Unsupported protocol version",
          data,
          "unsupported_version");
    }
    JsonNode level = meta.get(META_LOG_LEVEL);
    if (level != null && !(level.isTextual() && LogLevel.isWireName(level.asText()))) {
      throw invalidMeta("Invalid _meta " + META_LOG_LEVEL);
    }
    x.version = version.asText();
    x.clientCapabilities = caps;
    x.logLevel = level == null ? null : level.asText();
  }

  /** resultType, caching hints, serverInfo. */
  @Override
  public void finish(Exchange x, ObjectNode result) {
    if (!result.has("resultType")) {
      result.put("resultType", "complete");
    }
    if (x.cacheable && "complete".equals(result.path("resultType").asText())) {
      if (!result.has("ttlMs")) {
        result.put("ttlMs", x.ttlMs);
      }
      if (!result.has("cacheScope")) {
        result.put("cacheScope", x.cacheScope);
      }
    }
    ObjectNode meta = result.get("_meta") instanceof ObjectNode m ? m : result.putObject("_meta");
    meta.set(META_SERVER_INFO, serverInfo.implementation(x.version));
  }

  @Override
  public boolean stateless() {
    return true;
  }

  @Override
  public int resourceNotFoundCode() {
    return ErrorCodes.INVALID_PARAMS;
  }

  @Override
  public MultiRoundTrip.Retry retry(Exchange x, ObjectNode params, String method, String target) {
    return multiRoundTrip.retry(params, x.principal(), method, target);
  }

  @Override
  public InputRequestRelay.Relayed relayInput(
      Exchange x,
      InvocationOutcome outcome,
      BiFunction<ObjectNode, String, InvocationOutcome> reinvoke) {
    return new InputRequestRelay.Relayed.Done(outcome);
  }

  @Override
  public boolean returnsInputRequired() {
    return true;
  }

  @Override
  public Outcome.InputRequired inputRequired(
      Exchange x, JsonNode payload, String method, String target) throws MalformedResultException {
    return new Outcome.InputRequired(
        multiRoundTrip.interim(
            payload,
            x.clientCapabilities,
            x.principal(),
            method,
            target,
            x.params.get("arguments")));
  }

  /** A malformed {@code _meta} envelope: -32602, summary detail {@code invalid_meta}. */
  private static ProtocolException invalidMeta(String message) {
    return new ProtocolException(ErrorCodes.INVALID_PARAMS, message, null, INVALID_META);
  }
}
