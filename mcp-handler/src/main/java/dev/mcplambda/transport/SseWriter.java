package dev.mcplambda.transport;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes the {@code text/event-stream} wire format and flushes after every event, so that each
 * event leaves at once (the response stream sends what is flushed).
 *
 * <p>Framing: optional {@code event: }, {@code id: } lines, one {@code data: } line per line of the
 * payload (CRLF, CR and LF all split lines), then an empty line. Comments ({@code : text}) and
 * {@code retry:} are separate blocks. All line endings are {@code \n}.
 */
public final class SseWriter {

  private final OutputStream out;

  public SseWriter(OutputStream out) {
    this.out = out;
  }

  public void write(SseEvent event) throws IOException {
    StringBuilder b = new StringBuilder(event.data().length() + 32);
    if (event.event() != null) {
      b.append("event: ").append(event.event()).append('\n');
    }
    if (event.id() != null) {
      b.append("id: ").append(event.id()).append('\n');
    }
    String data = event.data();
    int start = 0;
    for (int i = 0; i < data.length(); i++) {
      char c = data.charAt(i);
      if (c == '\r' || c == '\n') {
        b.append("data: ").append(data, start, i).append('\n');
        if (c == '\r' && i + 1 < data.length() && data.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    b.append("data: ").append(data, start, data.length()).append('\n');
    b.append('\n');
    send(b);
  }

  /** A comment line (keep-alive): {@code : text}. Line breaks in {@code text} become spaces. */
  public void comment(String text) throws IOException {
    send(new StringBuilder(": ").append(singleLine(text)).append("\n\n"));
  }

  /** A {@code retry:} field telling the client how long to wait before reconnecting. */
  public void retry(long millis) throws IOException {
    send(new StringBuilder("retry: ").append(Math.max(0, millis)).append("\n\n"));
  }

  private void send(CharSequence block) throws IOException {
    out.write(block.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static String singleLine(String s) {
    return s.replace('\r', ' ').replace('\n', ' ');
  }
}
