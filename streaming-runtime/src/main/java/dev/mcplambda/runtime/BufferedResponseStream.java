package dev.mcplambda.runtime;

import dev.mcplambda.http.FunctionUrlResponse;
import dev.mcplambda.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A response collected in memory and posted whole to {@code /response} as a payload-2.0 {@link
 * FunctionUrlResponse} JSON document: used when the event is not a Function URL event (direct
 * invokes, {@code sam local invoke} with a custom event). The body goes out as text when it is
 * valid UTF-8, base64-encoded otherwise.
 */
final class BufferedResponseStream implements InvocationResponse {

  private final RuntimeApiClient client;
  private final String requestId;
  private final Body body = new Body();
  private int statusCode;
  private Map<String, String> headers;
  private List<String> cookies;
  private boolean started;
  private boolean ended;
  private boolean endedAtDeadline;

  BufferedResponseStream(RuntimeApiClient client, String requestId) {
    this.client = client;
    this.requestId = requestId;
  }

  @Override
  public synchronized void start(int statusCode, Map<String, String> headers, List<String> cookies)
      throws IOException {
    if (ended) {
      throw new IOException("the response has already ended");
    }
    if (started) {
      throw new IllegalStateException("start() was already called");
    }
    this.statusCode = statusCode;
    this.headers = headers == null ? Map.of() : new LinkedHashMap<>(headers);
    this.cookies = cookies == null || cookies.isEmpty() ? null : List.copyOf(cookies);
    this.started = true;
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

  @Override
  public synchronized boolean complete() throws IOException {
    if (ended) {
      return true;
    }
    if (!started) {
      return false;
    }
    ended = true;
    client.postResponse(requestId, document(), "application/json");
    return true;
  }

  /** Nothing has left yet in buffered mode: the caller always reports on {@code /error}. */
  @Override
  public synchronized boolean fail(FunctionError error) {
    if (ended) {
      return true;
    }
    ended = true;
    return false;
  }

  @Override
  public synchronized void endAtDeadline() throws IOException {
    if (ended) {
      return;
    }
    statusCode = 504;
    headers = Map.of("content-type", "application/json");
    cookies = null;
    body.bytes.reset();
    body.bytes.writeBytes(DeadlineWatchdog.DEADLINE_BODY.getBytes(StandardCharsets.UTF_8));
    started = true;
    endedAtDeadline = true;
    complete();
  }

  @Override
  public synchronized boolean ended() {
    return ended;
  }

  @Override
  public synchronized boolean endedAtDeadline() {
    return endedAtDeadline;
  }

  private byte[] document() {
    byte[] raw = body.bytes.toByteArray();
    String text = utf8(raw);
    FunctionUrlResponse response =
        text != null
            ? new FunctionUrlResponse(statusCode, headers, text, false, cookies)
            : new FunctionUrlResponse(
                statusCode, headers, Base64.getEncoder().encodeToString(raw), true, cookies);
    return Json.write(response).getBytes(StandardCharsets.UTF_8);
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
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public void write(int b) throws IOException {
      synchronized (BufferedResponseStream.this) {
        ensureOpen();
        bytes.write(b);
      }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      synchronized (BufferedResponseStream.this) {
        ensureOpen();
        bytes.write(b, off, len);
      }
    }

    @Override
    public void flush() throws IOException {
      synchronized (BufferedResponseStream.this) {
        ensureOpen();
      }
    }

    private void ensureOpen() throws IOException {
      if (ended) {
        throw new IOException(
            endedAtDeadline
                ? "the response was ended because the invocation deadline is close"
                : "the response has already ended");
      }
    }
  }
}
