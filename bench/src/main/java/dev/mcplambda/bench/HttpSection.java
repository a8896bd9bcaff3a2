package dev.mcplambda.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP throughput and latency of an echo {@code tools/call}: our local server (2026-07-28 stateless
 * POST /mcp, echo served by the in-process function host) against the official TypeScript SDK and
 * MCP Java SDK servers (2025-11-25 stateless Streamable HTTP), all started once, pinned to the
 * server core; wrk on the load core, targets alternating within each round.
 */
public final class HttpSection implements BenchSection {

  static final String LOCAL_SERVER = "dev.mcplambda.local.LocalServer";
  static final String MCP_HANDLER = "dev.mcplambda.McpHandler";
  static final String SDK_VERSION = "1.32.2";

  @Override
  public String id() {
    return "http";
  }

  @Override
  public void run(BenchConfig config, ObjectNode out) throws Exception {
    if (config.wrk() == null) {
      throw new NotAvailableException(
          "wrk is not installed (bench/run.sh installs it with apt-get)");
    }
    Path work = Files.createDirectories(config.outDir().resolve("work/http"));
    int duration = config.smoke() ? 1 : 6;
    int warmup = config.smoke() ? 1 : 8;
    int repeats = config.smoke() ? 1 : 3;
    int[] concurrencies = {1, 32};
    out.put(
        "method",
        "wrk -t1 --latency, "
            + duration
            + " s per sample, "
            + repeats
            + " rounds, targets alternating; servers started once and warmed up "
            + warmup
            + " s at c=32; servers pinned to cores "
            + config.serverCores()
            + ", wrk to "
            + config.loadCores());

    // our first local server's function host, which the Node seed-path peer calls too
    int hostPort = ManagedProcess.freePort();
    List<HttpTarget> targets = targets(config);
    ObjectNode tOut = out.putObject("targets");
    Map<String, ManagedProcess> running = new LinkedHashMap<>();
    Map<String, Integer> ports = new HashMap<>();
    Map<String, Path> scripts = new HashMap<>();
    List<String> broken = new ArrayList<>();
    try {
      for (HttpTarget t : targets) {
        ObjectNode to = tOut.putObject(t.id());
        to.put("label", t.label());
        if (!t.available()) {
          to.put("status", SectionStatus.NOT_AVAILABLE.label());
          to.put("reason", t.unavailableReason());
          continue;
        }
        int port = ManagedProcess.freePort();
        List<String> cmd = new ArrayList<>();
        int adminPort = ManagedProcess.freePort();
        for (String c : t.command()) {
          cmd.add(
              c.replace("{port}", Integer.toString(port))
                  .replace("{adminPort}", Integer.toString(adminPort))
                  .replace("{hostPort}", Integer.toString(hostPort)));
        }
        try {
          ManagedProcess p =
              ManagedProcess.start(
                  "http-" + t.id(), config.pinnedServer(cmd), Map.of(), work, t.workDir());
          running.put(t.id(), p);
          p.awaitPort(port, Duration.ofSeconds(60));
          ports.put(t.id(), port);
          sanity(t, port);
          Path lua = work.resolve(t.id() + ".lua");
          Files.writeString(lua, lua(t));
          scripts.put(t.id(), lua);
          wrk(config, t, port, lua, 32, warmup);
          to.put("status", SectionStatus.OK.label());
        } catch (Exception e) {
          to.put("status", SectionStatus.FAILED.label());
          to.put("reason", e.getMessage());
          broken.add(t.id() + ": " + e.getMessage());
          ManagedProcess p = running.remove(t.id());
          if (p != null) {
            p.close();
          }
        }
      }
      Map<String, List<WrkResult>> samples = new HashMap<>();
      for (int r = 0; r < repeats; r++) {
        for (int c : concurrencies) {
          for (HttpTarget t : targets) {
            if (!running.containsKey(t.id())) {
              continue;
            }
            WrkResult w = wrk(config, t, ports.get(t.id()), scripts.get(t.id()), c, duration);
            samples.computeIfAbsent(t.id() + "/" + c, k -> new ArrayList<>()).add(w);
          }
        }
      }
      for (HttpTarget t : targets) {
        if (!running.containsKey(t.id())) {
          continue;
        }
        ObjectNode to = (ObjectNode) tOut.get(t.id());
        for (int c : concurrencies) {
          List<WrkResult> ws = samples.get(t.id() + "/" + c);
          ObjectNode co = to.putObject("c" + c);
          co.set("reqPerSec", Stats.of(ws.stream().map(WrkResult::reqPerSec).toList()).toJson());
          co.set("p50Ms", Stats.of(ws.stream().map(WrkResult::p50Ms).toList()).toJson());
          co.set("p99Ms", Stats.of(ws.stream().map(WrkResult::p99Ms).toList()).toJson());
          long errors = ws.stream().mapToLong(WrkResult::errors).sum();
          co.put("errors", errors);
          if (errors > 0) {
            broken.add(t.id() + " c=" + c + ": " + errors + " non-2xx or socket errors");
          }
        }
      }
    } finally {
      running.values().forEach(ManagedProcess::close);
    }
    if (!broken.isEmpty()) {
      throw new IOException("http broke: " + String.join("; ", broken));
    }
  }

