package dev.mcplambda.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.json.Json;
import dev.mcplambda.jsonrpc.ErrorCodes;
import dev.mcplambda.jsonrpc.JsonRpcError;
import dev.mcplambda.jsonrpc.JsonRpcNotification;
import dev.mcplambda.jsonrpc.JsonRpcRequest;
import dev.mcplambda.jsonrpc.JsonRpcResponse;
import dev.mcplambda.protocol.CallContext;
import dev.mcplambda.protocol.McpDispatcher;
import dev.mcplambda.protocol.OutboundChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A predictable dispatcher for transport tests.
 *
 * <ul>
 *   <li>{@code initialize}: {@code protocolVersion} echoed;
 *   <li>{@code server/discover}: versions and {@link #capabilities}: {@code tools.listChanged} and
 *       {@code resources.subscribe};
 *   <li>{@code tools/call}: sends {@code params.arguments.progress} progress notifications first,
 *       then returns a text content echoing {@code params.name};
 *   <li>{@code unsupported/version}: -32022; {@code missing/capability}: -32021; anything else:
 *       -32601.
 * </ul>
 */
class FakeDispatcher implements McpDispatcher {

  record Seen(String kind, String method, CallContext context) {}

  final List<Seen> seen = new CopyOnWriteArrayList<>();

  @Override
  public JsonRpcResponse handle(
      JsonRpcRequest request, CallContext context, OutboundChannel channel) {
    seen.add(new Seen("request", request.method(), context));
    JsonNode params = request.params() == null ? Json.object() : request.params();
    ObjectNode result = Json.object();
    switch (request.method()) {
      case "initialize" -> {
        result.put("protocolVersion", params.path("protocolVersion").asText());
        result.putObject("capabilities");
        result.putObject("serverInfo").put("name", "fake").put("version", "1");
      }
      case "server/discover" -> {
        result.putArray("supportedVersions").add("2026-07-28");
        result.set("capabilities", capabilities(context.protocolVersion()));
      }
      case "tools/call" -> {
        int progress = params.path("arguments").path("progress").asInt(0);
        for (int i = 1; i <= progress; i++) {
          ObjectNode p = Json.object();
          p.put("progressToken", "t");
          p.put("progress", i);
          try {
            channel.send(new JsonRpcNotification("notifications/progress", p));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
        result
            .putArray("content")
            .addObject()
            .put("type", "text")
            .put("text", "called " + params.path("name").asText());
      }
      case "unsupported/version" -> {
        return JsonRpcResponse.failure(
            request.id(),
            new JsonRpcError(
                ErrorCodes.UNSUPPORTED_PROTOCOL_VERSION, "Unsupported protocol version"));
      }
      case "missing/capability" -> {
        return JsonRpcResponse.failure(
            request.id(),
            new JsonRpcError(ErrorCodes.MISSING_REQUIRED_CLIENT_CAPABILITY, "Missing capability"));
      }
      default -> {
        return JsonRpcResponse.failure(
            request.id(), new JsonRpcError(ErrorCodes.METHOD_NOT_FOUND, "Method not found"));
      }
    }
    return JsonRpcResponse.success(request.id(), result);
  }

  @Override
  public ObjectNode capabilities(String protocolVersion) {
    ObjectNode caps = Json.object();
    caps.putObject("tools").put("listChanged", true);
    caps.putObject("resources").put("subscribe", true);
    return caps;
  }

  @Override
  public void accept(JsonRpcNotification notification, CallContext context) {
    seen.add(new Seen("notification", notification.method(), context));
  }

  @Override
  public void accept(JsonRpcResponse response, CallContext context) {
    seen.add(new Seen("response", null, context));
  }
}
