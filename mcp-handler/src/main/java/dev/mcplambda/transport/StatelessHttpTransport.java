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
import dev.mcplambda.protocol.SessionSubscriptions;
import dev.mcplambda.protocol.Stateless2026;
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
 * _meta} envelope and the standard headers, which must agree with the body; {@link
 * Stateless2026#read} checks both and the request is refused with its error (HTTP 400) or served on
 * the {@link CallContext} built from the envelope. Requests are answered with JSON, or with an SSE
 * stream when the dispatcher sends notifications before the result; notifications get 202. {@code
 * subscriptions/listen} opens a stream that acknowledges, keeps alive, carries the list-change and
 * resource-updated notifications the filter asked for from a {@link ListChangeFeed} (tagged with
 * the subscription id) and ends with a graceful-closure result before the invocation's deadline.
 *
 * <p>HTTP statuses: a refused envelope (-32020 header mismatch, -32602 malformed {@code _meta},
 * -32022 unsupported version) → 400; from the dispatcher -32601 → 404; -32700, -32600, -32020,
 * -32021, -32022 → 400; any other JSON-RPC error (an unknown tool's -32602, -32603) or a result →
 * 200.
 */
public final class StatelessHttpTransport {

  static final String META_SUBSCRIPTION_ID = "io.modelcontextprotocol/subscriptionId";

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
        dispatcher.accept(
            notification, CallContext.stateless(null, request.principal(), request.invocation()));
        HttpResponses.empty(out, 202, Map.of());
        yield TransportOutcome.accepted(Era.STATELESS, notification.method(), "notification");
      }
      case JsonRpcRequest rpc -> request(request, rpc, accept, out);
    };
  }

  private TransportOutcome request(
      McpHttpRequest request, JsonRpcRequest rpc, AcceptHeader accept, ResponseStream out)
      throws IOException {
    Stateless2026.Envelope envelope;
    switch (Stateless2026.read(rpc, request.headers(), schemas::inputSchema)) {
      case Stateless2026.Refused refused -> {
        HttpResponses.json(out, 400, JsonRpcResponse.failure(rpc.id(), refused.error()));
        return TransportOutcome.rejected(
            400, Era.STATELESS, rpc.method(), refused.error().code(), refused.detail());
      }
      case Stateless2026.Envelope read -> envelope = read;
    }
    CallContext context =
        CallContext.stateless(envelope, request.principal(), request.invocation());
    if ("subscriptions/listen".equals(rpc.method())) {
      return listen(request, rpc, context, accept, out);
    }
    PostResponseChannel channel = new PostResponseChannel(out, accept, true, Map.of());
    Dispatched dispatched = dispatcher.dispatch(rpc, context, channel);
    int status =
        dispatched.cancelled()
            ? channel.abandon()
            : channel.finish(dispatched.response(), httpStatus(dispatched.response()));
    return TransportOutcome.served(status, Era.STATELESS, dispatched.summary());
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
    ObjectNode honoured = honoured(filter, dispatcher.capabilities(context.protocolVersion()));
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
    return TransportOutcome.stream(Era.STATELESS, rpc.method(), delivered + "_changes");
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

  /** The subset of the requested filter this server honours (per its capabilities). */
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

  /** The HTTP status of a JSON (non-streamed) response (spec statuses for 2026-07-28 errors). */
  static int httpStatus(JsonRpcResponse response) {
    if (!response.isError()) {
      return 200;
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
}