  private List<HttpTarget> targets(BenchConfig config) {
    List<HttpTarget> list = new ArrayList<>();
    String ourReason = null;
    if (!BenchMain.classPresent(LOCAL_SERVER)) {
      ourReason = LOCAL_SERVER + " is not on this branch";
    } else if (!BenchMain.classPresent(MCP_HANDLER)) {
      ourReason = MCP_HANDLER + " is not on this branch (the local server's MCP plane answers 503)";
    }
    List<String> ourList =
        config.javaCommand(
            config.classpath(),
            LOCAL_SERVER,
            "--mcp-port",
            "{port}",
            "--admin-port",
            "{adminPort}",
            "--register-examples");
    List<String> ours = new ArrayList<>(ourList);
    ours.addAll(List.of("--function-host-port", "{hostPort}"));
    String ourBody =
        McpMessages.json(
            McpMessages.stateless(1, "tools/call", McpMessages.echoCallParams("hello")));
    list.add(
        new HttpTarget(
            "ours",
            "mcp-lambda local server (2026-07-28 stateless)",
            ours,
            null,
            "/mcp",
            ourBody,
            McpMessages.statelessHeaders("tools/call", "echo"),
            ourReason));
    String listBody =
        McpMessages.json(
            McpMessages.stateless(
                1, "tools/list", dev.mcplambda.json.Json.mapper().createObjectNode()));
    list.add(
        new HttpTarget(
            "ours-list",
            "diagnostic: ours, tools/list (no function call: isolates the Lambda hop)",
            ourList,
            null,
            "/mcp",
            listBody,
            McpMessages.statelessHeaders("tools/list", null),
            ourReason));
    String peerBody =
        McpMessages.json(McpMessages.request(1, "tools/call", McpMessages.echoCallParams("hello")));
    String tsReason = null;
    if (config.tsPeerDir() == null
        || !Files.isDirectory(
            config.tsPeerDir().resolve("node_modules/@modelcontextprotocol/sdk"))) {
      tsReason = "@modelcontextprotocol/sdk was not installed by bench/run.sh (npm failed?)";
    }
    list.add(
        new HttpTarget(
            "ts-sdk",
            "TypeScript SDK " + SDK_VERSION + " (Node 22, stateless Streamable HTTP)",
            List.of(config.node(), "ts-echo-server.mjs", "{port}"),
            config.tsPeerDir(),
            "/mcp",
            peerBody,
            McpMessages.sessionEraHeaders(),
            tsReason));
    String seedReason = tsReason;
    if (seedReason == null
        && !Files.isDirectory(config.tsPeerDir().resolve("node_modules/@aws-sdk/client-lambda"))) {
      seedReason = "@aws-sdk/client-lambda was not installed by bench/run.sh (npm failed?)";
    }
    if (seedReason == null && ourReason != null) {
      seedReason = "it calls our local server's function host: " + ourReason;
    }
    list.add(
        new HttpTarget(
            "ts-seed",
            "Node seed path: TypeScript SDK "
                + SDK_VERSION
                + " server, echo tool calls our function host with @aws-sdk/client-lambda "
                + installedVersion(config, "@aws-sdk/client-lambda")
                + " InvokeCommand",
            List.of(
                config.node(),
                "ts-seed-path-server.mjs",
                "{port}",
                "http://127.0.0.1:{hostPort}",
                "arn:aws:lambda:us-east-1:000000000000:function:echo"),
            config.tsPeerDir(),
            "/mcp",
            peerBody,
            McpMessages.sessionEraHeaders(),
            seedReason));
    list.add(
        new HttpTarget(
            "java-sdk",
            "MCP Java SDK 2.1.0 (stateless servlet transport, Jetty 12.1)",
            javaPeer(config, "JavaSdkEchoServer", "{port}"),
            null,
            "/mcp",
            peerBody,
            McpMessages.sessionEraHeaders(),
            null));
    list.add(
        new HttpTarget(
            "java-sdk-lambda",
            "MCP Java SDK 2.1.0 server, echo tool calls our function host with the AWS SDK for Java"
                + " v2 LambdaClient (URL-connection client)",
            javaPeer(
                config,
                "JavaSdkLambdaServer",
                "{port}",
                "http://127.0.0.1:{hostPort}",
                "arn:aws:lambda:us-east-1:000000000000:function:echo"),
            null,
            "/mcp",
            peerBody,
            McpMessages.sessionEraHeaders(),
            ourReason == null ? null : "it calls our local server's function host: " + ourReason));
    return list;
  }

  /** The command line of a Java peer in {@code dev.mcplambda.bench.peer}, on the peer classpath. */
  static List<String> javaPeer(BenchConfig config, String mainClass, String... args) {
    return config.javaCommand(peerClasspath(config), "dev.mcplambda.bench.peer." + mainClass, args);
  }

