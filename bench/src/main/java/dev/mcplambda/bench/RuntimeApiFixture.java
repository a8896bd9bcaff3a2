package dev.mcplambda.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * A minimal Lambda Runtime API of our own for cold-start runs: the first {@code invocation/next}
 * carries one event, the response (streamed or buffered) is read to its end and timed, the second
 * {@code invocation/next} is held open until {@link #close()} (the process stays up, so its peak
 * RSS can be read). An {@code init/error} or invocation {@code error} completes the run as failed.
 */
public final class RuntimeApiFixture implements AutoCloseable {

  /** What came back: nanoTime of the response's first and last byte, and the body. */
  public record Arrival(
      long firstByteNanos, long endNanos, byte[] body, String contentType, long nextServedNanos) {}

  private final HttpServer server;
  private final byte[] event;
  private final CompletableFuture<Arrival> arrival = new CompletableFuture<>();
  private final CountDownLatch closed = new CountDownLatch(1);
  private int nextCalls;
  private volatile long nextServedNanos;
  private volatile Runnable beforeFirstInvocation = () -> {};

  /** Runs (on the fixture's thread) just before the first invocation is handed out. */
  public void beforeFirstInvocation(Runnable r) {
    this.beforeFirstInvocation = r;
  }

  public RuntimeApiFixture(byte[] event) throws IOException {
    this.event = event;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.setExecutor(Executors.newCachedThreadPool(r -> daemon(r)));
    server.createContext("/2018-06-01/runtime/", this::serve);
    server.start();
  }

  /** {@code AWS_LAMBDA_RUNTIME_API}. */
  public String address() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  public CompletableFuture<Arrival> arrival() {
    return arrival;
  }

  private void serve(HttpExchange x) throws IOException {
    String path = x.getRequestURI().getPath();
    try (x) {
      if (path.endsWith("/invocation/next") && "GET".equals(x.getRequestMethod())) {
        int call;
        synchronized (this) {
          call = ++nextCalls;
        }
        if (call > 1) {
          // hold the runtime here until the run is over
          try {
            closed.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          x.sendResponseHeaders(500, -1);
          return;
        }
        beforeFirstInvocation.run();
        nextServedNanos = System.nanoTime();
        x.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", "bench-request-1");
        x.getResponseHeaders()
            .add("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 60_000));
        x.getResponseHeaders()
            .add(
                "Lambda-Runtime-Invoked-Function-Arn",
                "arn:aws:lambda:us-east-1:123456789012:function:mcp-bench");
        x.getResponseHeaders()
            .add("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000");
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(200, event.length);
        try (OutputStream os = x.getResponseBody()) {
          os.write(event);
        }
      } else if (path.endsWith("/response") && "POST".equals(x.getRequestMethod())) {
        InputStream in = x.getRequestBody();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        long first = 0;
        int n;
        while ((n = in.read(buf)) >= 0) {
          if (first == 0 && n > 0) {
            first = System.nanoTime();
          }
          body.write(buf, 0, n);
        }
        long end = System.nanoTime();
        x.sendResponseHeaders(202, -1);
        arrival.complete(
            new Arrival(
                first == 0 ? end : first,
                end,
                body.toByteArray(),
                x.getRequestHeaders().getFirst("Content-Type"),
                nextServedNanos));
      } else if (path.endsWith("/restore/next") && "GET".equals(x.getRequestMethod())) {
        // SnapStart: no snapshot is taken here; the runtime goes on as if restored at once
        x.sendResponseHeaders(200, -1);
      } else if (path.endsWith("/error")) {
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        x.sendResponseHeaders(202, -1);
        arrival.completeExceptionally(
            new IOException("runtime reported an error at " + path + ": " + abbreviate(body)));
      } else {
        x.sendResponseHeaders(404, -1);
      }
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "…" : s;
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "runtime-api-fixture");
    t.setDaemon(true);
    return t;
  }

  @Override
  public void close() {
    closed.countDown();
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
