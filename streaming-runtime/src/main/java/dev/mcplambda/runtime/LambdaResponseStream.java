package dev.mcplambda.runtime;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.mcplambda.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A response streamed to Lambda: {@link #start} opens {@code POST .../response} in streaming mode
 * and sends the {@code application/vnd.awslambda.http-integration-response} prelude ({@code
 * {"statusCode":..,"headers":{..},"cookies":[..]}}) followed by 8 NUL bytes as the first chunk; the
 * body is buffered up to {@value #BUFFER} bytes and every {@code flush()} sends what was written as
 * one chunk at once. A failure after {@link #start} ends the body with the declared trailers {@code
 * Lambda-Runtime-Function-Error-Type} and {@code Lambda-Runtime-Function-Error-Body} (base64 of the
 * JSON error).
 */
final class LambdaResponseStream implements InvocationResponse {

  static final int BUFFER = 8 * 1024;
  static final int DELIMITER_LENGTH = 8;

  private enum State {
    NEW,
    OPEN,
    ENDED
  }

  private final RuntimeApiClient client;
  private final String requestId;
  private final byte[] buffer = new byte[BUFFER];
  private final Body body = new Body();
  private int count;
  private State state = State.NEW;
  private boolean endedAtDeadline;
  private ChunkedUpload upload;

  LambdaResponseStream(RuntimeApiClient client, String requestId) {
    this.client = client;
    this.requestId = requestId;
  }

  @Override
  public synchronized void start(int statusCode, Map<String, String> headers, List<String> cookies)
      throws IOException {
    if (state == State.ENDED) {
      throw endedException();
    }
    if (state != State.NEW) {
      throw new IllegalStateException("start() was already called");
    }
    byte[] prelude = prelude(statusCode, headers, cookies);
    upload = client.openStreamingResponse(requestId);
    state = State.OPEN;
    upload.writeChunk(prelude, 0, prelude.length);
    upload.flush();
  }

  @Override
  public synchronized OutputStream body() throws IOException {
    if (state == State.NEW) {
      throw new IllegalStateException("start() must be called before body()");
    }
    return body;
  }

  @Override
  public synchronized boolean started() {
    return state != State.NEW;
  }

  @Override
  public synchronized boolean complete() throws IOException {
    if (state == State.ENDED) {
      return true;
    }
    if (state == State.NEW) {
      return false;
    }
    state = State.ENDED;
    try {
      drain();
      upload.finish(Map.of());
    } catch (IOException e) {
      upload.abort();
      throw e;
    }
    return true;
  }

  @Override
  public synchronized boolean fail(FunctionError error) throws IOException {
    if (state == State.NEW) {
      return false;
    }
    if (state == State.ENDED) {
      return true;
    }
    state = State.ENDED;
    Map<String, String> trailers = new LinkedHashMap<>();
    trailers.put(RuntimeApiClient.ERROR_TYPE, error.category());
    trailers.put(RuntimeApiClient.ERROR_BODY, Base64.getEncoder().encodeToString(error.toJson()));
    try {
      drain();
      upload.finish(trailers);
    } catch (IOException e) {
      upload.abort();
      throw e;
    }
    return true;
  }

  @Override
  public synchronized void endAtDeadline() throws IOException {
    if (state == State.ENDED) {
      return;
    }
    if (state == State.NEW) {
      start(504, Map.of("content-type", "application/json"), List.of());
      byte[] message = DeadlineWatchdog.DEADLINE_BODY.getBytes(StandardCharsets.UTF_8);
      writeBuffered(message, 0, message.length);
    }
    endedAtDeadline = true;
    complete();
  }

  @Override
  public synchronized boolean ended() {
    return state == State.ENDED;
  }

  @Override
  public synchronized boolean endedAtDeadline() {
    return endedAtDeadline;
  }

  private void drain() throws IOException {
    if (count > 0) {
      upload.writeChunk(buffer, 0, count);
      count = 0;
    }
  }

  private void writeBuffered(byte[] b, int off, int len) throws IOException {
    if (len >= BUFFER) {
      drain();
      upload.writeChunk(b, off, len);
      return;
    }
    if (count + len > BUFFER) {
      drain();
    }
    System.arraycopy(b, off, buffer, count, len);
    count += len;
  }

  private IOException endedException() {
    return new IOException(
        endedAtDeadline
            ? "the response was ended because the invocation deadline is close"
            : "the response has already ended");
  }

  /** The http-integration-response prelude plus the 8 NUL delimiter bytes. */
  static byte[] prelude(int statusCode, Map<String, String> headers, List<String> cookies) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = Json.factory().createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("statusCode", statusCode);
      g.writeObjectFieldStart("headers");
      if (headers != null) {
        for (Map.Entry<String, String> h : headers.entrySet()) {
          g.writeStringField(h.getKey(), h.getValue());
        }
      }
      g.writeEndObject();
      g.writeArrayFieldStart("cookies");
      if (cookies != null) {
        for (String c : cookies) {
          g.writeString(c);
        }
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode the response prelude", e);
    }
    out.writeBytes(new byte[DELIMITER_LENGTH]);
    return out.toByteArray();
  }

  /** The handler's view of the body: buffered, each flush sends one chunk. */
  private final class Body extends OutputStream {

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      synchronized (LambdaResponseStream.this) {
        if (state != State.OPEN) {
          throw endedException();
        }
        writeBuffered(b, off, len);
      }
    }

    @Override
    public void flush() throws IOException {
      synchronized (LambdaResponseStream.this) {
        if (state != State.OPEN) {
          throw endedException();
        }
        drain();
        upload.flush();
      }
    }

    /** The runtime ends the response; a handler closing the body only flushes it. */
    @Override
    public void close() throws IOException {
      synchronized (LambdaResponseStream.this) {
        if (state == State.OPEN) {
          flush();
        }
      }
    }
  }
}
