package dev.mcplambda.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Parses {@code text/event-stream} on the caller's thread: {@link #next} blocks until an event is
 * complete and stamps it with {@link System#nanoTime()} when its terminating blank line is read.
 * Comments and events without data are skipped; {@code id} and {@code retry} fields are ignored.
 */
final class SseEventReader implements SseEventSource {

  private final InputStream in;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

  SseEventReader(InputStream in) {
    this.in = in;
  }

  /** The next event with data, or null at the end of the stream. */
  @Override
  public SseClient.Event next() throws IOException {
    String name = "message";
    StringBuilder data = null;
    String l;
    while ((l = nextLine()) != null) {
      if (l.isEmpty()) {
        if (data != null) {
          return new SseClient.Event(name, data.toString(), System.nanoTime());
        }
        name = "message";
      } else if (l.startsWith("event:")) {
        name = value(l, 6);
      } else if (l.startsWith("data:")) {
        if (data == null) {
          data = new StringBuilder();
        } else {
          data.append('\n');
        }
        data.append(value(l, 5));
      }
    }
    return null;
  }

  /** The field value: after the colon, one leading space dropped (as the SSE spec says). */
  private static String value(String l, int from) {
    return l.startsWith(" ", from) ? l.substring(from + 1) : l.substring(from);
  }

  private String nextLine() throws IOException {
    line.reset();
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n') {
        return trimCr();
      }
      line.write(b);
    }
    return line.size() == 0 ? null : trimCr();
  }

  private String trimCr() {
    String s = line.toString(StandardCharsets.UTF_8);
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }
}
