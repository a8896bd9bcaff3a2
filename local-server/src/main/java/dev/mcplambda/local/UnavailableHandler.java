package dev.mcplambda.local;

import dev.mcplambda.http.FunctionUrlRequest;
import dev.mcplambda.json.Json;
import dev.mcplambda.runtime.InvocationContext;
import dev.mcplambda.runtime.ResponseStream;
import dev.mcplambda.runtime.StreamingHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Stands in for a handler that is not part of this build: every request gets 503. */
final class UnavailableHandler implements StreamingHandler {

  private final String message;

  UnavailableHandler(String message) {
    this.message = message;
  }

  @Override
  public void handle(FunctionUrlRequest request, ResponseStream response, InvocationContext context)
      throws IOException {
    response.start(503, Map.of("Content-Type", "application/json"), null);
    response.body().write(Json.write(Map.of("message", message)).getBytes(StandardCharsets.UTF_8));
  }
}
