package dev.mcplambda.invoke;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.mcplambda.json.Json;
import dev.mcplambda.session.LogLevel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Decodes a streaming tool function's output (docs/streaming-tools.md) as it arrives: UTF-8
 * newline-delimited JSON, one event per line, each an object whose {@code type} is {@code
 * progress}, {@code log} or {@code result}. Progress and log events go to the listener as soon as
 * their line is complete (bytes may be split anywhere, also inside a UTF-8 sequence); the {@code
 * result} event's {@code result} becomes the invocation's {@link InvocationOutcome.Success}.
 *
 * <p>Unambiguous with buffered output: if the first non-blank line is not a framed event (not JSON
 * on its own, e.g. pretty-printed, or JSON without one of the three {@code type}s), the whole
 * output is read as one plain JSON document, exactly like a buffered function's payload. After a
 * framed event every non-blank line must be one; lines after the result are ignored. Not
 * thread-safe: one decoder per invocation, fed from one thread.
 */
public final class ToolEventDecoder {

  /** Longest line (and longest plain document) accepted: the Lambda payload limit plus slack. */
  public static final int MAX_LINE_BYTES = 6 * 1024 * 1024 + 1024;

  private static final ObjectReader STRICT =
      Json.mapper().readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final ToolEventListener listener;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private ByteArrayOutputStream whole = new ByteArrayOutputStream();
  private boolean framed;
  private boolean plain;
  private boolean tooLarge;
  private JsonNode result;
  private String problem;
  private int lineNumber;

  public ToolEventDecoder(ToolEventListener listener) {
    this.listener = listener == null ? ToolEventListener.IGNORE : listener;
  }

  /** Feeds the next bytes of the output; complete lines are decoded (and events emitted) now. */
  public void feed(byte[] bytes, int offset, int length) {
    if (tooLarge) {
      return;
    }
    if (whole != null) {
      if (whole.size() + length > MAX_LINE_BYTES) {
        tooLarge = true;
        return;
      }
      whole.write(bytes, offset, length);
    }
    if (plain) {
      return;
    }
    int start = offset;
    int end = offset + length;
    for (int i = offset; i < end; i++) {
      if (bytes[i] == '\n') {
        line.write(bytes, start, i - start);
        endLine();
        start = i + 1;
        if (plain) {
          return;
        }
      }
    }
    if (line.size() + (end - start) > MAX_LINE_BYTES) {
      tooLarge = true;
      return;
    }
    line.write(bytes, start, end - start);
  }

  public void feed(byte[] bytes) {
    feed(bytes, 0, bytes.length);
  }

  /** The output ended: decodes what is left and says how the invocation ended. */
  public InvocationOutcome finish() {
    if (tooLarge) {
      return new InvocationOutcome.MalformedOutput(
          "the function's output has a line over " + MAX_LINE_BYTES + " bytes");
    }
    if (!plain && line.size() > 0) {
      endLine();
    }
    if (plain) {
      return plainDocument(whole.toByteArray());
    }
    if (problem != null) {
      return new InvocationOutcome.MalformedOutput(problem);
    }
    if (result != null) {
      return new InvocationOutcome.Success(result);
    }
    if (!framed) {
      return new InvocationOutcome.MalformedOutput("the function returned no payload");
    }
    return new InvocationOutcome.MalformedOutput(
        "the function's event stream ended without a result event");
  }

  /**
   * Decodes a whole output at once (a buffered {@code Invoke} payload of a streaming function): the
   * same rules, the events emitted in order before this returns.
   */
  public static InvocationOutcome decode(byte[] output, ToolEventListener listener) {
    ToolEventDecoder decoder = new ToolEventDecoder(listener);
    decoder.feed(output);
    return decoder.finish();
  }

  private void endLine() {
    byte[] bytes = line.toByteArray();
    line.reset();
    lineNumber++;
    int length = bytes.length;
    if (length > 0 && bytes[length - 1] == '\r') {
      length--;
    }
    if (isBlank(bytes, length)) {
      return;
    }
    if (result != null || problem != null) {
      return; // after the result (or the first problem) nothing counts
    }
    JsonNode node;
    try {
      node = STRICT.readTree(new java.io.ByteArrayInputStream(bytes, 0, length));
    } catch (IOException e) {
      node = null;
    }
    String type = node != null && node.isObject() ? node.path("type").asText(null) : null;
    boolean event = "progress".equals(type) || "log".equals(type) || "result".equals(type);
    if (!event) {
      if (!framed) {
        plain = true; // one plain JSON document, however many lines it spans
      } else {
        problem = "line " + lineNumber + " of the function's event stream is not an event";
      }
      return;
    }
    if (!framed) {
      framed = true;
      whole = null;
    }
    switch (type) {
      case "progress" -> progress(node);
      case "log" -> log(node);
      default -> {
        JsonNode value = node.get("result");
        if (value == null) {
          problem = "the result event on line " + lineNumber + " has no result";
        } else {
          result = value;
        }
      }
    }
  }

  private void progress(JsonNode node) {
    JsonNode progress = node.get("progress");
    JsonNode total = node.get("total");
    JsonNode message = node.get("message");
    if (progress == null
        || !progress.isNumber()
        || (total != null && !total.isNull() && !total.isNumber())
        || (message != null && !message.isNull() && !message.isTextual())) {
      problem =
          "the progress event on line "
              + lineNumber
              + " needs a number progress (total: number, message: string)";
      return;
    }
    listener.onEvent(
        new ToolEvent.Progress(
            progress.asDouble(),
            total == null || total.isNull() ? null : total.asDouble(),
            message == null || message.isNull() ? null : message.asText()));
  }

  private void log(JsonNode node) {
    String level = node.path("level").asText(null);
    JsonNode logger = node.get("logger");
    if (level == null
        || !LogLevel.isWireName(level)
        || (logger != null && !logger.isNull() && !logger.isTextual())) {
      problem =
          "the log event on line " + lineNumber + " needs a level (" + LogLevel.wireNames() + ")";
      return;
    }
    JsonNode data = node.get("data");
    listener.onEvent(
        new ToolEvent.Log(
            level,
            logger == null || logger.isNull() ? null : logger.asText(),
            data == null ? NullNode.getInstance() : data));
  }

  private static InvocationOutcome plainDocument(byte[] bytes) {
    if (isBlank(bytes, bytes.length)) {
      return new InvocationOutcome.MalformedOutput("the function returned no payload");
    }
    try {
      JsonNode node = STRICT.readTree(bytes);
      if (node == null || node.isMissingNode()) {
        return new InvocationOutcome.MalformedOutput("the function returned no payload");
      }
      return new InvocationOutcome.Success(node);
    } catch (IOException | RuntimeException e) {
      return new InvocationOutcome.MalformedOutput(
          "the function's output is neither framed events nor one JSON document");
    }
  }

  private static boolean isBlank(byte[] bytes, int length) {
    for (int i = 0; i < length; i++) {
      byte b = bytes[i];
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return false;
      }
    }
    return true;
  }
}
