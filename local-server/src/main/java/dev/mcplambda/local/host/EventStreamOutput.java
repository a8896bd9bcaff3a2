package dev.mcplambda.local.host;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;

/**
 * The output stream a hosted function writes to under {@code InvokeWithResponseStream}: what the
 * handler writes is buffered until it flushes (or returns), then sent as one {@code PayloadChunk}
 * event-stream message and flushed to the caller, so each flush reaches the orchestrator at once.
 * {@link #complete} ends the stream with {@code InvokeComplete}. Writes after completion (a handler
 * that outlived its timeout) are dropped. Thread-safe.
 */
final class EventStreamOutput extends OutputStream {

  private final OutputStream wire;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
  private boolean completed;

  EventStreamOutput(OutputStream wire) {
    this.wire = wire;
  }

  @Override
  public synchronized void write(int b) {
    if (!completed) {
      pending.write(b);
    }
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    if (!completed) {
      pending.write(b, off, len);
    }
  }

  /** Sends what was written since the last flush as one {@code PayloadChunk}. */
  @Override
  public synchronized void flush() throws IOException {
    if (completed || pending.size() == 0) {
      return;
    }
    byte[] chunk = pending.toByteArray();
    pending.reset();
    send(payloadChunk(chunk));
  }

  /** The handler returning closes nothing: the host completes the stream. */
  @Override
  public void close() throws IOException {
    flush();
  }

  /**
   * Flushes what is pending (unless the invocation failed) and sends {@code InvokeComplete}.
   *
   * @param errorCode {@code null} on success
   */
  synchronized void complete(String errorCode, String errorDetails) throws IOException {
    if (completed) {
      return;
    }
    if (errorCode == null) {
      flush();
    }
    pending.reset();
    completed = true;
    send(invokeComplete(errorCode, errorDetails));
  }

  private void send(Message message) throws IOException {
    message.encode(wire);
    wire.flush();
  }

  static Message payloadChunk(byte[] bytes) {
    Map<String, HeaderValue> headers = new LinkedHashMap<>();
    headers.put(":event-type", HeaderValue.fromString("PayloadChunk"));
    headers.put(":content-type", HeaderValue.fromString("application/octet-stream"));
    headers.put(":message-type", HeaderValue.fromString("event"));
    return new Message(headers, bytes);
  }

  static Message invokeComplete(String errorCode, String errorDetails) {
    Map<String, HeaderValue> headers = new LinkedHashMap<>();
    headers.put(":event-type", HeaderValue.fromString("InvokeComplete"));
    headers.put(":content-type", HeaderValue.fromString("application/json"));
    headers.put(":message-type", HeaderValue.fromString("event"));
    StringBuilder json = new StringBuilder("{");
    if (errorCode != null) {
      json.append("\"ErrorCode\":")
          .append(dev.mcplambda.json.Json.write(errorCode))
          .append(",\"ErrorDetails\":")
          .append(dev.mcplambda.json.Json.write(errorDetails == null ? "" : errorDetails));
    }
    json.append('}');
    return new Message(headers, json.toString().getBytes(StandardCharsets.UTF_8));
  }
}
