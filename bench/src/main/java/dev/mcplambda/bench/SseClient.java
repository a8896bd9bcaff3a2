package dev.mcplambda.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A minimal SSE reader: each dispatched event is queued with its arrival time (nanoTime). */
public final class SseClient implements AutoCloseable {

  public record Event(String name, String data, long arrivalNanos) {}

  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final InputStream stream;
  private final Thread reader;

  public SseClient(HttpClient client, URI uri) throws IOException, InterruptedException {
    HttpRequest req =
        HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET().build();
    HttpResponse<InputStream> r = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
    if (r.statusCode() != 200) {
      r.body().close();
      throw new IOException("GET " + uri + " answered " + r.statusCode());
    }
    stream = r.body();
    reader = new Thread(this::read, "sse-reader");
    reader.setDaemon(true);
    reader.start();
  }

  private void read() {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      String name = "message";
      StringBuilder data = new StringBuilder();
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isEmpty()) {
          if (!data.isEmpty()) {
            events.add(new Event(name, data.toString(), System.nanoTime()));
          }
          name = "message";
          data.setLength(0);
        } else if (line.startsWith("event:")) {
          name = line.substring(6).trim();
        } else if (line.startsWith("data:")) {
          if (!data.isEmpty()) {
            data.append('\n');
          }
          data.append(line.substring(5).stripLeading());
        }
      }
    } catch (IOException closed) {
      // stream ended
    }
  }

  /** The next event, or an exception after the timeout. */
  public Event next(Duration timeout) throws IOException, InterruptedException {
    Event e = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (e == null) {
      throw new IOException("no SSE event within " + timeout);
    }
    return e;
  }

  @Override
  public void close() {
    try {
      stream.close();
    } catch (IOException ignored) {
      // closing
    }
    reader.interrupt();
  }
}
