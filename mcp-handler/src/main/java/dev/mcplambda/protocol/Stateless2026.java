package dev.mcplambda.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.invoke.InvocationOutcome;
import dev.mcplambda.json.Json;
import dev.mcplambda.jsonrpc.ErrorCodes;
import dev.mcplambda.jsonrpc.JsonRpcError;
import dev.mcplambda.jsonrpc.JsonRpcMessage;
import dev.mcplambda.jsonrpc.JsonRpcNotification;
import dev.mcplambda.jsonrpc.JsonRpcRequest;
import dev.mcplambda.jsonrpc.JsonRpcResponse;
import dev.mcplambda.session.LogLevel;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The stateless 2026-07-28 revision: every request carries its own {@code _meta} envelope (version,
 * client capabilities, optional log level) and, over Streamable HTTP, standard headers that must
 * agree with the body; results say their {@code resultType}, carry caching hints and the server's
 * {@code Implementation}; a function's {@code input_required} goes back to the client as an {@code
 * InputRequiredResult} and the client retries (MRTR, {@link MultiRoundTrip}). No sessions: no
 * {@code initialize}, {@code ping}, {@code logging/setLevel} or resource subscriptions ({@code
 * subscriptions/listen} is the transport's).
 *
 * <p>The one reader of the envelope: the stateless transport calls {@link #read(JsonRpcRequest,
 * Map, Function)} with the request's headers before anything else and builds the request's {@link
 * CallContext} from the {@link Envelope} ({@link CallContext#stateless}); the dispatcher trusts
 * that context and reads {@code _meta} itself (without headers) only for a caller that did not
 * (tests, benchmarks).
 */
public final class Stateless2026 implements EraPolicy {

  static final String META_PROTOCOL_VERSION = "io.modelcontextprotocol/protocolVersion";
  static final String META_CLIENT_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";
  static final String META_CLIENT_INFO = "io.modelcontextprotocol/clientInfo";
  static final String META_LOG_LEVEL = "io.modelcontextprotocol/logLevel";
  static final String META_SERVER_INFO = "io.modelcontextprotocol/serverInfo";

  private static final Set<String> SESSION_METHODS =
      Set.of(
          "initialize", "ping", "logging/setLevel", "resources/subscribe", "resources/unsubscribe");

  /** The methods whose {@code Mcp-Name} header mirrors a body field, and that field. */
  private static final Map<String, String> NAMED_BY =
      Map.of(
          "tools/call", "name",
          "prompts/get", "name",
          "resources/read", "uri",
          // the tasks extension's methods carry Mcp-Name: <taskId> (SEP-2663)
          "tasks/get", "taskId",
          "tasks/update", "taskId",
          "tasks/cancel", "taskId");

  /** What reading a request's envelope gives: the {@link Envelope} or a {@link Refused}. */
  public sealed interface Reading permits Envelope, Refused {}

  /**
   * A request's envelope as read and checked.
   *
   * @param protocolVersion the per-request protocol version (one of {@link
   *     ProtocolVersions#STATELESS})
   * @param clientCapabilities the client's capabilities (an object)
   * @param clientInfo the client's {@code Implementation} as sent, or {@code null}
   * @param logLevel the minimum level of log notifications the client asked for, or {@code null}
   */
  public record Envelope(
      String protocolVersion, JsonNode clientCapabilities, JsonNode clientInfo, String logLevel)
      implements Reading {}

  /**
   * The request is refused with {@code error} (HTTP 400 on the stateless transport).
   *
   * @param detail the log line's reason: {@code header_mismatch}, {@code invalid_meta} or {@code
   *     unsupported_version}
   */
  public record Refused(JsonRpcError error, String detail) implements Reading {}

  private final MultiRoundTrip multiRoundTrip;
  private final ServerInfo serverInfo;

  Stateless2026(MultiRoundTrip multiRoundTrip, ServerInfo serverInfo) {
    this.multiRoundTrip = multiRoundTrip;
    this.serverInfo = serverInfo;
  }

  /**
   * Whether a message opts into 2026-07-28 semantics: its {@code params._meta} carries a
   * per-request protocol field. (Classification by the envelope, never by a version string.)
   */
  public static boolean carriesEnvelope(JsonRpcMessage message) {
    JsonNode params =
        switch (message) {
          case JsonRpcRequest r -> r.params();
          case JsonRpcNotification n -> n.params();
          case JsonRpcResponse r -> null;
        };
    if (params == null || !(params.get("_meta") instanceof ObjectNode meta)) {
      return false;
    }
    return meta.has(META_PROTOCOL_VERSION)
        || meta.has(META_CLIENT_CAPABILITIES)
        || meta.has(META_CLIENT_INFO);
  }

  /**
   * Reads and checks a request's envelope, in the order a client can fix it (Streamable HTTP
   * "Server Validation"): {@code MCP-Protocol-Version} header present; {@code _meta} well-formed;
   * the version header equal to the body's; {@code Mcp-Method} equal to {@code method}; {@code
   * Mcp-Name} (after decoding the Base64 sentinel form) equal to {@code params.name} / {@code uri}
   * / {@code taskId}; {@code Mcp-Param-*} headers equal to the arguments a tool's {@code
   * x-mcp-header} annotations name; the version supported; the log level valid. Header problems are
   * -32020, a malformed {@code _meta} -32602, an unsupported version -32022.
   *
   * @param headers the HTTP request's header values by lower-cased name
   * @param toolSchemas a tool's {@code inputSchema} by name, for the {@code Mcp-Param-*} checks
   */
  public static Reading read(
      JsonRpcRequest request,
      Map<String, String> headers,
      Function<String, Optional<JsonNode>> toolSchemas) {
    return readChecked(
        request, Objects.requireNonNull(headers), Objects.requireNonNull(toolSchemas));
  }

  /** {@link #read(JsonRpcRequest, Map, Function)} of a request that came without headers. */
  static Reading readWithoutHeaders(JsonRpcRequest request) {
    return readChecked(request, null, null);
  }

  private static Reading readChecked(
      JsonRpcRequest request,
      Map<String, String> headers,
      Function<String, Optional<JsonNode>> toolSchemas) {
    String versionHeader = headers == null ? null : stripped(headers.get("mcp-protocol-version"));
    if (headers != null && (versionHeader == null || versionHeader.isEmpty())) {
      return mismatch("Header mismatch: MCP-Protocol-Version header is required");
    }
    JsonNode params = request.params();
    JsonNode meta = params == null ? null : params.get("_meta");
    if (meta == null || !meta.isObject()) {
      return invalidMeta(
          "Missing _meta: "
              + META_PROTOCOL_VERSION
              + " and "
              + META_CLIENT_CAPABILITIES
              + " are required");
    }
    JsonNode version = meta.get(META_PROTOCOL_VERSION);
    if (version == null || !version.isTextual() || version.asText().isEmpty()) {
      return invalidMeta("Missing _meta " + META_PROTOCOL_VERSION);
    }
    JsonNode caps = meta.get(META_CLIENT_CAPABILITIES);
    if (caps == null || !caps.isObject()) {
      return invalidMeta("Missing _meta " + META_CLIENT_CAPABILITIES);
    }
    if (headers != null) {
      String problem =
          headerProblem(request, version.asText(), versionHeader, headers, toolSchemas);
      if (problem != null) {
        return mismatch(problem);
      }
    }
    if (!ProtocolVersions.STATELESS.contains(version.asText())) {
      ObjectNode data = Json.object();
      ArrayNode supported = data.putArray("supported");
      ProtocolVersions.ALL.forEach(supported::add);
      data.put("requested", ProtocolDispatcher.clip(version.asText(), 100));
      return new Refused(
          new JsonRpcError(
              ErrorCodes.UNSUPPORTED_PROTOCOL_VERSION, "Unsupported protocol version", data),
          "unsupported_version");
    }
    JsonNode level = meta.get(META_LOG_LEVEL);
    if (level != null && !(level.isTextual() && LogLevel.isWireName(level.asText()))) {
      return invalidMeta("Invalid _meta " + META_LOG_LEVEL);
    }
    return new Envelope(
        version.asText(), caps, meta.get(META_CLIENT_INFO), level == null ? null : level.asText());
  }

  /** The standard headers against the body: the mismatch message, or {@code null}. */
  private static String headerProblem(
      JsonRpcRequest request,
      String version,
      String versionHeader,
      Map<String, String> headers,
      Function<String, Optional<JsonNode>> toolSchemas) {
    if (!versionHeader.equals(version)) {
      return "Header mismatch: MCP-Protocol-Version header does not match _meta "
          + META_PROTOCOL_VERSION;
    }
    String methodHeader = stripped(headers.get("mcp-method"));
    if (methodHeader == null || methodHeader.isEmpty()) {
      return "Header mismatch: Mcp-Method header is required";
    }
    if (!methodHeader.equals(request.method())) {
      return "Header mismatch: Mcp-Method header does not match the body's method";
    }
    JsonNode params = request.params();
    String field = NAMED_BY.get(request.method());
    if (field != null) {
      JsonNode bodyValue = params.get(field);
      String nameHeader = headers.get("mcp-name");
      if (bodyValue != null && bodyValue.isTextual()) {
        if (nameHeader == null) {
          return "Header mismatch: Mcp-Name header is required for " + request.method();
        }
        String decoded = HeaderValueCodec.decode(nameHeader.strip()).orElse(null);
        if (decoded == null) {
          return "Header mismatch: Mcp-Name header value is malformed";
        }
        if (!decoded.equals(bodyValue.asText())) {
          return "Header mismatch: Mcp-Name header does not match the body's params." + field;
        }
      } else if (nameHeader != null) {
        return "Header mismatch: Mcp-Name header given but params." + field + " is not";
      }
    }
    if ("tools/call".equals(request.method()) && params.path("name").isTextual()) {
      JsonNode schema = toolSchemas.apply(params.get("name").asText()).orElse(null);
      if (schema != null) {
        return ParamHeaderValidator.validate(schema, params.get("arguments"), headers);
      }
    }
    return null;
  }

  @Override
  public boolean offers(String method) {
    return !SESSION_METHODS.contains(method);
  }

  /**
   * The transport's reading ({@link CallContext#stateless}) as it is; for a caller that did not
   * read the envelope (no protocol version in the context), {@code _meta} read here, without
   * headers.
   */
  @Override
  public void readEnvelope(Exchange x) {
    if (x.version != null) {
      return;
    }
    switch (readWithoutHeaders(x.request)) {
      case Refused refused ->
          throw new ProtocolException(
              refused.error().code(),
              refused.error().message(),
              refused.error().data(),
              refused.detail());
      case Envelope envelope -> {
        x.version = envelope.protocolVersion();
        x.clientCapabilities = envelope.clientCapabilities();
        x.logLevel = envelope.logLevel();
      }
    }
  }

  private static String stripped(String value) {
    return value == null ? null : value.strip();
  }

  private static Refused mismatch(String message) {
    return new Refused(new JsonRpcError(ErrorCodes.HEADER_MISMATCH, message), "header_mismatch");
  }

  /** A malformed {@code _meta} envelope: -32602, log reason {@code invalid_meta}. */
  private static Refused invalidMeta(String message) {
    return new Refused(new JsonRpcError(ErrorCodes.INVALID_PARAMS, message), "invalid_meta");
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
}
