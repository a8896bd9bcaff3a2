package dev.mcplambda.runtime;

import dev.mcplambda.http.FunctionUrlResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link ResponseStream} kept in memory and turned into one payload-2.0 {@link
 * FunctionUrlResponse}: what the streaming runtime posts for events that are not Function URL
 * events, what the stock (buffered) Lambda runtime returns, and what tests read. Thread-safe: the
 * body can be read (or awaited) while another thread writes it.
 */
public final class BufferedResponseStream implements ResponseStream {

  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private final OutputStream body = new Body();
  private int status;
  private Map<String, String> headers = Map.of();
  private List<String> cookies = List.of();
  private boolean started;
  private String endedBecause;

  @Override
  public synchronized void start(int statusCode, Map<String, String> headers, List<String> cookies)
      throws IOException {
    ensureOpen();
    if (started) {
      throw new IllegalStateException("start() was already called");
    }
    this.status = statusCode;
    this.headers =
        headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    this.cookies = cookies == null ? List.of() : List.copyOf(cookies);
    this.started = true;
    notifyAll();
  }

  @Override
  public synchronized OutputStream body() {
    if (!started) {
      throw new IllegalStateException("start() must be called before body()");
    }
    return body;
  }

  @Override
  public synchronized boolean started() {
    return started;
  }

  /**
   * Ends the response: later {@link #start} calls and body writes fail with an {@link IOException}
   * saying {@code why}. The first reason sticks.
   */
  public synchronized void end(String why) {
    if (endedBecause == null) {
      endedBecause = why;
    }
  }

  /** Whether {@link #end} was called. */
  public synchronized boolean ended() {
    return endedBecause != null;
  }

  /**
   * Drops whatever was started and written and holds this response instead (e.g. the runtime's 504
   * when the deadline is close).
   */
  public synchronized void replace(int statusCode, Map<String, String> headers, byte[] content) {
    this.status = statusCode;
    this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    this.cookies = List.of();
    this.started = true;
    buffer.reset();
    buffer.writeBytes(content);
    notifyAll();
  }

  public synchronized int status() {
    return status;
  }

  public synchronized Map<String, String> headers() {
    return headers;
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

  /**
   * The response as a Function URL response (payload format 2.0): status 500 if it was never
   * started; the body as text when it is valid UTF-8, base64-encoded otherwise.
   */
  public synchronized FunctionUrlResponse toFunctionUrlResponse() {
    byte[] raw = buffer.toByteArray();
    String text = utf8(raw);
    return new FunctionUrlResponse(
        started ? status : 500,
        headers,
        text != null ? text : Base64.getEncoder().encodeToString(raw),
        text == null,
        cookies.isEmpty() ? null : cookies);
  }

  private void ensureOpen() throws IOException {
    if (endedBecause != null) {
      throw new IOException(endedBecause);
    }
  }

  private static String utf8(byte[] raw) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(raw))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private final class Body extends OutputStream {

    @Override
    public void write(int b) throws IOException {
      synchronized (BufferedResponseStream.this) {
        ensureOpen();
        buffer.write(b);
        BufferedResponseStream.this.notifyAll();
      }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      synchronized (BufferedResponseStream.this) {
        ensureOpen();
        buffer.write(b, off, len);
        BufferedResponseStream.this.notifyAll();
      }
    }

    @Override
    public void flush() throws IOException {
      synchronized (BufferedResponseStream.this) {
        ensureOpen();
      }
    }
  }
}
