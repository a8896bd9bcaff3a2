package dev.mcplambda.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.json.Json;
import dev.mcplambda.jsonrpc.ErrorCodes;
import dev.mcplambda.jsonrpc.JsonRpcNotification;
import dev.mcplambda.jsonrpc.JsonRpcRequest;
import dev.mcplambda.registry.PrincipalPattern;
import dev.mcplambda.registry.RegistryEntry;
import dev.mcplambda.session.LogLevel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request on its way through the dispatcher: what the client sent, the era's reading of it
 * (version, capabilities, log level), the catalog snapshot it is served from, and the facts its log
 * line reports besides the {@link Outcome} (the method as served, the target, the time spent in the
 * function).
 */
final class Exchange {

  private static final Logger LOG = LoggerFactory.getLogger(Exchange.class);

  final JsonRpcRequest request;
  final CallContext context;
  final EraPolicy era;
  final ObjectNode params;
  final OutboundChannel channel;
  private final CatalogCache catalogCache;
  private final int maxErrorChars;
  private Catalog catalog;

  /** The method as served ({@code tools/call} for the seed's shorthand). */
  String method;

  /** The tool or prompt name or the resource uri, for the log line; {@code null} if none. */
  String target;

  /** Time spent invoking functions, or {@code null} if none was invoked. */
  Long lambdaMillis;

  /** The protocol version: the session's, or the 2026-07-28 {@code _meta}'s. */
  String version;

  JsonNode clientCapabilities;

  /** The minimum level of {@code notifications/message} the client asked for, or {@code null}. */
  String logLevel;

  /** 2026-07-28 caching hints for a complete result ({@code ttlMs}, {@code cacheScope}). */
  boolean cacheable;

  String cacheScope;
  long ttlMs;

  Exchange(
      JsonRpcRequest request,
      CallContext context,
      OutboundChannel channel,
      EraPolicy era,
      CatalogCache catalogCache,
      int maxErrorChars) {
    this.request = request;
    this.context = context;
    this.era = era;
    this.catalogCache = catalogCache;
    this.maxErrorChars = maxErrorChars;
    this.channel = channel == null ? OutboundChannel.DISCARD : channel;
    this.logLevel =
        context.logLevel() != null
            ? context.logLevel()
            : context.session() != null ? context.session().logLevel() : null;
    this.params =
        request.params() instanceof ObjectNode o ? o : Json.object(); // parser: object or null
    this.method = request.method();
    this.version = context.protocolVersion();
    this.clientCapabilities = context.clientCapabilities();
  }

  String principal() {
    return context.principal();
  }

  /** The catalog this request is served from (one snapshot per request). */
  Catalog catalog() {
    if (catalog == null) {
      catalog = catalogCache.current();
    }
    return catalog;
  }

  /** {@code entry} if the caller may see and use it. */
  Optional<RegistryEntry> visible(Optional<RegistryEntry> entry) {
    return entry.filter(e -> PrincipalPattern.allows(e.allowedPrincipals(), principal()));
  }

  void cacheable(String scope, long ttlMs) {
    this.cacheable = true;
    this.cacheScope = scope;
    this.ttlMs = ttlMs;
  }

  /** A string parameter; -32602 when it is missing or not a string. */
  String requiredString(String field) {
    return requiredString(params, field);
  }

  /**
   * Sends a {@code notifications/message} on the request's channel if the client asked for this
   * level ({@code logging/setLevel} on 2025 sessions, {@code _meta} logLevel on 2026-07-28);
   * nothing when it did not.
   */
  void log(String level, String message) {
    if (!LogLevel.passes(level, logLevel)) {
      return;
    }
    ObjectNode params = Json.object();
    params.put("level", level);
    params.put("logger", "mcp-lambda");
    params.put("data", message);
    try {
      channel.send(new JsonRpcNotification("notifications/message", params));
    } catch (IOException | RuntimeException e) {
      LOG.debug("log notification not delivered: {}", e.getClass().getSimpleName());
    }
  }

  /**
   * A tool execution error: an {@code isError} result with {@code message}, logged to the client.
   */
  Outcome.ToolError toolError(String detail, String message) {
    String clipped = ProtocolDispatcher.clip(message, maxErrorChars);
    log("error", clipped);
    ObjectNode result = Json.object();
    result.putArray("content").addObject().put("type", "text").put("text", clipped);
    result.put("isError", true);
    return new Outcome.ToolError(result, detail);
  }

  /** A -32603 error with {@code message} (logged to the client); detail {@code detail}. */
  ProtocolException internal(String detail, String message) {
    String clipped = ProtocolDispatcher.clip(message, maxErrorChars);
    log("error", clipped);
    return new ProtocolException(
        ErrorCodes.INTERNAL_ERROR, clipped, null, detail == null ? "malformed_output" : detail);
  }

  static String requiredString(ObjectNode params, String field) {
    JsonNode value = params.get(field);
    if (value == null || !value.isTextual()) {
      throw invalidParams(field + " must be a string");
    }
    return value.asText();
  }

  static ProtocolException invalidParams(String message) {
    return new ProtocolException(ErrorCodes.INVALID_PARAMS, message, null, "invalid_params");
  }

  /** Validator messages joined; the root location ({@code ""}) reads as {@code /}. */
  static String describe(List<String> problems) {
    List<String> out = new ArrayList<>(problems.size());
    for (String p : problems) {
      out.add(p.startsWith(": ") ? "/" + p : p);
    }
    return String.join("; ", out);
  }
}
