package dev.mcplambda.local;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import dev.mcplambda.runtime.ResponseStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * A {@link ResponseStream} over a JDK HTTP exchange: {@link #start} sends the status and headers
 * with chunked transfer encoding, and every {@code flush()} of the body sends the bytes written so
 * far as one chunk, so server-sent events reach the client as they are written.
 */
final class ChunkedResponseStream implements ResponseStream {

  private final HttpExchange exchange;
  private int status;
  private OutputStream body;

  ChunkedResponseStream(HttpExchange exchange) {
    this.exchange = exchange;
  }

  @Override
  public void start(int statusCode, Map<String, String> headers, List<String> cookies)
      throws IOException {
    if (started()) {
      throw new IllegalStateException("the response was already started");
    }
    status = statusCode;
    Headers out = exchange.getResponseHeaders();
    if (headers != null) {
      headers.forEach(
          (name, value) -> {
            if (!HttpResponses.isHopByHop(name)) {
              out.set(name, value);
            }
          });
    }
    if (cookies != null) {
      cookies.forEach(c -> out.add("Set-Cookie", c));
    }
    boolean noBody =
        statusCode == 204 || statusCode == 304 || "HEAD".equals(exchange.getRequestMethod());
    exchange.sendResponseHeaders(statusCode, noBody ? -1 : 0);
    OutputStream raw = exchange.getResponseBody();
    // a JSON body is complete only when the handler returns: its flushes are not sent (the whole
    // response then leaves in one write when the exchange closes); a stream's headers and every
    // flush of its body are sent at once
    boolean whole = isJson(out.getFirst("Content-Type"));
    if (!whole) {
      raw.flush();
    }
    // the caller of the handler closes the exchange; a handler's close() only flushes
    body =
        new FilterOutputStream(raw) {
          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
          }

          @Override
          public void flush() throws IOException {
            if (!whole) {
              out.flush();
            }
          }

          @Override
          public void close() throws IOException {
            flush();
          }
        };
  }

  /** {@code application/json} (with or without parameters). */
  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semicolon = contentType.indexOf(';');
    String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
    return type.equalsIgnoreCase("application/json");
  }

  @Override
  public OutputStream body() {
    if (!started()) {
      throw new IllegalStateException("start() must be called before body()");
    }
    return body;
  }

  @Override
  public boolean started() {
    return body != null;
  }

  int status() {
    return status;
  }
}
