package dev.mcplambda.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcplambda.json.Json;
import java.io.IOException;

/** SSE events of one stream, in order. */
@FunctionalInterface
interface SseEventSource {

  /** The next event; null or an exception when the stream ends or nothing comes in time. */
  SseClient.Event next() throws IOException, InterruptedException;

  /**
   * Skips events until the {@code message} event that answers JSON-RPC request {@code id}.
   *
   * @throws IOException when the answer is an error or the stream ends first
   */
  default SseClient.Event answerTo(int id, String method) throws IOException, InterruptedException {
    while (true) {
      SseClient.Event e = next();
      if (e == null) {
        throw new IOException("the SSE stream ended while waiting for the answer to " + method);
      }
      if (!"message".equals(e.name())) {
        continue;
      }
      JsonNode msg = Json.mapper().readTree(e.data());
      if (msg.path("id").asInt(-1) == id) {
        if (msg.has("error")) {
          throw new IOException(method + " failed: " + e.data());
        }
        return e;
      }
    }
  }
}
