package dev.mcplambda.runtime;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * Where a {@link StreamingHandler} writes its HTTP response: first the status and headers (once),
 * then body bytes. Every {@link OutputStream#flush()} on {@link #body()} pushes the bytes written
 * so far to the client at once (an SSE event leaves when flushed, not at the end).
 *
 * <p>Implemented by the Lambda response-streaming runtime (prelude + 8 NUL bytes + chunked body),
 * by the local server (a chunked HTTP response) and by tests (a buffer).
 */
public interface ResponseStream {

  /** Sends status and headers. Must be called exactly once, before {@link #body()}. */
  void start(int statusCode, Map<String, String> headers, List<String> cookies) throws IOException;

  /** The body; flush to send. Closed by the caller of the handler, not by the handler. */
  OutputStream body() throws IOException;

  /** Whether {@link #start} was called. */
  boolean started();
}
