package dev.mcplambda.transport;

import dev.mcplambda.http.FunctionUrlResponse;
import dev.mcplambda.runtime.ResponseStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link ResponseStream} that keeps everything in memory: for the buffered (stock) Lambda
 * runtime, which returns one {@link FunctionUrlResponse}, and for tests. Thread-safe: the body can
 * be read while another thread writes it.
 */
public final class BufferedResponseStream implements ResponseStream {

  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private final OutputStream body =
      new OutputStream() {
        @Override
        public void write(int b) {
          synchronized (BufferedResponseStream.this) {
            buffer.write(b);
            BufferedResponseStream.this.notifyAll();
          }
        }

        @Override
        public void write(byte[] b, int off, int len) {
          synchronized (BufferedResponseStream.this) {
            buffer.write(b, off, len);
            BufferedResponseStream.this.notifyAll();
          }
        }
      };
  private int status;
  private Map<String, String> headers = Map.of();
  private List<String> cookies = List.of();
  private boolean started;

  @Override
  public synchronized void start(int statusCode, Map<String, String> headers, List<String> cookies)
      throws IOException {
    if (started) {
      throw new IOException("response already started");
    }
    this.status = statusCode;
    this.headers = new LinkedHashMap<>(headers);
    this.cookies = cookies == null ? List.of() : List.copyOf(cookies);
    this.started = true;
    notifyAll();
  }

  @Override
  public synchronized OutputStream body() throws IOException {
    if (!started) {
      throw new IOException("start() must be called before body()");
    }
    return body;
  }

  @Override
  public synchronized boolean started() {
    return started;
  }

  public synchronized int status() {
    return status;
  }

  public synchronized Map<String, String> headers() {
    return Map.copyOf(headers);
  }

  /** The header's value, matching the name case-insensitively; {@code null} if absent. */
  public synchronized String header(String name) {
    for (var e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return null;
  }

  public synchronized byte[] bodyBytes() {
    return buffer.toByteArray();
  }

  public synchronized String bodyText() {
    return buffer.toString(StandardCharsets.UTF_8);
  }

  /**
   * Waits until the body contains {@code text} or {@code timeoutMillis} passed; returns whether it
   * does.
   */
  public synchronized boolean awaitBodyContaining(String text, long timeoutMillis)
      throws InterruptedException {
    long end = System.currentTimeMillis() + timeoutMillis;
    while (!buffer.toString(StandardCharsets.UTF_8).contains(text)) {
      long left = end - System.currentTimeMillis();
      if (left <= 0) {
        return false;
      }
      wait(left);
    }
    return true;
  }

  /** The buffered response as a Function URL response (payload format 2.0). */
  public synchronized FunctionUrlResponse toFunctionUrlResponse() {
    return new FunctionUrlResponse(
        started ? status : 500,
        Map.copyOf(headers),
        buffer.toString(StandardCharsets.UTF_8),
        false,
        cookies.isEmpty() ? null : cookies);
  }
}