  /** The version npm installed into the peer folder, or "?". */
  static String installedVersion(BenchConfig config, String pkg) {
    if (config.tsPeerDir() == null) {
      return "?";
    }
    try {
      return Json.mapper()
          .readTree(config.tsPeerDir().resolve("node_modules/" + pkg + "/package.json").toFile())
          .path("version")
          .asText("?");
    } catch (IOException e) {
      return "?";
    }
  }

  /**
   * The bench classpath with the MCP Java SDK's json-schema-validator 3.x (target/peer-lib) in
   * place of the 2.x the project pins.
   */
  static String peerClasspath(BenchConfig config) {
    List<String> cp = new ArrayList<>();
    Path peerLib = config.root().resolve("bench/target/peer-lib");
    try (var jars = Files.list(peerLib)) {
      jars.filter(j -> j.toString().endsWith(".jar")).forEach(j -> cp.add(j.toString()));
    } catch (IOException e) {
      throw new IllegalStateException("no " + peerLib + " (build the bench module)", e);
    }
    for (String e : config.classpath().split(java.io.File.pathSeparator)) {
      if (!e.contains("json-schema-validator-2.")) {
        cp.add(e);
      }
    }
    return String.join(java.io.File.pathSeparator, cp);
  }

  /** One echo call outside wrk: the answer must carry the echoed text. */
  static void sanity(HttpTarget t, int port) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + t.path()))
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString(t.body()));
    t.headers().forEach(b::header);
    HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    String body = r.body();
    if (r.statusCode() != 200) {
      throw new IOException("sanity call answered " + r.statusCode() + ": " + abbreviate(body));
    }
    String json = body.trim();
    if (json.startsWith("event:") || json.startsWith("data:") || json.startsWith("id:")) {
      json = json.substring(json.indexOf("data:") + 5).trim().lines().findFirst().orElse("");
    }
    JsonNode msg = Json.mapper().readTree(json);
    if (msg.path("result").path("tools").isArray() && msg.path("result").path("tools").size() > 0) {
      return;
    }
    if (!"hello".equals(msg.path("result").path("content").path(0).path("text").asText())) {
      throw new IOException("sanity call did not echo hello: " + abbreviate(body));
    }
  }

  static String lua(HttpTarget t) {
    StringBuilder s = new StringBuilder();
    s.append("wrk.method = \"POST\"\n");
    s.append("wrk.body = [==[").append(t.body()).append("]==]\n");
    t.headers()
        .forEach(
            (k, v) ->
                s.append("wrk.headers[\"").append(k).append("\"] = \"").append(v).append("\"\n"));
    return s.toString();
  }

  record WrkResult(double reqPerSec, double p50Ms, double p99Ms, long errors) {}

  static WrkResult wrk(
      BenchConfig config, HttpTarget t, int port, Path lua, int connections, int seconds)
      throws IOException, InterruptedException {
    List<String> cmd =
        config.pinnedLoad(
            List.of(
                config.wrk(),
                "-t1",
                "-c" + connections,
                "-d" + seconds + "s",
                "--timeout",
                "10s",
                "--latency",
                "-s",
                lua.toString(),
                "http://127.0.0.1:" + port + t.path()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = p.waitFor();
    if (exit != 0) {
      throw new IOException("wrk exited " + exit + ": " + abbreviate(text));
    }
    return parseWrk(text);
  }

  private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern P50 = Pattern.compile("\\n\\s+50%\\s+([0-9.]+)(us|ms|s)");
  private static final Pattern P99 = Pattern.compile("\\n\\s+99%\\s+([0-9.]+)(us|ms|s)");
  private static final Pattern NON2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
  private static final Pattern SOCKET =
      Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

  static WrkResult parseWrk(String text) throws IOException {
    Matcher rps = RPS.matcher(text);
    Matcher p50 = P50.matcher(text);
    Matcher p99 = P99.matcher(text);
    if (!rps.find() || !p50.find() || !p99.find()) {
      throw new IOException("unexpected wrk output: " + abbreviate(text));
    }
    long errors = 0;
    Matcher n = NON2XX.matcher(text);
    if (n.find()) {
      errors += Long.parseLong(n.group(1));
    }
    Matcher s = SOCKET.matcher(text);
    if (s.find()) {
      for (int i = 1; i <= 4; i++) {
        errors += Long.parseLong(s.group(i));
      }
    }
    return new WrkResult(Double.parseDouble(rps.group(1)), millis(p50), millis(p99), errors);
  }

  private static double millis(Matcher m) {
    double v = Double.parseDouble(m.group(1));
    return switch (m.group(2)) {
      case "us" -> v / 1000.0;
      case "s" -> v * 1000.0;
      default -> v;
    };
  }

  static String abbreviate(String s) {
    return s.length() > 400 ? s.substring(0, 400) + "…" : s;
  }
}
