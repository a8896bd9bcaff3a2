package dev.mcplambda.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.config.Environment;
import dev.mcplambda.invoke.FunctionEvents;
import dev.mcplambda.invoke.FunctionInvoker;
import dev.mcplambda.invoke.InvocationOutcome;
import dev.mcplambda.invoke.LambdaFunctionInvoker;
import dev.mcplambda.invoke.ToolEventListener;
import dev.mcplambda.json.Json;
import dev.mcplambda.jsonrpc.ErrorCodes;
import dev.mcplambda.jsonrpc.JsonRpcError;
import dev.mcplambda.jsonrpc.JsonRpcNotification;
import dev.mcplambda.jsonrpc.JsonRpcRequest;
import dev.mcplambda.jsonrpc.JsonRpcResponse;
import dev.mcplambda.registry.PromptArgument;
import dev.mcplambda.registry.RegistryEntry;
import dev.mcplambda.registry.RegistryException;
import dev.mcplambda.registry.RegistryStore;
import dev.mcplambda.runtime.InvocationContext;
import dev.mcplambda.schema.SchemaValidator;
import dev.mcplambda.session.SessionRecord;
import dev.mcplambda.session.SessionStore;
import dev.mcplambda.session.SessionUpdate;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol core: every server method of the 2025 revisions (2025-11-25, 2025-06-18, 2025-03-26
 * and 2024-11-05 over legacy SSE) and of the stateless 2026-07-28 revision, on one cached catalog
 * and one {@link FunctionInvoker}.
 *
 * <p>Decisions (see the spec pages each one cites):
 *
 * <ul>
 *   <li>Unknown tool / prompt, bad params, bad cursor: -32602. Unknown resource: -32002 (2025),
 *       -32602 (2026-07-28), both with {@code data.uri}.
 *   <li>Tool arguments that fail the {@code inputSchema}: a tool execution error ({@code isError:
 *       true}), as 2025-11-25 "Error Handling" lists input validation errors among them (applied to
 *       every revision). A failing, timed-out, throttled or unreachable function, malformed
 *       function output or {@code structuredContent} that fails the {@code outputSchema}: {@code
 *       isError: true} with a clear message (no stack traces, capped length).
 *   <li>{@code resources/read} and {@code prompts/get}: a failing function is a JSON-RPC -32603
 *       error (these methods have no {@code isError} result; the resources page lists internal
 *       errors as -32603).
 *   <li>Plain JSON from a tool is wrapped as text content; it is also {@code structuredContent}
 *       when it is an object (2025-06-18, 2025-11-25) or any JSON value (2026-07-28); 2025-03-26
 *       and 2024-11-05 have no {@code structuredContent}.
 *   <li>2026-07-28 MRTR: a function's {@code requestState} is sealed by {@link RequestStateSealer}
 *       (principal, method, target, expiry); on retry it is verified and handed back unwrapped in
 *       {@code extra.requestState} with {@code extra.inputResponses}. A forged, expired or foreign
 *       state is -32602. {@code inputRequests} the client has no capability for are refused with
 *       -32021 and {@code data.requiredCapabilities}.
 *   <li>A {@code _meta} envelope with a version other than 2026-07-28 is -32022 listing every
 *       supported version (the 2025 ones are reached through {@code initialize}).
 *   <li>{@code cacheScope} is {@code private} for lists when any entry has {@code
 *       allowedPrincipals} (lists then vary per caller) and always for {@code resources/read}
 *       unless the function says otherwise; {@code public} otherwise.
 *   <li>{@code notifications/cancelled}: the request is marked cancelled; its summary's outcome
 *       becomes {@code cancelled} and the transport does not send its response.
 *   <li>A function gets at most what is left of the handler's own deadline ({@link
 *       CallContext#invocation()}) minus a margin, so a slow function ends as an {@code isError}
 *       timeout rather than a cut-off response.
 *   <li>{@code notifications/message} is sent (through the request's {@link OutboundChannel}) for
 *       failures, and only at or above the level the client asked for.
 *   <li>Streaming tools ({@code invokeMode: "stream"}) are invoked with {@link
 *       FunctionInvoker#invokeStreaming}; their progress and log events are forwarded as they
 *       arrive by {@link ToolNotifications}, then the result is handled like a buffered one.
 * </ul>
 *
 * <p>Creating/updating the session for {@code initialize} is the transport's job (it reads the
 * negotiated {@code protocolVersion} from the result); {@code logging/setLevel} updates the session
 * through {@link SessionStore#update}.
 */
public final class ProtocolDispatcher implements McpDispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(ProtocolDispatcher.class);

  static final String META_PROTOCOL_VERSION = "io.modelcontextprotocol/protocolVersion";
  static final String META_CLIENT_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";
  static final String META_CLIENT_INFO = "io.modelcontextprotocol/clientInfo";
  static final String META_LOG_LEVEL = "io.modelcontextprotocol/logLevel";
  static final String META_SERVER_INFO = "io.modelcontextprotocol/serverInfo";

  static final Set<String> LOG_LEVELS =
      Set.of("debug", "info", "notice", "warning", "error", "critical", "alert", "emergency");

  private static final int MAX_COMPLETIONS = 100;

  private final CatalogCache catalog;
  private final FunctionInvoker invoker;
  private final SessionStore sessions;
  private final SchemaValidator validator;
  private final ServerInfo serverInfo;
  private final DispatcherConfig config;
  private final MultiRoundTrip multiRoundTrip;
  private final InputRequestRelay inputRelay;
  private final Map<String, AtomicBoolean> inFlight = new ConcurrentHashMap<>();
  private final TaskMethods tasks;

  public ProtocolDispatcher(
      CatalogCache catalog,
      FunctionInvoker invoker,
      SessionStore sessions,
      SchemaValidator validator,
      ServerInfo serverInfo,
      DispatcherConfig config) {
    this(catalog, invoker, sessions, validator, serverInfo, config, null);
  }

  /**
   * @param tasks the MCP tasks extension (docs/tasks.md), or {@code null} to leave it off (task
   *     tools are then called synchronously)
   */
  public ProtocolDispatcher(
      CatalogCache catalog,
      FunctionInvoker invoker,
      SessionStore sessions,
      SchemaValidator validator,
      ServerInfo serverInfo,
      DispatcherConfig config,
      TaskMethods tasks) {
    this.tasks = tasks;
    this.catalog = catalog;
    this.invoker = invoker;
    this.sessions = sessions;
    this.validator = validator;
    this.serverInfo = serverInfo;
    this.config = config;
    this.multiRoundTrip = new MultiRoundTrip(new RequestStateSealer(config.stateKeys()), config);
    this.inputRelay = new InputRequestRelay(sessions, config);
  }

  /**
   * The composition root's dispatcher: a {@link LambdaFunctionInvoker} from the environment, a
   * fresh {@link SchemaValidator}, {@link ServerInfo#DEFAULT} and {@link
   * DispatcherConfig#fromEnvironment}.
   */
  public static ProtocolDispatcher fromEnvironment(
      Environment env, RegistryStore registry, SessionStore sessions) {
    return new ProtocolDispatcher(
        new CatalogCache(registry),
        LambdaFunctionInvoker.fromEnvironment(env),
        sessions,
        new SchemaValidator(),
        ServerInfo.DEFAULT,
        DispatcherConfig.fromEnvironment(env));
  }

  // ---------------------------------------------------------------------------------------------
  // McpDispatcher

  @Override
  public JsonRpcResponse handle(
      JsonRpcRequest request, CallContext context, OutboundChannel channel) {
    return dispatch(request, context, channel).response();
  }

  @Override
  public Dispatched dispatch(JsonRpcRequest request, CallContext context, OutboundChannel channel) {
    Exchange x = new Exchange(request, context, channel);
    String flightKey = flightKey(context, request.id());
    AtomicBoolean cancelled = new AtomicBoolean();
    if (flightKey != null) {
      inFlight.put(flightKey, cancelled);
    }
    JsonRpcResponse response;
    try {
      ObjectNode result = route(x);
      response = JsonRpcResponse.success(request.id(), result);
      if (x.outcome == null) {
        x.outcome = "ok";
      }
    } catch (ProtocolException e) {
      response = JsonRpcResponse.failure(request.id(), e.error());
      x.outcome = "error";
      x.errorCode = e.error().code();
      if (e.detail() != null) {
        x.detail = e.detail();
      }
    } catch (RegistryException e) {
      LOG.warn(
          "registry unavailable serving {}: {}", printable(x.method), e.getClass().getSimpleName());
      response =
          JsonRpcResponse.failure(
              request.id(),
              new JsonRpcError(
                  ErrorCodes.INTERNAL_ERROR, "The registry is unavailable; retry later"));
      x.outcome = "error";
      x.errorCode = ErrorCodes.INTERNAL_ERROR;
      x.detail = "registry_unavailable";
    } catch (RuntimeException e) {
      LOG.error("internal error serving {}", printable(x.method), e);
      response =
          JsonRpcResponse.failure(
              request.id(), new JsonRpcError(ErrorCodes.INTERNAL_ERROR, "Internal error"));
      x.outcome = "error";
      x.errorCode = ErrorCodes.INTERNAL_ERROR;
      x.detail = "internal";
    } finally {
      if (flightKey != null) {
        inFlight.remove(flightKey, cancelled);
      }
    }
    if (cancelled.get()) {
      x.outcome = "cancelled";
    }
    return new Dispatched(
        response,
        new RequestSummary(x.method, x.target, x.lambdaMillis, x.outcome, x.errorCode, x.detail));
  }

  @Override
  public TaskStatusFeed taskStatus() {
    return tasks == null ? TaskStatusFeed.NONE : tasks;
  }

  @Override
  public void accept(JsonRpcNotification notification, CallContext context) {
    try {
      if ("notifications/cancelled".equals(notification.method())
          && notification.params() != null) {
        JsonNode id = notification.params().get("requestId");
        String key = id == null ? null : flightKey(context, id);
        AtomicBoolean flag = key == null ? null : inFlight.get(key);
        if (flag != null) {
          flag.set(true);
        }
      }
      // notifications/initialized, roots/list_changed and others need no action here
    } catch (RuntimeException e) {
      LOG.warn("ignored malformed notification {}", printable(notification.method()));
    }
  }

  @Override
  public void accept(JsonRpcResponse response, CallContext context) {
    // answers to the server-to-client requests of InputRequestRelay (2025 sessions)
    inputRelay.accept(response, context);
  }

  private static String flightKey(CallContext context, JsonNode id) {
    if (id == null || id.isNull()) {
      return null;
    }
    String scope =
        context.session() != null
            ? "s:" + context.session().sessionId()
            : "p:" + (context.principal() == null ? "" : context.principal());
    return scope + "#" + id;
  }

  // ---------------------------------------------------------------------------------------------
  // Routing

  /** Per-request state. */
  private static final class Exchange {
    final JsonRpcRequest request;
    final CallContext context;
    final boolean stateless;
    final ObjectNode params;
    String method;
    String target;
    Long lambdaMillis;
    String outcome;
    Integer errorCode;
    String detail;
    String version;
    JsonNode clientCapabilities;
    boolean cacheable;
    String cacheScope;
    long ttlMs;
    private Catalog catalog;

    final OutboundChannel channel;
    String logLevel;

    Exchange(JsonRpcRequest request, CallContext context, OutboundChannel channel) {
      this.request = request;
      this.context = context;
      this.channel = channel == null ? OutboundChannel.DISCARD : channel;
      this.logLevel =
          context.logLevel() != null
              ? context.logLevel()
              : context.session() != null ? context.session().logLevel() : null;
      this.stateless = context.era() == Era.STATELESS;
      this.params =
          request.params() instanceof ObjectNode o ? o : Json.object(); // parser: object or null
      this.method = request.method();
      this.version = context.protocolVersion();
      this.clientCapabilities = context.clientCapabilities();
    }

    String principal() {
      return context.principal();
    }
  }

  private Catalog catalog(Exchange x) {
    if (x.catalog == null) {
      x.catalog = catalog.current();
    }
    return x.catalog;
  }

  private ObjectNode route(Exchange x) {
    if (x.stateless) {
      readMeta(x);
    }
    ObjectNode result =
        switch (x.method) {
          case "tools/list" -> toolsList(x);
          case "tools/call" -> toolsCall(x, requiredString(x.params, "name"), x.params);
          case "resources/list" -> resourcesList(x);
          case "resources/templates/list" -> templatesList(x);
          case "resources/read" -> resourcesRead(x);
          case "prompts/list" -> promptsList(x);
          case "prompts/get" -> promptsGet(x);
          case "completion/complete" -> complete(x);
          case "resources/subscribe" -> x.stateless ? methodNotFound(x) : subscribe(x, true);
          case "resources/unsubscribe" -> x.stateless ? methodNotFound(x) : subscribe(x, false);
          case "initialize" -> x.stateless ? methodNotFound(x) : initialize(x);
          case "ping" -> x.stateless ? methodNotFound(x) : Json.object();
          case "logging/setLevel" -> x.stateless ? methodNotFound(x) : setLevel(x);
          case "server/discover" -> x.stateless ? discover(x) : methodNotFound(x);
          case "tasks/get", "tasks/update", "tasks/cancel" ->
              tasks == null || !x.stateless
                  ? methodNotFound(x)
                  : tasks.handle(x.method, x.params, x.principal(), x.clientCapabilities);
          default -> shorthand(x);
        };
    return x.stateless ? decorate(x, result) : result;
  }

  /** The seed's shorthand: {@code method} names a tool the caller may use. */
  private ObjectNode shorthand(Exchange x) {
    String name = x.method;
    if (name.contains("/") || visible(catalog(x).tool(name), x.principal()).isEmpty()) {
      return methodNotFound(x);
    }
    x.method = "tools/call";
    ObjectNode args = x.params.deepCopy();
    args.remove("_meta");
    ObjectNode params = Json.object();
    params.set("arguments", args);
    return toolsCall(x, name, params);
  }

  private static ObjectNode methodNotFound(Exchange x) {
    throw new ProtocolException(
        ErrorCodes.METHOD_NOT_FOUND, "Method not found: " + clip(x.method, 100), null, null);
  }

  /** 2026-07-28 per-request {@code _meta}: required fields, version, log level. */
  private void readMeta(Exchange x) {
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
      data.put("requested", clip(version.asText(), 100));
      throw new ProtocolException(
          ErrorCodes.UNSUPPORTED_PROTOCOL_VERSION,
          "Unsupported protocol version",
          data,
          "unsupported_version");
    }
    JsonNode level = meta.get(META_LOG_LEVEL);
    if (level != null && !(level.isTextual() && LOG_LEVELS.contains(level.asText()))) {
      throw invalidMeta("Invalid _meta " + META_LOG_LEVEL);
    }
    x.version = version.asText();
    x.clientCapabilities = caps;
    x.logLevel = level == null ? null : level.asText();
  }

  /** 2026-07-28 result fields: resultType, caching hints, serverInfo. */
  private ObjectNode decorate(Exchange x, ObjectNode result) {
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
    meta.set(META_SERVER_INFO, implementation(x.version));
    return result;
  }

  private void cacheable(Exchange x, String scope, long ttlMs) {
    x.cacheable = true;
    x.cacheScope = scope;
    x.ttlMs = ttlMs;
  }

  private String listScope(Exchange x) {
    return catalog(x).hasRestrictedEntries() ? "private" : "public";
  }

  // ---------------------------------------------------------------------------------------------
  // Lifecycle

  private ObjectNode initialize(Exchange x) {
    JsonNode requested = x.params.get("protocolVersion");
    if (requested == null || !requested.isTextual()) {
      throw invalidParams("initialize requires a string protocolVersion");
    }
    JsonNode caps = x.params.get("capabilities");
    if (caps != null && !caps.isObject()) {
      throw invalidParams("capabilities must be an object");
    }
    String negotiated = ProtocolVersions.negotiate(requested.asText());
    ObjectNode result = Json.object();
    result.put("protocolVersion", negotiated);
    result.set("capabilities", capabilities(negotiated));
    result.set("serverInfo", implementation(negotiated));
    if (serverInfo.instructions() != null) {
      result.put("instructions", serverInfo.instructions());
    }
    return result;
  }

  private ObjectNode discover(Exchange x) {
    ObjectNode result = Json.object();
    ArrayNode versions = result.putArray("supportedVersions");
    ProtocolVersions.ALL.forEach(versions::add);
    ObjectNode caps = capabilities(x.version);
    if (tasks != null) {
      TaskMethods.advertise(caps);
    }
    result.set("capabilities", caps);
    if (serverInfo.instructions() != null) {
      result.put("instructions", serverInfo.instructions());
    }
    cacheable(x, "public", config.listTtlMs());
    return result;
  }

  /**
   * Capabilities: list-changed notifications (long-lived streams watch the registry's catalog
   * version, see {@code transport.CatalogChangeFeed}) and resource subscriptions ({@code
   * resources/subscribe} in 2025 sessions, {@code resourceSubscriptions} of {@code
   * subscriptions/listen} in 2026-07-28).
   */
  private static ObjectNode capabilities(String version) {
    ObjectNode caps = Json.object();
    caps.putObject("tools").put("listChanged", true);
    ObjectNode resources = caps.putObject("resources");
    resources.put("subscribe", true);
    resources.put("listChanged", true);
    caps.putObject("prompts").put("listChanged", true);
    caps.putObject("logging");
    if (ProtocolVersions.atLeast(version, ProtocolVersions.V2025_03_26)) {
      caps.putObject("completions");
    }
    return caps;
  }

  private ObjectNode implementation(String version) {
    ObjectNode info = Json.object();
    info.put("name", serverInfo.name());
    info.put("version", serverInfo.version());
    if (serverInfo.title() != null
        && ProtocolVersions.atLeast(version, ProtocolVersions.V2025_06_18)) {
      info.put("title", serverInfo.title());
    }
    return info;
  }

  private ObjectNode setLevel(Exchange x) {
    JsonNode level = x.params.get("level");
    if (level == null || !level.isTextual() || !LOG_LEVELS.contains(level.asText())) {
      throw invalidParams("level must be one of " + String.join(", ", sortedLevels()));
    }
    SessionRecord s = x.context.session();
    if (s != null) {
      sessions.update(s.sessionId(), SessionUpdate.logLevel(level.asText()));
    }
    return Json.object();
  }

  private static List<String> sortedLevels() {
    return List.of("debug", "info", "notice", "warning", "error", "critical", "alert", "emergency");
  }

  // ---------------------------------------------------------------------------------------------
  // Lists

  private record Page(List<RegistryEntry> items, String nextCursor) {}

  private Page page(Exchange x, String list, List<RegistryEntry> entries) {
    JsonNode cursorNode = x.params.get("cursor");
    if (cursorNode != null && !cursorNode.isNull() && !cursorNode.isTextual()) {
      throw new ProtocolException(ErrorCodes.INVALID_PARAMS, "Invalid cursor", null, "bad_cursor");
    }
    String after =
        ListCursor.decode(
            list, cursorNode == null || cursorNode.isNull() ? null : cursorNode.asText());
    int start = after == null ? 0 : firstAfter(entries, after);
    List<RegistryEntry> items = new ArrayList<>(Math.min(config.pageSize(), entries.size()));
    int i = start;
    for (; i < entries.size() && items.size() < config.pageSize(); i++) {
      RegistryEntry e = entries.get(i);
      if (PrincipalPattern.allows(e.allowedPrincipals(), x.principal())) {
        items.add(e);
      }
    }
    String next = null;
    for (; i < entries.size(); i++) {
      if (PrincipalPattern.allows(entries.get(i).allowedPrincipals(), x.principal())) {
        next = ListCursor.encode(list, Catalog.sortKey(items.get(items.size() - 1)));
        break;
      }
    }
    return new Page(items, next);
  }

  /** Index of the first entry whose sort key is greater than {@code key}. */
  private static int firstAfter(List<RegistryEntry> entries, String key) {
    int lo = 0;
    int hi = entries.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (Catalog.sortKey(entries.get(mid)).compareTo(key) <= 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private ObjectNode list(
      Exchange x,
      String list,
      String field,
      List<RegistryEntry> entries,
      Function<RegistryEntry, ObjectNode> render) {
    Page page = page(x, list, entries);
    ObjectNode result = Json.object();
    ArrayNode array = result.putArray(field);
    page.items().forEach(e -> array.add(render.apply(e)));
    if (page.nextCursor() != null) {
      result.put("nextCursor", page.nextCursor());
    }
    cacheable(x, listScope(x), config.listTtlMs());
    return result;
  }

  private ObjectNode toolsList(Exchange x) {
    return list(x, "tools", "tools", catalog(x).tools(), e -> EntryJson.tool(e, x.version));
  }

  private ObjectNode resourcesList(Exchange x) {
    return list(
        x,
        "resources",
        "resources",
        catalog(x).resources(),
        e -> EntryJson.resource(e, x.version, false));
  }

  private ObjectNode templatesList(Exchange x) {
    return list(
        x,
        "templates",
        "resourceTemplates",
        catalog(x).templates(),
        e -> EntryJson.resource(e, x.version, true));
  }

  private ObjectNode promptsList(Exchange x) {
    return list(x, "prompts", "prompts", catalog(x).prompts(), e -> EntryJson.prompt(e, x.version));
  }

  // ---------------------------------------------------------------------------------------------
  // tools/call

  private ObjectNode toolsCall(Exchange x, String name, ObjectNode params) {
    x.target = clip(name, 200);
    RegistryEntry entry =
        visible(catalog(x).tool(name), x.principal())
            .orElseThrow(
                () ->
                    new ProtocolException(
                        ErrorCodes.INVALID_PARAMS,
                        "Unknown tool: " + clip(name, 200),
                        null,
                        "unknown_tool"));
    JsonNode args = params.get("arguments");
    if (args == null || args.isNull()) {
      args = Json.object();
    } else if (!args.isObject()) {
      throw invalidParams("arguments must be an object");
    }
    MultiRoundTrip.Retry retry = retry(x, params, "tools/call", name);
    if (entry.inputSchema() != null) {
      List<String> problems = validator.validate(entry.inputSchema(), args);
      if (!problems.isEmpty()) {
        x.detail = "invalid_arguments";
        return toolError(x, "Invalid arguments for tool '" + name + "': " + describe(problems));
      }
    }
    ObjectNode extra = extra(x, "tool", name, retry);
    if (tasks != null && x.stateless && entry.runsAsTask()) {
      if (TaskMethods.negotiated(x.clientCapabilities)) {
        x.outcome = "task";
        return tasks.create(entry, FunctionEvents.tool(args, extra), x.principal());
      }
      if (entry.requiresTask()) {
        throw TaskMethods.missingCapability("Tool '" + clip(name, 200) + "'");
      }
    }
    ToolEventListener events =
        entry.streams()
            ? new ToolNotifications(
                x.channel, ToolNotifications.progressToken(params), x.logLevel, x.version)
            : null;
    InvocationOutcome outcome = invoke(x, entry, FunctionEvents.tool(args, extra), events);
    JsonNode toolArgs = args;
    switch (relayInput(
        x, entry, outcome, r -> FunctionEvents.tool(toolArgs, extra(x, "tool", name, r)), events)) {
      case InputRequestRelay.Relayed.Done done -> outcome = done.outcome();
      case InputRequestRelay.Relayed.Failed failed -> {
        x.detail = failed.detail();
        return toolError(x, "Tool '" + name + "' " + failed.message());
      }
    }
    return switch (outcome) {
      case InvocationOutcome.Success s
          when tasks != null && x.stateless && TaskMethods.asksForTask(s.payload()) -> {
        if (!TaskMethods.negotiated(x.clientCapabilities)) {
          throw TaskMethods.missingCapability("Tool '" + clip(name, 200) + "'");
        }
        x.outcome = "task";
        yield tasks.create(entry, FunctionEvents.tool(args, extra), x.principal());
      }
      case InvocationOutcome.Success s -> toolPayload(x, entry, s.payload());
      case InvocationOutcome.FunctionError f -> {
        x.detail = "function_error";
        yield toolError(
            x, "Tool '" + name + "' failed: " + f.errorType() + ": " + f.errorMessage());
      }
      case InvocationOutcome.Timeout t -> {
        x.detail = "timeout";
        yield toolError(x, "Tool '" + name + "' timed out: " + t.detail());
      }
      case InvocationOutcome.Throttled t -> {
        x.detail = "throttled";
        yield toolError(
            x, "Tool '" + name + "' is throttled by AWS Lambda (too many requests); retry later");
      }
      case InvocationOutcome.Unavailable u -> {
        x.detail = "unavailable";
        yield toolError(x, "Tool '" + name + "' could not be invoked: " + u.reason());
      }
      case InvocationOutcome.MalformedOutput m -> {
        x.detail = "malformed_output";
        yield toolError(x, "Tool '" + name + "' returned malformed output: " + m.reason());
      }
    };
  }

  private ObjectNode toolPayload(Exchange x, RegistryEntry entry, JsonNode payload) {
    String name = entry.name();
    boolean v0618 = ProtocolVersions.atLeast(x.version, ProtocolVersions.V2025_06_18);
    ObjectNode result;
    try {
      if (isInputRequired(payload)) {
        if (!x.stateless) {
          x.detail = "input_required_unsupported";
          return toolError(
              x,
              "Tool '"
                  + name
                  + "' needs more input from the client (input_required), which requires protocol"
                  + " version 2026-07-28");
        }
        return inputRequired(x, payload, "tools/call", name);
      }
      result = FunctionResults.callTool(payload, x.stateless, v0618);
    } catch (MalformedResultException m) {
      x.detail = "malformed_output";
      return toolError(x, "Tool '" + name + "' returned malformed output: " + m.getMessage());
    }
    if (entry.outputSchema() != null && v0618 && !result.path("isError").asBoolean(false)) {
      JsonNode structured = result.get("structuredContent");
      if (structured == null) {
        x.detail = "output_schema";
        return toolError(
            x, "Tool '" + name + "' declares an outputSchema but returned no structured content");
      }
      List<String> problems = validator.validate(entry.outputSchema(), structured);
      if (!problems.isEmpty()) {
        x.detail = "output_schema";
        return toolError(
            x,
            "Tool '"
                + name
                + "' returned structured content that does not match its outputSchema: "
                + describe(problems));
      }
    }
    if (result.path("isError").asBoolean(false)) {
      x.outcome = "tool_error";
      if (x.detail == null) {
        x.detail = "tool_reported_error";
      }
    }
    return result;
  }

  private ObjectNode toolError(Exchange x, String message) {
    x.outcome = "tool_error";
    log(x, "error", clip(message, config.maxErrorChars()));
    ObjectNode result = Json.object();
    result
        .putArray("content")
        .addObject()
        .put("type", "text")
        .put("text", clip(message, config.maxErrorChars()));
    result.put("isError", true);
    return result;
  }

  // ---------------------------------------------------------------------------------------------
  // resources/read

  private ObjectNode resourcesRead(Exchange x) {
    String uri = ResourceUriLimit.check("uri", requiredString(x.params, "uri"));
    x.target = clip(uri, 500);
    Catalog cat = catalog(x);
    RegistryEntry entry;
    Map<String, String> variables;
    Optional<RegistryEntry> exact = visible(cat.resource(uri), x.principal());
    if (exact.isPresent()) {
      entry = exact.get();
      variables = Map.of();
    } else {
      Catalog.TemplateMatch match =
          cat.matchTemplate(uri, x.principal()).orElseThrow(() -> resourceNotFound(x, uri));
      entry = match.entry();
      variables = match.variables();
    }
    MultiRoundTrip.Retry retry = retry(x, x.params, "resources/read", uri);
    ObjectNode extra = extra(x, "resource", uri, retry);
    InvocationOutcome outcome =
        invoke(x, entry, FunctionEvents.resourceRead(uri, variables, extra));
    Map<String, String> vars = variables;
    switch (relayInput(
        x,
        entry,
        outcome,
        r -> FunctionEvents.resourceRead(uri, vars, extra(x, "resource", uri, r)),
        null)) {
      case InputRequestRelay.Relayed.Done done -> outcome = done.outcome();
      case InputRequestRelay.Relayed.Failed failed -> {
        x.detail = failed.detail();
        throw internal(x, "Resource '" + clip(uri, 200) + "' " + failed.message());
      }
    }
    JsonNode payload = successOrThrow(x, outcome, "Resource '" + clip(uri, 200) + "'");
    ObjectNode result;
    try {
      if (isInputRequired(payload)) {
        if (!x.stateless) {
          throw internal(x, "Resource '" + clip(uri, 200) + "' needs input_required (2026-07-28)");
        }
        return inputRequired(x, payload, "resources/read", uri);
      }
      result = FunctionResults.readResource(payload, uri, entry.mimeType(), x.stateless);
    } catch (MalformedResultException m) {
      throw internal(
          x, "Resource '" + clip(uri, 200) + "' returned malformed output: " + m.getMessage());
    }
    cacheable(x, "private", retry.isRetry() ? 0 : config.readTtlMs());
    return result;
  }

  private static ProtocolException resourceNotFound(Exchange x, String uri) {
    ObjectNode data = Json.object();
    data.put("uri", clip(uri, 500));
    return new ProtocolException(
        x.stateless ? ErrorCodes.INVALID_PARAMS : ErrorCodes.RESOURCE_NOT_FOUND_2025,
        "Resource not found",
        data,
        "unknown_resource");
  }

  // ---------------------------------------------------------------------------------------------
  // resources/subscribe, resources/unsubscribe (2025 sessions)

  /**
   * Records (or drops) a resource subscription on the session ({@link SessionSubscriptions}); the
   * session's streams then send {@code notifications/resources/updated} when the resource's
   * registry entry (or its template's) changes. Subscribing to a URI that is neither a resource nor
   * matches a template the caller may use is "Resource not found"; unsubscribing is idempotent.
   */
  private ObjectNode subscribe(Exchange x, boolean on) {
    String uri = ResourceUriLimit.check("uri", requiredString(x.params, "uri"));
    x.target = clip(uri, 500);
    if (on) {
      Catalog cat = catalog(x);
      if (visible(cat.resource(uri), x.principal()).isEmpty()
          && cat.matchTemplate(uri, x.principal()).isEmpty()) {
        throw resourceNotFound(x, uri);
      }
    }
    SessionRecord s = x.context.session();
    if (s != null && !SessionSubscriptions.record(sessions, s.sessionId(), uri, on) && on) {
      throw invalidParams(
          "Too many resource subscriptions (at most "
              + SessionSubscriptions.MAX_RESOURCES
              + " per session)");
    }
    return Json.object();
  }

  // ---------------------------------------------------------------------------------------------
  // prompts/get

  private ObjectNode promptsGet(Exchange x) {
    String name = requiredString(x.params, "name");
    x.target = clip(name, 200);
    RegistryEntry entry =
        visible(catalog(x).prompt(name), x.principal())
            .orElseThrow(
                () ->
                    new ProtocolException(
                        ErrorCodes.INVALID_PARAMS,
                        "Unknown prompt: " + clip(name, 200),
                        null,
                        "unknown_prompt"));
    JsonNode args = x.params.get("arguments");
    if (args == null || args.isNull()) {
      args = Json.object();
    } else if (!args.isObject()) {
      throw invalidParams("arguments must be an object");
    }
    for (var field : args.properties()) {
      if (!field.getValue().isTextual()) {
        throw invalidParams("argument '" + clip(field.getKey(), 100) + "' must be a string");
      }
    }
    if (entry.arguments() != null) {
      for (PromptArgument a : entry.arguments()) {
        if (Boolean.TRUE.equals(a.required()) && !args.has(a.name())) {
          throw invalidParams("Missing required argument: " + a.name());
        }
      }
    }
    MultiRoundTrip.Retry retry = retry(x, x.params, "prompts/get", name);
    ObjectNode extra = extra(x, "prompt", name, retry);
    InvocationOutcome outcome = invoke(x, entry, FunctionEvents.prompt(args, extra));
    JsonNode promptArgs = args;
    switch (relayInput(
        x,
        entry,
        outcome,
        r -> FunctionEvents.prompt(promptArgs, extra(x, "prompt", name, r)),
        null)) {
      case InputRequestRelay.Relayed.Done done -> outcome = done.outcome();
      case InputRequestRelay.Relayed.Failed failed -> {
        x.detail = failed.detail();
        throw internal(x, "Prompt '" + clip(name, 200) + "' " + failed.message());
      }
    }
    JsonNode payload = successOrThrow(x, outcome, "Prompt '" + clip(name, 200) + "'");
    try {
      if (isInputRequired(payload)) {
        if (!x.stateless) {
          throw internal(x, "Prompt '" + clip(name, 200) + "' needs input_required (2026-07-28)");
        }
        return inputRequired(x, payload, "prompts/get", name);
      }
      return FunctionResults.getPrompt(payload, entry.description());
    } catch (MalformedResultException m) {
      throw internal(
          x, "Prompt '" + clip(name, 200) + "' returned malformed output: " + m.getMessage());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // completion/complete

  private ObjectNode complete(Exchange x) {
    JsonNode ref = x.params.get("ref");
    JsonNode argument = x.params.get("argument");
    if (ref == null || !ref.isObject() || !ref.path("type").isTextual()) {
      throw invalidParams("ref must be an object with a type");
    }
    if (argument == null
        || !argument.isObject()
        || !argument.path("name").isTextual()
        || !argument.path("value").isTextual()) {
      throw invalidParams("argument must be an object with string name and value");
    }
    String argName = argument.get("name").asText();
    String prefix = argument.get("value").asText();
    List<String> candidates;
    Catalog cat = catalog(x);
    switch (ref.get("type").asText()) {
      case "ref/prompt" -> {
        String name = requiredString((ObjectNode) ref, "name");
        x.target = clip(name, 200);
        RegistryEntry entry =
            visible(cat.prompt(name), x.principal())
                .orElseThrow(
                    () ->
                        new ProtocolException(
                            ErrorCodes.INVALID_PARAMS,
                            "Unknown prompt: " + clip(name, 200),
                            null,
                            "unknown_prompt"));
        candidates = null;
        if (entry.arguments() != null) {
          for (PromptArgument a : entry.arguments()) {
            if (argName.equals(a.name()) && a.enumValues() != null) {
              candidates = a.enumValues();
            }
          }
        }
        if (candidates == null) {
          return functionCompletion(x, entry, "prompt", name, argName, prefix);
        }
      }
      case "ref/resource" -> {
        String uri = ResourceUriLimit.check("ref.uri", requiredString((ObjectNode) ref, "uri"));
        x.target = clip(uri, 500);
        RegistryEntry entry =
            visible(cat.template(uri), x.principal())
                .or(() -> visible(cat.resource(uri), x.principal()))
                .orElseThrow(
                    () ->
                        new ProtocolException(
                            ErrorCodes.INVALID_PARAMS,
                            "Unknown resource template: " + clip(uri, 200),
                            null,
                            "unknown_resource"));
        candidates = entry.completions() == null ? null : entry.completions().get(argName);
        if (candidates == null) {
          return functionCompletion(x, entry, "resource", uri, argName, prefix);
        }
      }
      default -> throw invalidParams("ref.type must be ref/prompt or ref/resource");
    }
    String lower = prefix.toLowerCase(Locale.ROOT);
    List<String> matches = new ArrayList<>();
    for (String c : candidates) {
      if (c != null && c.toLowerCase(Locale.ROOT).startsWith(lower)) {
        matches.add(c);
      }
    }
    ObjectNode result = Json.object();
    ObjectNode completion = result.putObject("completion");
    ArrayNode values = completion.putArray("values");
    matches.stream().limit(MAX_COMPLETIONS).forEach(values::add);
    completion.put("total", matches.size());
    completion.put("hasMore", matches.size() > MAX_COMPLETIONS);
    return result;
  }

  /** Completion by the entry's function ({@link FunctionCompletions}); no values on failure. */
  private ObjectNode functionCompletion(
      Exchange x, RegistryEntry entry, String kind, String name, String argName, String prefix) {
    FunctionCompletions.Answer answer = FunctionCompletions.Answer.EMPTY;
    if (entry.lambdaArn() != null && !entry.lambdaArn().isBlank()) {
      JsonNode contextArgs = x.params.path("context").get("arguments");
      ObjectNode event =
          FunctionCompletions.event(
              x.params.get("ref"),
              argName,
              prefix,
              contextArgs,
              extra(x, kind, name, MultiRoundTrip.Retry.NONE));
      InvocationOutcome outcome = invoke(x, entry, event, FunctionCompletions.TIMEOUT);
      if (outcome instanceof InvocationOutcome.Success s) {
        answer = FunctionCompletions.parse(s.payload());
      } else {
        x.detail = "completion_unavailable";
      }
    }
    ObjectNode result = Json.object();
    ObjectNode completion = result.putObject("completion");
    ArrayNode values = completion.putArray("values");
    answer.values().forEach(values::add);
    completion.put("total", answer.total());
    completion.put("hasMore", answer.hasMore());
    return result;
  }

  // ---------------------------------------------------------------------------------------------
  // MRTR (2026-07-28)

  private MultiRoundTrip.Retry retry(Exchange x, ObjectNode params, String method, String target) {
    return x.stateless
        ? multiRoundTrip.retry(params, x.principal(), method, target)
        : MultiRoundTrip.Retry.NONE;
  }

  /**
   * 2025 sessions: a function's {@code input_required} goes to the client as server-to-client
   * requests ({@link InputRequestRelay}) and the function runs again with the answers.
   */
  private InputRequestRelay.Relayed relayInput(
      Exchange x,
      RegistryEntry entry,
      InvocationOutcome outcome,
      Function<MultiRoundTrip.Retry, JsonNode> event,
      ToolEventListener events) {
    if (x.stateless || !InputRequestRelay.asksForInput(outcome)) {
      return new InputRequestRelay.Relayed.Done(outcome);
    }
    return inputRelay.relay(
        x.context,
        x.channel,
        outcome,
        (responses, state) ->
            invoke(x, entry, event.apply(new MultiRoundTrip.Retry(responses, state)), events));
  }

  private static boolean isInputRequired(JsonNode payload) {
    return MultiRoundTrip.isInputRequired(payload);
  }

  private ObjectNode inputRequired(Exchange x, JsonNode payload, String method, String target)
      throws MalformedResultException {
    ObjectNode result =
        multiRoundTrip.interim(
            payload,
            x.clientCapabilities,
            x.principal(),
            method,
            target,
            x.params.get("arguments"));
    x.outcome = "input_required";
    return result;
  }

  // ---------------------------------------------------------------------------------------------
  // Invocation

  private ObjectNode extra(Exchange x, String kind, String name, MultiRoundTrip.Retry retry) {
    return FunctionEvents.extra(
        kind,
        name,
        x.principal(),
        x.version,
        eraName(x.context.era()),
        x.request.id(),
        x.clientCapabilities,
        retry.inputResponses(),
        retry.functionState());
  }

  static String eraName(Era era) {
    return switch (era) {
      case LEGACY_SSE -> "legacy-sse";
      case STREAMABLE_HTTP -> "streamable-http";
      case STATELESS -> "stateless";
    };
  }

  private InvocationOutcome invoke(Exchange x, RegistryEntry entry, JsonNode event) {
    return invoke(x, entry, event, null, null);
  }

  /**
   * @param events {@code null} for a buffered function; else the function is a streaming tool and
   *     its events go here as they arrive ({@link ToolNotifications})
   */
  private InvocationOutcome invoke(
      Exchange x, RegistryEntry entry, JsonNode event, ToolEventListener events) {
    return invoke(x, entry, event, events, null);
  }

  /** As {@link #invoke(Exchange, RegistryEntry, JsonNode)}, taking at most {@code cap}. */
  private InvocationOutcome invoke(Exchange x, RegistryEntry entry, JsonNode event, Duration cap) {
    return invoke(x, entry, event, null, cap);
  }

  private InvocationOutcome invoke(
      Exchange x, RegistryEntry entry, JsonNode event, ToolEventListener events, Duration cap) {
    if (entry.lambdaArn() == null || entry.lambdaArn().isBlank()) {
      return new InvocationOutcome.Unavailable("no function is registered for it");
    }
    long start = System.nanoTime();
    try {
      Duration budget = budget(x);
      if (cap != null && (budget == null || budget.compareTo(cap) > 0)) {
        budget = cap;
      }
      if (budget != null && budget.toMillis() <= 0) {
        return new InvocationOutcome.Timeout("no time left before this request's deadline");
      }
      if (events != null) {
        return invoker.invokeStreaming(entry.lambdaArn(), event, budget, events);
      }
      return budget == null
          ? invoker.invoke(entry.lambdaArn(), event)
          : invoker.invoke(entry.lambdaArn(), event, budget);
    } catch (RuntimeException e) {
      LOG.warn("function invoker failed for {}: {}", entry.id(), e.getClass().getSimpleName());
      return new InvocationOutcome.Unavailable("the invocation failed");
    } finally {
      x.lambdaMillis = (System.nanoTime() - start) / 1_000_000;
    }
  }

  /**
   * Time the function may take: what is left of this invocation minus {@link
   * DispatcherConfig#deadlineMargin()} (so the answer still goes out before Lambda cuts the handler
   * off); {@code null} without a known deadline.
   */
  private Duration budget(Exchange x) {
    InvocationContext invocation = x.context.invocation();
    if (invocation == null
        || invocation.deadlineEpochMillis() <= 0
        || invocation.deadlineEpochMillis() == Long.MAX_VALUE) {
      return null;
    }
    long left =
        invocation.deadlineEpochMillis()
            - System.currentTimeMillis()
            - config.deadlineMargin().toMillis();
    return Duration.ofMillis(Math.max(left, 0));
  }

  /** For resources/read and prompts/get: any failure is a -32603 error. */
  private JsonNode successOrThrow(Exchange x, InvocationOutcome outcome, String what) {
    return switch (outcome) {
      case InvocationOutcome.Success s -> s.payload();
      case InvocationOutcome.FunctionError f -> {
        x.detail = "function_error";
        throw internal(x, what + " failed: " + f.errorType() + ": " + f.errorMessage());
      }
      case InvocationOutcome.Timeout t -> {
        x.detail = "timeout";
        throw internal(x, what + " timed out: " + t.detail());
      }
      case InvocationOutcome.Throttled t -> {
        x.detail = "throttled";
        throw internal(x, what + " is throttled by AWS Lambda (too many requests); retry later");
      }
      case InvocationOutcome.Unavailable u -> {
        x.detail = "unavailable";
        throw internal(x, what + " could not be invoked: " + u.reason());
      }
      case InvocationOutcome.MalformedOutput m -> {
        x.detail = "malformed_output";
        throw internal(x, what + " returned malformed output: " + m.reason());
      }
    };
  }

  /**
   * Sends a {@code notifications/message} on the request's channel if the client asked for this
   * level ({@code logging/setLevel} on 2025 sessions, {@code _meta} logLevel on 2026-07-28);
   * nothing when it did not.
   */
  private static void log(Exchange x, String level, String message) {
    if (x.logLevel == null || rank(level) < rank(x.logLevel)) {
      return;
    }
    ObjectNode params = Json.object();
    params.put("level", level);
    params.put("logger", "mcp-lambda");
    params.put("data", message);
    try {
      x.channel.send(new JsonRpcNotification("notifications/message", params));
    } catch (IOException | RuntimeException e) {
      LOG.debug("log notification not delivered: {}", e.getClass().getSimpleName());
    }
  }

  private static int rank(String level) {
    return sortedLevels().indexOf(level);
  }

  private ProtocolException internal(Exchange x, String message) {
    log(x, "error", clip(message, config.maxErrorChars()));
    return new ProtocolException(
        ErrorCodes.INTERNAL_ERROR,
        clip(message, config.maxErrorChars()),
        null,
        x.detail == null ? "malformed_output" : x.detail);
  }

  // ---------------------------------------------------------------------------------------------
  // Small helpers

  private static Optional<RegistryEntry> visible(Optional<RegistryEntry> entry, String principal) {
    return entry.filter(e -> PrincipalPattern.allows(e.allowedPrincipals(), principal));
  }

  private static String requiredString(ObjectNode params, String field) {
    JsonNode value = params.get(field);
    if (value == null || !value.isTextual()) {
      throw invalidParams(field + " must be a string");
    }
    return value.asText();
  }

  /** A malformed 2026 {@code _meta} envelope: -32602, summary detail {@code invalid_meta}. */
  private static ProtocolException invalidMeta(String message) {
    return new ProtocolException(ErrorCodes.INVALID_PARAMS, message, null, "invalid_meta");
  }

  private static ProtocolException invalidParams(String message) {
    return new ProtocolException(ErrorCodes.INVALID_PARAMS, message, null, "invalid_params");
  }

  /** Validator messages joined; the root location ({@code ""}) reads as {@code /}. */
  private static String describe(List<String> problems) {
    List<String> out = new ArrayList<>(problems.size());
    for (String p : problems) {
      out.add(p.startsWith(": ") ? "/" + p : p);
    }
    return String.join("; ", out);
  }

  /** A client-supplied string made safe for a log line: printable ASCII only, clipped. */
  static String printable(String s) {
    String clipped = clip(s, 100);
    StringBuilder out = new StringBuilder(clipped.length());
    for (int i = 0; i < clipped.length(); i++) {
      char c = clipped.charAt(i);
      out.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return out.toString();
  }

  static String clip(String s, int max) {
    if (s == null) {
      return "";
    }
    return s.length() <= max ? s : s.substring(0, max) + "…";
  }
}
