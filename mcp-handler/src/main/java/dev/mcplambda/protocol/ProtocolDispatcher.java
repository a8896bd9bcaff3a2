package dev.mcplambda.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.invoke.FunctionInvoker;
import dev.mcplambda.json.Json;
import dev.mcplambda.jsonrpc.ErrorCodes;
import dev.mcplambda.jsonrpc.JsonRpcError;
import dev.mcplambda.jsonrpc.JsonRpcNotification;
import dev.mcplambda.jsonrpc.JsonRpcRequest;
import dev.mcplambda.jsonrpc.JsonRpcResponse;
import dev.mcplambda.registry.RegistryException;
import dev.mcplambda.schema.SchemaValidator;
import dev.mcplambda.session.SessionStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * <p>Structure: one {@link MethodHandler} per method ({@link ToolMethods}, {@link ResourceMethods},
 * {@link PromptMethods}, {@link CompletionMethods}, {@link LifecycleMethods}), each returning an
 * {@link Outcome} from which the response and the request's {@link RequestSummary} are derived;
 * what differs between eras is the request's {@link EraPolicy} ({@link Sessions2025}, {@link
 * Stateless2026}).
 */
public final class ProtocolDispatcher implements McpDispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(ProtocolDispatcher.class);

  private final CatalogCache catalog;
  private final DispatcherConfig config;
  private final InputRequestRelay inputRelay;
  private final Sessions2025 sessions2025;
  private final Stateless2026 stateless2026;
  private final Map<String, MethodHandler> methods = new HashMap<>();
  private final ToolMethods tools;
  private final Map<String, AtomicBoolean> inFlight = new ConcurrentHashMap<>();
  private final TaskMethods tasks;
  private final SchemaValidator validator;

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
    this.validator = validator;
    this.catalog = catalog;
    this.config = config;
    this.inputRelay = new InputRequestRelay(sessions, config);
    this.sessions2025 = new Sessions2025(inputRelay);
    this.stateless2026 =
        new Stateless2026(
            new MultiRoundTrip(new RequestStateSealer(config.stateKeys()), config), serverInfo);
    CatalogLists lists = new CatalogLists(config);
    FunctionCalls calls = new FunctionCalls(invoker, config);
    this.tools = new ToolMethods(lists, calls, validator, tasks);
    tools.register(methods);
    new ResourceMethods(lists, calls, sessions, config).register(methods);
    new PromptMethods(lists, calls).register(methods);
    new CompletionMethods(calls).register(methods);
    new LifecycleMethods(serverInfo, sessions, config, tasks != null).register(methods);
    if (tasks != null) {
      for (String method : List.of("tasks/get", "tasks/update", "tasks/cancel")) {
        methods.put(
            method,
            x ->
                new Outcome.Ok(
                    tasks.handle(x.method, x.params, x.principal(), x.clientCapabilities)));
      }
    }
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
    Exchange x =
        new Exchange(request, context, channel, policy(context), catalog, config.maxErrorChars());
    String flightKey = flightKey(context, request.id());
    AtomicBoolean cancelled = new AtomicBoolean();
    if (flightKey != null) {
      inFlight.put(flightKey, cancelled);
    }
    Outcome outcome;
    try {
      outcome = route(x);
    } finally {
      if (flightKey != null) {
        inFlight.remove(flightKey, cancelled);
      }
    }
    return new Dispatched(
        outcome.response(request.id()),
        outcome,
        cancelled.get(),
        RequestSummary.of(x.method, x.target, x.lambdaMillis, outcome, cancelled.get()));
  }

  /** Builds the schema validator's registry (built on first use otherwise). */
  @Override
  public void prime() {
    validator.prime();
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

  private EraPolicy policy(CallContext context) {
    return context.era() == Era.STATELESS ? stateless2026 : sessions2025;
  }

  private static String flightKey(CallContext context, JsonNode id) {
    if (id == null || id.isNull()) {
      return null;
    }
    String scope =
        context.session() != null
            ? "s:" + context.session().sessionId()
            : "p:" + (context.principal() == null ? "" : context.principal());
    // the id's JSON text (Json.write, not toString: that builds a second ObjectMapper)
    return scope + "#" + Json.write(id);
  }

  // ---------------------------------------------------------------------------------------------
  // Routing

  /** The era's envelope, then the method's handler (or the seed's shorthand); never throws. */
  private Outcome route(Exchange x) {
    Outcome outcome;
    try {
      x.era.readEnvelope(x);
      MethodHandler handler = methods.get(x.method);
      if (handler != null && !x.era.offers(x.method)) {
        throw methodNotFound(x);
      }
      outcome = handler != null ? handler.handle(x) : tools.shorthand(x);
    } catch (ProtocolException e) {
      return new Outcome.Failed(e.error(), e.detail());
    } catch (RegistryException e) {
      LOG.warn(
          "registry unavailable serving {}: {}", printable(x.method), e.getClass().getSimpleName());
      return new Outcome.Failed(
          new JsonRpcError(ErrorCodes.INTERNAL_ERROR, "The registry is unavailable; retry later"),
          "registry_unavailable");
    } catch (RuntimeException e) {
      LOG.error("internal error serving {}", printable(x.method), e);
      return new Outcome.Failed(
          new JsonRpcError(ErrorCodes.INTERNAL_ERROR, "Internal error"), "internal");
    }
    ObjectNode result = outcome.result();
    if (result != null) {
      x.era.finish(x, result);
    }
    return outcome;
  }

  static ProtocolException methodNotFound(Exchange x) {
    return new ProtocolException(
        ErrorCodes.METHOD_NOT_FOUND, "Method not found: " + clip(x.method, 100), null, null);
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
