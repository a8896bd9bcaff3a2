package dev.mcplambda.runtime;

import dev.mcplambda.http.FunctionUrlRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** A trivial streaming handler loaded by class name: two SSE events, each flushed. */
public class SseTestHandler implements StreamingHandler {

  @Override
  public void handle(FunctionUrlRequest request, ResponseStream response, InvocationContext context)
      throws IOException {
    response.start(200, Map.of("content-type", "text/event-stream"), List.of());
    OutputStream body = response.body();
    body.write(("data: " + request.rawPath() + "\n\n").getBytes(StandardCharsets.UTF_8));
    body.flush();
    body.write(("data: " + context.requestId() + "\n\n").getBytes(StandardCharsets.UTF_8));
    body.flush();
  }
}
