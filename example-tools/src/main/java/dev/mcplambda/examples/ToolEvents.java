package dev.mcplambda.examples;

import dev.mcplambda.examples.conformance.JsonText;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Progress, log messages and the result of a streaming tool (registered with {@code invokeMode:
 * "stream"}), one line each, in the framing of docs/streaming-tools.md: newline-delimited JSON,
 * flushed after every event so the orchestrator can forward it at once.
 *
 * <pre>{@code
 * public final class Import implements RequestStreamHandler {
 *   public void handleRequest(InputStream in, OutputStream out, Context context) {
 *     ToolEvents events = ToolEvents.of(out);
 *     events.progress(1, 3, "downloading");
 *     events.log("info", "downloaded 120 rows");
 *     events.result(McpResults.toolResult(McpResults.text("imported 120 rows")));
 *   }
 * }
 * }</pre>
 *
 * Thread-safe. Nothing may follow {@link #result}.
 */
public final class ToolEvents {

  private static final Set<String> LEVELS =
      Set.of("debug", "info", "notice", "warning", "error", "critical", "alert", "emergency");

  private final OutputStream out;
  private boolean done;

  private ToolEvents(OutputStream out) {
    this.out = out;
  }

  /** Events written to a {@code RequestStreamHandler}'s output stream. */
  public static ToolEvents of(OutputStream out) {
    return new ToolEvents(out);
  }

  /** {@code {"type":"progress","progress":…,"total":…,"message":…}}; progress should grow. */
  public void progress(double progress, double total, String message) {
    Map<String, Object> e = event("progress");
    e.put("progress", number(progress));
    e.put("total", number(total));
    if (message != null) {
      e.put("message", message);
    }
    write(e);
  }

  /** Progress without a message. */
  public void progress(double progress, double total) {
    progress(progress, total, null);
  }

  /** Progress when the total is unknown. */
  public void progress(double progress) {
    Map<String, Object> e = event("progress");
    e.put("progress", number(progress));
    write(e);
  }

  /**
   * {@code {"type":"log","level":…,"data":…}}.
   *
   * @param level {@code debug}, {@code info}, {@code notice}, {@code warning}, {@code error},
   *     {@code critical}, {@code alert} or {@code emergency}
   * @param data a string, number, boolean, map or list
   */
  public void log(String level, Object data) {
    log(level, null, data);
  }

  /** A log message with a logger name. */
  public void log(String level, String logger, Object data) {
    if (level == null || !LEVELS.contains(level)) {
      throw new IllegalArgumentException("not an MCP log level: " + level);
    }
    Map<String, Object> e = event("log");
    e.put("level", level);
    if (logger != null) {
      e.put("logger", logger);
    }
    e.put("data", data);
    write(e);
  }

  /**
   * {@code {"type":"result","result":…}}: the tool's result (e.g. a {@code CallToolResult} from
   * {@link McpResults}, or any JSON value the orchestrator wraps). The last event.
   */
  public void result(Object result) {
    Map<String, Object> e = event("result");
    e.put("result", result);
    write(e);
    synchronized (this) {
      done = true;
    }
  }

  private static Map<String, Object> event(String type) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("type", type);
    return e;
  }

  /** Whole numbers as integers ({@code 50}, not {@code 50.0}). */
  private static Object number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? (Object) (long) value : value;
  }

  private synchronized void write(Map<String, Object> event) {
    if (done) {
      throw new IllegalStateException("the result was already written");
    }
    try {
      out.write((JsonText.write(event) + "\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
