package dev.mcplambda.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.json.Json;
import dev.mcplambda.jsonrpc.ErrorCodes;
import dev.mcplambda.jsonrpc.JsonRpcError;
import dev.mcplambda.jsonrpc.JsonRpcMessage;
import dev.mcplambda.jsonrpc.JsonRpcNotification;
import dev.mcplambda.jsonrpc.JsonRpcRequest;
import dev.mcplambda.jsonrpc.JsonRpcResponse;
import dev.mcplambda.protocol.CallContext;
import dev.mcplambda.protocol.Dispatched;
import dev.mcplambda.protocol.Era;
import dev.mcplambda.protocol.McpDispatcher;
import dev.mcplambda.protocol.OutboundChannel;
import dev.mcplambda.protocol.SessionSubscriptions;
import dev.mcplambda.protocol.TaskStatusFeed;
import dev.mcplambda.runtime.ResponseStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stateless Streamable HTTP of 2026-07-28 on {@code POST /mcp}: every request carries its {@code
 * _meta} envelope and the standard headers, which must agree with the body (400 + -32020
 * HeaderMismatch otherwise, after decoding the Base64 sentinel form of {@code Mcp-Name}; {@code
 * Mcp-Param-*} headers against the arguments a tool's {@code x-mcp-header} annotations name).
 * Requests are answered with JSON, or with an SSE stream when the dispatcher sends notifications
 * before the result; notifications get 202. {@code subscriptions/listen} opens a stream that
 * acknowledges, keeps alive, carries the list-change and resource-updated notifications the filter
 * asked for from a {@link ListChangeFeed} (tagged with the subscription id) and ends with a
 * graceful-closure result before the invocation's deadline.
 *
 * <p>HTTP statuses: -32601 → 404; -32700, -32600, -32020, -32021, -32022 and a malformed {@code
 * _meta} (-32602, checked here and by the dispatcher) → 400; any other JSON-RPC error (an unknown
 * tool's -32602, -32603) or a result → 200.
 */
public final class StatelessHttpTransport {

  static final String META_PROTOCOL_VERSION = "io.modelcontextprotocol/protocolVersion";
  static final String META_CLIENT_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";
  static final String META_CLIENT_INFO = "io.modelcontextprotocol/clientInfo";
  static final String META_LOG_LEVEL = "io.modelcontextprotocol/logLevel";
  static final String META_SUBSCRIPTION_ID = "io.modelcontextprotocol/subscriptionId";

  /** The dispatcher's summary detail for a malformed {@code _meta} envelope. */
  private static final Set<String> NAMED_BY_NAME = Set.of("tools/call", "prompts/get");

  private static final String NAMED_BY_URI = "resources/read";

  /** The tasks extension's methods carry {@code Mcp-Name: <taskId>} (SEP-2663). */
  private static final Set<String> NAMED_BY_TASK_ID =
      Set.of("tasks/get", "tasks/update", "tasks/cancel");

  private final McpDispatcher dispatcher;
  private final TransportSettings settings;
  private final ListChangeFeed changes;
  private final ToolInputSchemas schemas;
  private final StreamLoop listenLoop;

  StatelessHttpTransport(
      McpDispatcher dispatcher,
      TransportSettings settings,
      ListChangeFeed changes,
      ToolInputSchemas schemas) {
    this.dispatcher = dispatcher;
    this.settings = settings;
    this.listenLoop = new StreamLoop(settings.heartbeat(), "keep-alive");
    this.changes = changes;
    this.schemas = schemas;
  }

  /**
   * Whether a message opts into 2026-07-28 semantics: its {@code params._meta} carries a
   * per-request protocol field. (Classification by the envelope, never by a version string.)
   */
  public static boolean hasModernEnvelope(JsonRpcMessage message) {
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

  public TransportOutcome post(McpHttpRequest request, JsonRpcMessage message, ResponseStream out)
      throws IOException {
    AcceptHeader accept = AcceptHeader.parse(request.header("accept"));
    if (!accept.any()) {
      HttpResponses.error(
          out,
          406,
          ErrorCodes.INVALID_REQUEST,
          "Not Acceptable: accept application/json and text/event-stream");
      return TransportOutcome.rejected(406, Era.STATELESS, "not_acceptable");
    }
    return switch (message) {
      case JsonRpcResponse response -> {
        HttpResponses.error(
            out,
            400,
            ErrorCodes.INVALID_REQUEST,
            "Invalid Request: this endpoint does not accept JSON-RPC responses");
        yield TransportOutcome.rejected(400, Era.STATELESS, "client_response");
      }
      case JsonRpcNotification notification -> {
        dispatcher.accept(notification, context(request, notification.params()));
        HttpResponses.empty(out, 202, Map.of());
        yield TransportOutcome.accepted(Era.STATELESS, notification.method(), "notification");
      }
      case JsonRpcRequest rpc -> request(request, rpc, accept, out);
    };
  }

  private TransportOutcome request(
      McpHttpRequest request, JsonRpcRequest rpc, AcceptHeader accept, ResponseStream out)
      throws IOException {
    JsonRpcError refusal = validate(request, rpc);
    if (refusal != null) {
      HttpResponses.json(out, 400, JsonRpcResponse.failure(rpc.id(), refusal));
      return TransportOutcome.rejected(
          400,
          Era.STATELESS,
          rpc.method(),
          refusal.code(),
          refusal.code() == ErrorCodes.HEADER_MISMATCH ? "header_mismatch" : "invalid_meta");
    }
    CallContext context = context(request, rpc.params());
    if ("subscriptions/listen".equals(rpc.method())) {
      return listen(request, rpc, context, accept, out);
    }
    PostResponseChannel channel = new PostResponseChannel(out, accept, true, Map.of());
    Dispatched dispatched = dispatcher.dispatch(rpc, context, channel);
    int status =
        dispatched.cancelled()
            ? channel.abandon()
            : channel.finish(dispatched.response(), httpStatus(dispatched));
    return TransportOutcome.served(status, Era.STATELESS, dispatched.summary());
  }

  /**
   * The standard-header and envelope checks of Streamable HTTP "Server Validation", in the order a
   * client can fix them: version header present, {@code _meta} well-formed, version header equal to
   * the body's, {@code Mcp-Method} equal to {@code method}, {@code Mcp-Name} equal to {@code
   * params.name} / {@code params.uri}. Returns {@code null} when all pass.
   */
  private JsonRpcError validate(McpHttpRequest request, JsonRpcRequest rpc) {
    String versionHeader = request.header("mcp-protocol-version");
    if (versionHeader == null || versionHeader.isEmpty()) {
      return mismatch("Header mismatch: MCP-Protocol-Version header is required");
    }
    JsonNode meta = rpc.params() == null ? null : rpc.params().get("_meta");
    JsonNode version = meta == null ? null : meta.get(META_PROTOCOL_VERSION);
    if (meta == null
        || !meta.isObject()
        || version == null
        || !version.isTextual()
        || version.asText().isEmpty()
        || !(meta.get(META_CLIENT_CAPABILITIES) instanceof ObjectNode)) {
      return new JsonRpcError(
          ErrorCodes.INVALID_PARAMS,
          "Invalid params: _meta must carry "
              + META_PROTOCOL_VERSION
              + " and "
              + META_CLIENT_CAPABILITIES);
    }
    if (!versionHeader.equals(version.asText())) {
      return mismatch(
          "Header mismatch: MCP-Protocol-Version header does not match _meta "
              + META_PROTOCOL_VERSION);
    }
    String methodHeader = request.header("mcp-method");
    if (methodHeader == null || methodHeader.isEmpty()) {
      return mismatch("Header mismatch: Mcp-Method header is required");
    }
    if (!methodHeader.equals(rpc.method())) {
      return mismatch("Header mismatch: Mcp-Method header does not match the body's method");
    }
    String field =
        NAMED_BY_NAME.contains(rpc.method())
            ? "name"
            : NAMED_BY_URI.equals(rpc.method())
                ? "uri"
                : NAMED_BY_TASK_ID.contains(rpc.method()) ? "taskId" : null;
    if (field != null) {
      JsonNode bodyValue = rpc.params().get(field);
      String nameHeader = request.headers().get("mcp-name");
      if (bodyValue != null && bodyValue.isTextual()) {
        if (nameHeader == null) {
          return mismatch("Header mismatch: Mcp-Name header is required for " + rpc.method());
        }
        String decoded = HeaderValueCodec.decode(nameHeader.strip()).orElse(null);
        if (decoded == null) {
          return mismatch("Header mismatch: Mcp-Name header value is malformed");
        }
        if (!decoded.equals(bodyValue.asText())) {
          return mismatch(
              "Header mismatch: Mcp-Name header does not match the body's params." + field);
        }
      } else if (nameHeader != null) {
        return mismatch("Header mismatch: Mcp-Name header given but params." + field + " is not");
      }
    }
    if ("tools/call".equals(rpc.method()) && rpc.params().path("name").isTextual()) {
      JsonNode schema = schemas.inputSchema(rpc.params().get("name").asText()).orElse(null);
      String problem =
          schema == null
              ? null
              : ParamHeaderValidator.validate(
                  schema, rpc.params().get("arguments"), request.headers());
      if (problem != null) {
        return mismatch(problem);
      }
    }
    return null;
  }

  /** {@code subscriptions/listen}: acknowledge, keep alive, relay changes, close gracefully. */
  private TransportOutcome listen(
      McpHttpRequest request,
      JsonRpcRequest rpc,
      CallContext context,
      AcceptHeader accept,
      ResponseStream out)
      throws IOException {
    JsonNode filter = rpc.params().get("notifications");
    if (filter != null && !filter.isObject()) {
      JsonRpcResponse error =
          JsonRpcResponse.failure(
              rpc.id(),
              new JsonRpcError(
                  ErrorCodes.INVALID_PARAMS, "Invalid params: notifications must be an object"));
      HttpResponses.json(out, 400, error);
      return TransportOutcome.rejected(
          400, Era.STATELESS, rpc.method(), ErrorCodes.INVALID_PARAMS, "invalid_params");
    }
    // server/discover with the same envelope validates version and capabilities the same way
    // every other request is validated, and says which change notifications this server sends.
    ObjectNode discoverParams = Json.object();
    discoverParams.set("_meta", rpc.params().get("_meta"));
    Dispatched discovered =
        dispatcher.dispatch(
            new JsonRpcRequest(rpc.id(), "server/discover", discoverParams),
            context,
            OutboundChannel.DISCARD);
    if (discovered.response().isError()) {
      JsonRpcResponse error = discovered.response();
      int status = httpStatus(discovered);
      HttpResponses.json(out, status, error);
      return TransportOutcome.rejected(
          status, Era.STATELESS, rpc.method(), error.error().code(), "listen_refused");
    }
    if (!accept.sse()) {
      HttpResponses.error(
          out,
          406,
          ErrorCodes.INVALID_REQUEST,
          "Not Acceptable: subscriptions/listen answers with text/event-stream");
      return TransportOutcome.rejected(406, Era.STATELESS, "not_acceptable");
    }
    // task status notifications (docs/tasks.md): the caller's tasks among filter.taskIds
    TaskStatusFeed.Watch tasks =
        dispatcher
            .taskStatus()
            .watch(
                request.principal(),
                context.clientCapabilities(),
                filter == null ? null : filter.get("taskIds"));
    if (tasks == null) {
      HttpResponses.json(
          out, 400, JsonRpcResponse.failure(rpc.id(), TaskStatusFeed.missingCapability()));
      return TransportOutcome.rejected(
          400,
          Era.STATELESS,
          rpc.method(),
          ErrorCodes.MISSING_REQUIRED_CLIENT_CAPABILITY,
          "missing_capability");
    }
    ObjectNode honoured = honoured(filter, discovered.response().result().path("capabilities"));
    // positioned before the acknowledgement: a change made once it is visible is seen
    ListChangeFeed.Watch watch =
        honoured.isEmpty() ? ListChangeFeed.NEVER : changes.watch(request.principal());
    if (tasks.taskIds() != null) {
      honoured.set("taskIds", tasks.taskIds());
    }
    out.start(200, HttpResponses.sseHeaders(Map.of()), List.of());
    SseWriter sse = new SseWriter(out.body());
    ObjectNode ackParams = Json.object();
    ackParams.putObject("_meta").set(META_SUBSCRIPTION_ID, rpc.id());
    ackParams.set("notifications", honoured);
    sse.write(
        SseEvent.data(
            Json.write(
                new JsonRpcNotification("notifications/subscriptions/acknowledged", ackParams))));
    long endAt = request.invocation().deadlineEpochMillis() - settings.deadlineMargin().toMillis();
    List<String> resourceUris = new ArrayList<>();
    honoured.path("resourceSubscriptions").forEach(u -> resourceUris.add(u.asText()));
    StreamLoop.Result streamed =
        listenLoop.run(
            sse,
            endAt,
            taskQueue(tasks, rpc.id()),
            watch,
            (due, stream) -> {
              long written = 0;
              for (String method : due.listChanged()) {
                if (wanted(honoured, method)) {
                  stream.write(SseEvent.data(Json.write(tagged(method, Json.object(), rpc.id()))));
                  written++;
                }
              }
              for (String uri : due.updated(resourceUris)) {
                ObjectNode params = Json.object();
                params.put("uri", uri);
                stream.write(
                    SseEvent.data(
                        Json.write(tagged(ListChangeFeed.RESOURCE_UPDATED, params, rpc.id()))));
                written++;
              }
              return written;
            });
    long delivered = streamed.changes() + streamed.queued();
    ObjectNode result = Json.object();
    result.put("resultType", "complete");
    result.putObject("_meta").set(META_SUBSCRIPTION_ID, rpc.id());
    sse.write(SseEvent.data(Json.write(JsonRpcResponse.success(rpc.id(), result))));
    return new TransportOutcome(
        200, Era.STATELESS, rpc.method(), null, null, "stream", null, delivered + "_changes");
  }

  /**
   * A listen stream's queue: the {@code notifications/tasks} of the watched tasks (docs/tasks.md),
   * checked whenever the watch is due.
   */
  private static StreamLoop.Queue taskQueue(TaskStatusFeed.Watch tasks, JsonNode subscriptionId) {
    return new StreamLoop.Queue() {
      @Override
      public long relay(SseWriter sse, long waitMillis) throws IOException, InterruptedException {
        long untilDue = tasks.nextCheckAt() - System.currentTimeMillis();
        if (untilDue > 0) {
          Thread.sleep(Math.min(waitMillis, untilDue));
        }
        return System.currentTimeMillis() >= tasks.nextCheckAt() ? drain(sse) : 0;
      }

      @Override
      public long drain(SseWriter sse) throws IOException {
        long written = 0;
        if (System.currentTimeMillis() >= tasks.nextCheckAt()) {
          for (ObjectNode task : tasks.check()) {
            sse.write(
                SseEvent.data(Json.write(tagged(TaskStatusFeed.METHOD, task, subscriptionId))));
            written++;
          }
        }
        return written;
      }
    };
  }

  /** A notification on a listen stream: {@code params._meta} carries the subscription id. */
  private static JsonRpcNotification tagged(String method, ObjectNode params, JsonNode id) {
    ObjectNode meta = params.putObject("_meta");
    meta.set(META_SUBSCRIPTION_ID, id);
    return new JsonRpcNotification(method, params);
  }

  /** The subset of the requested filter this server honours (per its discover capabilities). */
  private static ObjectNode honoured(JsonNode requested, JsonNode capabilities) {
    ObjectNode out = Json.object();
    if (requested == null) {
      return out;
    }
    if (requested.path("toolsListChanged").asBoolean(false)
        && capabilities.path("tools").path("listChanged").asBoolean(false)) {
      out.put("toolsListChanged", true);
    }
    if (requested.path("promptsListChanged").asBoolean(false)
        && capabilities.path("prompts").path("listChanged").asBoolean(false)) {
      out.put("promptsListChanged", true);
    }
    if (requested.path("resourcesListChanged").asBoolean(false)
        && capabilities.path("resources").path("listChanged").asBoolean(false)) {
      out.put("resourcesListChanged", true);
    }
    JsonNode uris = requested.get("resourceSubscriptions");
    if (uris != null
        && uris.isArray()
        && capabilities.path("resources").path("subscribe").asBoolean(false)) {
      ArrayNode honouredUris = Json.nodes().arrayNode();
      Set<String> seen = new HashSet<>();
      for (JsonNode uri : uris) {
        if (uri.isTextual()
            && seen.size() < SessionSubscriptions.MAX_RESOURCES
            && seen.add(uri.asText())) {
          honouredUris.add(uri.asText());
        }
      }
      out.set("resourceSubscriptions", honouredUris);
    }
    return out;
  }

  private static boolean wanted(ObjectNode honoured, String method) {
    return switch (method) {
      case ListChangeFeed.TOOLS -> honoured.path("toolsListChanged").asBoolean(false);
      case ListChangeFeed.PROMPTS -> honoured.path("promptsListChanged").asBoolean(false);
      case ListChangeFeed.RESOURCES -> honoured.path("resourcesListChanged").asBoolean(false);
      default -> false;
    };
  }

  /**
   * The HTTP status of a JSON (non-streamed) response (spec statuses for 2026-07-28 errors; a
   * malformed {@code _meta}, which the dispatcher marks {@code invalid_meta}, is 400).
   */
  static int httpStatus(Dispatched dispatched) {
    JsonRpcResponse response = dispatched.response();
    if (!response.isError()) {
      return 200;
    }
    if (dispatched.invalidEnvelope()) {
      return 400;
    }
    return switch (response.error().code()) {
      case ErrorCodes.METHOD_NOT_FOUND -> 404;
      case ErrorCodes.PARSE_ERROR,
          ErrorCodes.INVALID_REQUEST,
          ErrorCodes.HEADER_MISMATCH,
          ErrorCodes.MISSING_REQUIRED_CLIENT_CAPABILITY,
          ErrorCodes.UNSUPPORTED_PROTOCOL_VERSION ->
          400;
      default -> 200;
    };
  }

  private static CallContext context(McpHttpRequest request, JsonNode params) {
    JsonNode meta = params == null ? null : params.get("_meta");
    JsonNode version = meta == null ? null : meta.get(META_PROTOCOL_VERSION);
    JsonNode level = meta == null ? null : meta.get(META_LOG_LEVEL);
    return new CallContext(
        Era.STATELESS,
        version != null && version.isTextual() ? version.asText() : null,
        request.principal(),
        null,
        meta == null ? null : meta.get(META_CLIENT_CAPABILITIES),
        meta == null ? null : meta.get(META_CLIENT_INFO),
        level != null && level.isTextual() ? level.asText() : null,
        request.invocation());
  }

  private static JsonRpcError mismatch(String message) {
    return new JsonRpcError(ErrorCodes.HEADER_MISMATCH, message);
  }
}
