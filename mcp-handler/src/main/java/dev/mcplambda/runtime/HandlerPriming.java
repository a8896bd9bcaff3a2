package dev.mcplambda.runtime;

import dev.mcplambda.http.FunctionUrlRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SnapStartHook} that primes a handler before the snapshot: it serves synthetic Function
 * URL events ({@code rounds} times each, responses discarded) and runs {@code extra} (clients to
 * touch), so the classes and the interpreter profiles (and at higher rounds compiled code) of the
 * request path are in the snapshot instead of being loaded by the first real request. A failing
 * priming request is logged and skipped: priming never fails the snapshot.
 */
public final class HandlerPriming implements SnapStartHook {

  private static final Logger LOG = LoggerFactory.getLogger(HandlerPriming.class);

  /** How long a synthetic request may take (the handler's deadline). */
  private static final long DEADLINE_MILLIS = 10_000;

  private final StreamingHandler handler;
  private final List<byte[]> events;
  private final int rounds;
  private final Runnable extra;

  public HandlerPriming(StreamingHandler handler, List<byte[]> events, int rounds, Runnable extra) {
    this.handler = handler;
    this.events = List.copyOf(events);
    this.rounds = rounds;
    this.extra = extra;
  }

  @Override
  public void beforeSnapshot() {
    long start = System.nanoTime();
    int served = 0;
    try {
      extra.run();
    } catch (RuntimeException e) {
      LOG.warn("priming: touching the clients failed: {}", e.toString());
    }
    for (int r = 0; r < rounds; r++) {
      for (byte[] event : events) {
        if (serve(event)) {
          served++;
        }
      }
    }
    LOG.info(
        "priming: {} synthetic requests in {} ms", served, (System.nanoTime() - start) / 1_000_000);
  }

  /** Serves one synthetic event; {@code true} when the handler answered. */
  boolean serve(byte[] event) {
    try {
      FunctionUrlRequest request = FunctionUrlEventReader.read(event);
      handler.handle(
          request,
          new Discarding(),
          new InvocationContext(
              "priming", System.currentTimeMillis() + DEADLINE_MILLIS, null, null));
      return true;
    } catch (IOException | RuntimeException e) {
      LOG.warn("priming request failed: {}", e.toString());
      return false;
    }
  }

  /** A response stream that drops what it is given. */
  private static final class Discarding implements ResponseStream {
    private OutputStream body;

    @Override
    public void start(int statusCode, Map<String, String> headers, List<String> cookies) {
      body = OutputStream.nullOutputStream();
    }

    @Override
    public OutputStream body() {
      return body == null ? OutputStream.nullOutputStream() : body;
    }

    @Override
    public boolean started() {
      return body != null;
    }
  }
}
