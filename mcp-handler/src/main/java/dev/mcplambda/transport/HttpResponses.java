package dev.mcplambda.transport;

import com.fasterxml.jackson.databind.node.NullNode;
import dev.mcplambda.json.Json;
import dev.mcplambda.jsonrpc.JsonRpcError;
import dev.mcplambda.jsonrpc.JsonRpcResponse;
import dev.mcplambda.runtime.ResponseStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes the transports' non-streaming HTTP responses onto a {@link ResponseStream}. */
public final class HttpResponses {

  public static final String APPLICATION_JSON = "application/json";
  public static final String TEXT_EVENT_STREAM = "text/event-stream";

  private HttpResponses() {}

  /** A JSON body with {@code Content-Type: application/json} and the given extra headers. */
  public static void json(ResponseStream out, int status, String json, Map<String, String> extra)
      throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", APPLICATION_JSON);
    headers.putAll(extra);
    out.start(status, headers, List.of());
    OutputStream body = out.body();
    body.write(json.getBytes(StandardCharsets.UTF_8));
    body.flush();
  }

  /** A JSON-RPC message as the JSON body. */
  public static void json(ResponseStream out, int status, JsonRpcResponse message)
      throws IOException {
    json(out, status, Json.write(message), Map.of());
  }

  /** A JSON-RPC error without an id (transport-level refusals). */
  public static void error(ResponseStream out, int status, int code, String message)
      throws IOException {
    error(out, status, code, message, Map.of());
  }

  public static void error(
      ResponseStream out, int status, int code, String message, Map<String, String> extra)
      throws IOException {
    json(
        out,
        status,
        Json.write(
            JsonRpcResponse.failure(NullNode.getInstance(), new JsonRpcError(code, message))),
        extra);
  }

  /** A response without a body (202 Accepted, 204 No Content). */
  public static void empty(ResponseStream out, int status, Map<String, String> headers)
      throws IOException {
    out.start(status, headers, List.of());
    out.body().flush();
  }

  /** The headers of every SSE response. */
  public static Map<String, String> sseHeaders(Map<String, String> extra) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", TEXT_EVENT_STREAM);
    headers.put("Cache-Control", "no-cache");
    headers.put("X-Accel-Buffering", "no");
    headers.putAll(extra);
    return headers;
  }
}
