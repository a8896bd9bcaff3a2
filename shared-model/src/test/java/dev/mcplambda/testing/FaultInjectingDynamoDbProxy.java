package dev.mcplambda.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/**
 * A DynamoDB-API proxy on a loopback port in front of a real server (dynalite) that injects the
 * faults a production table shows under load: throttling ({@code 400} with a {@code
 * ProvisionedThroughputExceededException} or {@code ThrottlingException} body), server errors
 * ({@code 500 InternalServerError}, {@code 503 ServiceUnavailableException}) and slow writes.
 *
 * <p>Every injected error is answered <em>instead of</em> forwarding, as DynamoDB does when it
 * throttles or fails a request (nothing was written); a slow write is forwarded after the delay.
 * Which request gets a fault is drawn from a seeded {@link Random}, so a run is reproducible up to
 * thread interleaving. The counters say what was injected, per kind and per operation.
 */
public final class FaultInjectingDynamoDbProxy implements AutoCloseable {

  /** Fault rates, each a probability per request (0..1). */
  public record Faults(
      double throughputExceeded,
      double throttling,
      double internalError,
      double unavailable,
      double slowWrite,
      Duration slowWriteDelay) {

    public static Faults none() {
      return new Faults(0, 0, 0, 0, 0, Duration.ZERO);
    }
  }

  private static final Set<String> WRITES =
      Set.of("PutItem", "UpdateItem", "DeleteItem", "TransactWriteItems", "BatchWriteItem");
  private static final Set<String> HOP_BY_HOP =
      Set.of("connection", "content-length", "expect", "host", "upgrade", "transfer-encoding");

  private final URI target;
  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final HttpClient client;
  private final Random random;
  private volatile Faults faults = Faults.none();
  private final Map<String, LongAdder> injected = new ConcurrentSkipListMap<>();
  private final LongAdder forwarded = new LongAdder();

  private FaultInjectingDynamoDbProxy(URI target, long seed) throws IOException {
    this.target = target;
    this.random = new Random(seed);
    this.client =
        HttpClient.newBuilder()
            .executor(threads)
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setExecutor(threads);
    server.createContext("/", this::serve);
    server.start();
  }

  /** Starts a proxy in front of {@code target} (e.g. {@link Dynalite#endpoint()}). */
  public static FaultInjectingDynamoDbProxy start(String target, long seed) {
    try {
      return new FaultInjectingDynamoDbProxy(URI.create(target), seed);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the fault-injecting proxy", e);
    }
  }

  /** The proxy's endpoint URL. */
  public String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Sets the fault rates from now on. */
  public void inject(Faults faults) {
    this.faults = faults;
  }

  /** Faults injected so far, by {@code kind operation} (e.g. {@code throttled PutItem}). */
  public Map<String, Long> injected() {
    Map<String, Long> out = new java.util.TreeMap<>();
    injected.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  /** Faults injected so far, all kinds. */
  public long injectedTotal() {
    return injected.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** Requests passed through to the server. */
  public long forwarded() {
    return forwarded.sum();
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      String amzTarget = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      String operation = amzTarget == null ? "?" : amzTarget.substring(amzTarget.indexOf('.') + 1);
      Faults f = faults;
      double draw;
      synchronized (random) {
        draw = random.nextDouble();
      }
      double edge = f.throughputExceeded();
      if (draw < edge) {
        fail(
            exchange,
            "throttled",
            operation,
            400,
            "com.amazonaws.dynamodb.v20120810#" + "ProvisionedThroughputExceededException",
            "The level of configured provisioned" + " throughput for the table was exceeded.");
        return;
      }
      if (draw < (edge += f.throttling())) {
        fail(
            exchange,
            "throttled",
            operation,
            400,
            "com.amazon.coral.availability#ThrottlingException",
            "Rate exceeded");
        return;
      }
      if (draw < (edge += f.internalError())) {
        fail(
            exchange,
            "5xx",
            operation,
            500,
            "com.amazonaws.dynamodb.v20120810#InternalServerError",
            "Internal server error");
        return;
      }
      if (draw < (edge += f.unavailable())) {
        fail(
            exchange,
            "5xx",
            operation,
            503,
            "com.amazon.coral.availability#ServiceUnavailableException",
            "Service unavailable");
        return;
      }
      if (WRITES.contains(operation) && draw < edge + f.slowWrite()) {
        count("slow", operation);
        Thread.sleep(f.slowWriteDelay().toMillis());
      }
      forward(exchange, body);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void forward(HttpExchange exchange, byte[] body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(target.resolve(exchange.getRequestURI()))
            .timeout(Duration.ofSeconds(30))
            .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
              }
            });
    HttpResponse<byte[]> response =
        client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    forwarded.increment();
    response
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, List.copyOf(values));
              }
            });
    byte[] out = response.body();
    exchange.sendResponseHeaders(response.statusCode(), out.length == 0 ? -1 : out.length);
    try (OutputStream os = exchange.getResponseBody()) {
      os.write(out);
    }
  }

  private void fail(
      HttpExchange exchange, String kind, String operation, int status, String type, String message)
      throws IOException {
    count(kind, operation);
    byte[] out =
        ("{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
    exchange.getResponseHeaders().set("x-amzn-RequestId", "fault-" + System.nanoTime());
    exchange.sendResponseHeaders(status, out.length);
    try (OutputStream os = exchange.getResponseBody()) {
      os.write(out);
    }
  }

  private void count(String kind, String operation) {
    injected.computeIfAbsent(kind + " " + operation, k -> new LongAdder()).increment();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
