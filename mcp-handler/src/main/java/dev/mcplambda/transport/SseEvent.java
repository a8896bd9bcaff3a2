package dev.mcplambda.transport;

/**
 * One Server-Sent Event. {@code event} and {@code id} are optional ({@code null}); {@code data} may
 * span several lines.
 *
 * @param event the event type ({@code endpoint}, {@code message}), or {@code null} for the default
 * @param id the event id (a resumption cursor), or {@code null}
 * @param data the payload; line breaks become separate {@code data:} lines
 */
public record SseEvent(String event, String id, String data) {

  public SseEvent {
    if (data == null) {
      throw new IllegalArgumentException("data must not be null");
    }
    if (hasLineBreak(event) || hasLineBreak(id)) {
      throw new IllegalArgumentException("event and id must be single-line");
    }
  }

  /** A default ({@code message}-typed) event carrying one JSON-RPC message. */
  public static SseEvent data(String json) {
    return new SseEvent(null, null, json);
  }

  /** An explicitly typed {@code message} event (the 2024-11-05 HTTP+SSE transport). */
  public static SseEvent message(String json) {
    return new SseEvent("message", null, json);
  }

  /** The first event of the 2024-11-05 HTTP+SSE stream: where to POST messages. */
  public static SseEvent endpoint(String uri) {
    return new SseEvent("endpoint", null, uri);
  }

  private static boolean hasLineBreak(String s) {
    return s != null && (s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0);
  }
}
