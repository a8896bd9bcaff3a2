package dev.mcplambda.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
    SseEventReader in = new SseEventReader(new BufferedInputStream(stream));
    try {
      SseClient.Event e;
      while ((e = in.next()) != null) {
        events.add(e);
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
