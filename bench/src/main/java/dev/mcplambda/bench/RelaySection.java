package dev.mcplambda.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.testing.Dynalite;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Relay latency of the legacy SSE transport (2024-11-05) on the local server: time from sending
 * {@code POST /message?sessionId=} ({@code ping}) to the arrival of its {@code message} event on
 * {@code GET /sse}, with the in-memory store and with dynalite ({@code --dynamodb-endpoint}).
 *
 * <p>Two clients take turns on each store, each with its own session: {@link SocketSseSession}
 * (plain sockets, read on the posting thread: the budget's figure, what the server and loopback
 * cost) and the JDK {@code HttpClient} (what a Java client built on it sees: its selector thread
 * and executor hand-offs come on top). Both are warmed for {@link #WARM_MILLIS} per store first, so
 * the server and the client code are compiled before the samples.
 */
public final class RelaySection implements BenchSection {

  /** The seed's design: the stream polled DynamoDB once a second. A design figure, not measured. */
  static final double SEED_POLL_MS = 1000;

  /** Warm-up per store and client: long enough for C2 to compile the relay path. */
  static final long WARM_MILLIS = 3_000;

  @Override
  public String id() {
    return "relay";
  }

  @Override
  public void run(BenchConfig config, ObjectNode out) throws Exception {
    if (!BenchMain.classPresent(HttpSection.LOCAL_SERVER)) {
      throw new NotAvailableException(HttpSection.LOCAL_SERVER + " is not on this branch");
    }
    if (!BenchMain.classPresent(HttpSection.MCP_HANDLER)) {
      throw new NotAvailableException(
          HttpSection.MCP_HANDLER + " is not on this branch (no /sse on the local server)");
    }
    Path work = Files.createDirectories(config.outDir().resolve("work/relay"));
    int rounds = config.smoke() ? 1 : 4;
    int perRound = config.smoke() ? 3 : 60;
    long warmMillis = config.smoke() ? 0 : WARM_MILLIS;
    out.put(
        "method",
        "ping over POST /message -> its message event on GET /sse; "
            + rounds
            + " rounds x "
            + perRound
            + " samples per client, stores and clients alternating, after "
            + warmMillis
            + " ms of warm-up per store and client; p50Ms etc. from plain sockets read on the"
            + " posting thread, jdkHttpClient from java.net.http.HttpClient; local server pinned to "
            + config.serverCores());
    out.put("seedDesignPollMs", SEED_POLL_MS);
    out.put("seedDesignExpectedMedianMs", SEED_POLL_MS / 2);
    out.put(
        "ourPollIntervalMs",
        dev.mcplambda.store.dynamodb.DynamoDbSessionStore.DEFAULT_POLL_INTERVAL.toMillis());

    Map<String, List<String>> extra = new LinkedHashMap<>();
    extra.put("memory", List.of());
    extra.put("dynamodb", List.of("--dynamodb-endpoint", Dynalite.endpoint()));
    Map<String, ManagedProcess> servers = new LinkedHashMap<>();
    Map<String, SocketSseSession> sockets = new HashMap<>();
    Map<String, Session> sessions = new HashMap<>();
    Map<String, List<Double>> samples = new HashMap<>();
    Map<String, List<Double>> jdkSamples = new HashMap<>();
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    try {
      for (var e : extra.entrySet()) {
        int port = ManagedProcess.freePort();
        int admin = ManagedProcess.freePort();
        List<String> cmd =
            config.javaCommand(
                config.classpath(),
                HttpSection.LOCAL_SERVER,
                "--mcp-port",
                Integer.toString(port),
                "--admin-port",
                Integer.toString(admin));
        cmd.addAll(e.getValue());
        ManagedProcess p =
            ManagedProcess.start(
                "relay-" + e.getKey(), config.pinnedServer(cmd), Map.of(), work, null);
        servers.put(e.getKey(), p);
        p.awaitPort(port, Duration.ofSeconds(60));
        SocketSseSession socket = SocketSseSession.open(port);
        sockets.put(e.getKey(), socket);
        Session s = Session.open(client, port);
        sessions.put(e.getKey(), s);
        warm(socket::ping, warmMillis);
        warm(s::ping, warmMillis);
      }
      for (int r = 0; r < rounds; r++) {
        for (String store : extra.keySet()) {
          SocketSseSession socket = sockets.get(store);
          Session s = sessions.get(store);
          for (int i = 0; i < perRound; i++) {
            samples.computeIfAbsent(store, k -> new ArrayList<>()).add(socket.ping());
          }
          for (int i = 0; i < perRound; i++) {
            jdkSamples.computeIfAbsent(store, k -> new ArrayList<>()).add(s.ping());
          }
        }
      }
    } finally {
      sockets.values().forEach(SocketSseSession::close);
      sessions.values().forEach(Session::close);
      servers.values().forEach(ManagedProcess::close);
    }
    ObjectNode stores = out.putObject("stores");
    ObjectNode jdk = out.putObject("jdkHttpClient");
    for (String store : extra.keySet()) {
      put(stores.putObject(store), samples.get(store));
      put(jdk.putObject(store), jdkSamples.get(store));
    }
  }

  private static void put(ObjectNode so, List<Double> samples) {
    Stats st = Stats.of(samples);
    so.put("p50Ms", Stats.round(st.median()));
    so.put("p99Ms", Stats.round(st.p99()));
    so.put("minMs", Stats.round(st.min()));
    so.put("maxMs", Stats.round(st.max()));
    so.put("n", st.n());
  }

  /** One relay sample in milliseconds. */
  @FunctionalInterface
  private interface Ping {
    double ping() throws Exception;
  }

  /** Pings for {@code millis} (at least once). */
  private static void warm(Ping ping, long millis) throws Exception {
    long end = System.nanoTime() + millis * 1_000_000;
    do {
      ping.ping();
    } while (System.nanoTime() < end);
  }

  /** One legacy SSE session: the stream, its POST endpoint and a request counter. */
  static final class Session implements AutoCloseable {
    private final HttpClient client;
    private final SseClient sse;
    private final URI post;
    private int nextId = 1;

    private Session(HttpClient client, SseClient sse, URI post) {
      this.client = client;
      this.sse = sse;
      this.post = post;
    }

    static Session open(HttpClient client, int port) throws Exception {
      URI base = URI.create("http://127.0.0.1:" + port + "/");
      SseClient sse = new SseClient(client, base.resolve("/sse"));
      SseClient.Event endpoint = sse.next(Duration.ofSeconds(30));
      if (!"endpoint".equals(endpoint.name())) {
        sse.close();
        throw new IOException("first SSE event is '" + endpoint.name() + "', not 'endpoint'");
      }
      Session s = new Session(client, sse, base.resolve(endpoint.data().trim()));
      s.call("initialize", McpMessages.legacyInitializeParams());
      s.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
      return s;
    }

    /** Milliseconds from sending a ping to its response event. */
    double ping() throws Exception {
      long t0 = System.nanoTime();
      SseClient.Event e = call("ping", null);
      return (e.arrivalNanos() - t0) / 1e6;
    }

    SseClient.Event call(String method, ObjectNode params) throws Exception {
      int id = nextId++;
      send(McpMessages.json(McpMessages.request(id, method, params)));
      SseEventSource events = () -> sse.next(Duration.ofSeconds(30));
      return events.answerTo(id, method);
    }

    void send(String body) throws Exception {
      HttpRequest req =
          HttpRequest.newBuilder(post)
              .header("Content-Type", "application/json")
              .timeout(Duration.ofSeconds(30))
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build();
      HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 202 && r.statusCode() != 200) {
        throw new IOException("POST /message answered " + r.statusCode() + ": " + r.body());
      }
    }

    @Override
    public void close() {
      sse.close();
    }
  }
}
