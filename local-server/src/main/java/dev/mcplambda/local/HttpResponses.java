package dev.mcplambda.local;

import com.sun.net.httpserver.HttpExchange;
import dev.mcplambda.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Writes complete (non-streamed) HTTP responses on a JDK exchange. */
final class HttpResponses {

  private static final Set<String> HOP_BY_HOP =
      Set.of("content-length", "transfer-encoding", "connection", "keep-alive", "date");

  private HttpResponses() {}

  /** Headers the server manages itself and a handler must not set. */
  static boolean isHopByHop(String name) {
    return HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT));
  }

  /** Sends {@code {"message": ...}} with the status (for the local server's own errors). */
  static void sendError(HttpExchange exchange, int status, String message) throws IOException {
    send(
        exchange,
        status,
        Map.of("Content-Type", "application/json"),
        Json.write(Map.of("message", message)).getBytes(StandardCharsets.UTF_8));
  }

  static void send(HttpExchange exchange, int status, Map<String, String> headers, byte[] body)
      throws IOException {
    headers.forEach(
        (name, value) -> {
          if (!isHopByHop(name)) {
            exchange.getResponseHeaders().set(name, value);
          }
        });
    boolean noBody =
        status == 204
            || status == 304
            || body.length == 0
            || "HEAD".equals(exchange.getRequestMethod());
    exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
