package dev.mcplambda.runtime;

import java.io.IOException;
import java.util.Map;

/**
 * The chunked body of a streaming {@code /response} POST. Each {@link #flush()} pushes the chunks
 * written so far onto the socket at once.
 */
final class ChunkedUpload {

  private final RuntimeApiConnection connection;
  private boolean finished;

  ChunkedUpload(RuntimeApiConnection connection) {
    this.connection = connection;
  }

  void writeChunk(byte[] b, int off, int len) throws IOException {
    if (len > 0) {
      connection.writeChunk(b, off, len);
    }
  }

  void flush() throws IOException {
    connection.flush();
  }

  /** Ends the body (terminating chunk plus {@code trailers}) and reads the Runtime API's answer. */
  void finish(Map<String, String> trailers) throws IOException {
    if (finished) {
      return;
    }
    finished = true;
    RuntimeApiResponse r;
    try {
      connection.writeLastChunk(trailers);
      r = connection.readResponse();
    } finally {
      connection.close();
    }
    RuntimeApiClient.expectAccepted(r, "streamed response");
  }

  /** Drops the connection without ending the body (the request is then incomplete). */
  void abort() {
    finished = true;
    connection.close();
  }
}
