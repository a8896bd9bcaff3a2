package dev.mcplambda.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.json.Json;
import dev.mcplambda.store.dynamodb.DynamoDbClients;
import dev.mcplambda.store.dynamodb.DynamoDbRegistryStore;
import dev.mcplambda.store.dynamodb.DynamoDbTables;
import dev.mcplambda.testing.Dynalite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Cold start: a fresh JVM running the real streaming runtime ({@code StreamingRuntime} main,
 * handler {@code dev.mcplambda.McpHandler}, the shaded {@code mcp-handler-*-lambda.jar}) against
 * our {@link RuntimeApiFixture} serving one Function URL event with a 2026 {@code tools/list}. Wall
 * time from just before the process is spawned to the last byte of the response, peak RSS ({@code
 * VmHWM} once the answer is in), classes loaded (a separate run with {@code -Xlog:class+load}).
 */
public final class ColdStartSection implements BenchSection {

  static final String RUNTIME_MAIN = "dev.mcplambda.runtime.StreamingRuntime";
  static final String HANDLER = "dev.mcplambda.McpHandler";
  static final String REGISTRY_TABLE = "bench-registry";
  static final String SESSION_TABLE = "bench-sessions";

  /** A JVM option set; {@code training} (when not null) builds the archive first. */
  record Variant(
      String id,
      String label,
      List<String> flags,
      List<String> training,
      Path archive,
      Map<String, String> env) {
    Variant(String id, String label, List<String> flags, List<String> training, Path archive) {
      this(id, label, flags, training, archive, Map.of());
    }
  }

  @Override
  public String id() {
    return "coldStart";
  }

  @Override
  public void run(BenchConfig config, ObjectNode out) throws Exception {
    Path jar = findJar(config.root().resolve("mcp-handler/target"), "mcp-handler-", "-lambda.jar");
    try (JarFile jf = new JarFile(jar.toFile())) {
      for (String cls : List.of(RUNTIME_MAIN, HANDLER)) {
        if (jf.getEntry(cls.replace('.', '/') + ".class") == null) {
          throw new NotAvailableException(cls + " is not in " + jar.getFileName());
        }
      }
    }
    out.put("jar", config.root().relativize(jar).toString());
    out.put("jvm", config.java());
    out.put("jvmVersion", jvmVersion(config.java()));
    out.put(
        "method",
        "fresh JVM per sample: spawn -> last byte of the streamed tools/list response at the"
            + " Runtime API fixture; peak RSS = VmHWM after the answer; classes from a separate"
            + " -Xlog:class+load run");
    Path work = Files.createDirectories(config.outDir().resolve("work/coldstart"));
    int repeats = config.smoke() ? 1 : 7;

    Map<String, Map<String, String>> stores = new LinkedHashMap<>();
    stores.put("memory", Map.of("MCP_STORE", "memory"));
    stores.put("dynamodb", dynamoEnv());

    List<Variant> variants = new ArrayList<>();
    variants.add(new Variant("default", "default JIT", List.of(), null, null));
    variants.add(
        new Variant(
            "c1",
            "-XX:TieredStopAtLevel=1 (Lambda's java17/java21 default)",
            List.of("-XX:TieredStopAtLevel=1"),
            null,
            null));
    variants.add(
        new Variant(
            "snapstart",
            "SnapStart priming hooks (snap-start init; no snapshot locally)",
            List.of(),
            null,
            null,
            Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start")));
    ObjectNode storesOut = out.putObject("stores");
    Map<String, List<Variant>> perStore = new LinkedHashMap<>();
    for (String store : stores.keySet()) {
      List<Variant> vs = new ArrayList<>(variants);
      Path jsa = work.resolve("app-" + store + ".jsa");
      vs.add(
          new Variant(
              "appcds",
              "AppCDS (-XX:SharedArchiveFile)",
              List.of("-XX:SharedArchiveFile=" + jsa),
              List.of("-XX:ArchiveClassesAtExit=" + jsa),
              jsa));
      Path aot = work.resolve("app-" + store + ".aot");
      vs.add(
          new Variant(
              "aot",
              "JDK 25 AOT cache (-XX:AOTCache)",
              List.of("-XX:AOTCache=" + aot),
              List.of("-XX:AOTCacheOutput=" + aot),
              aot));
      perStore.put(store, vs);
      storesOut.putObject(store);
    }

    // archives: one training run each (same classpath and store as the measured runs)
    Map<String, String> unavailable = new HashMap<>();
    for (var e : perStore.entrySet()) {
      for (Variant v : e.getValue()) {
        if (v.training() == null) {
          continue;
        }
        String key = e.getKey() + "/" + v.id();
        try {
          Files.deleteIfExists(v.archive());
          runOnce(config, jar, env(stores.get(e.getKey()), v), v.training(), true, false);
          if (!Files.isRegularFile(v.archive()) || Files.size(v.archive()) == 0) {
            unavailable.put(key, "training run wrote no archive " + v.archive().getFileName());
          }
        } catch (Exception ex) {
          unavailable.put(key, "training run failed: " + ex.getMessage());
        }
      }
    }

    Map<String, List<Double>> wall = new HashMap<>();
    Map<String, List<Double>> rss = new HashMap<>();
    Map<String, List<Double>> first = new HashMap<>();
    Map<String, String> failures = new HashMap<>();
    for (int r = 0; r < repeats; r++) {
      for (var e : perStore.entrySet()) {
        for (Variant v : e.getValue()) {
          String key = e.getKey() + "/" + v.id();
          if (unavailable.containsKey(key) || failures.containsKey(key)) {
            continue;
          }
          try {
            Sample s =
                runOnce(config, jar, env(stores.get(e.getKey()), v), v.flags(), false, false);
            wall.computeIfAbsent(key, k -> new ArrayList<>()).add(s.wallMillis());
            first.computeIfAbsent(key, k -> new ArrayList<>()).add(s.firstRequestMillis());
            rss.computeIfAbsent(key, k -> new ArrayList<>()).add(s.rssMb());
          } catch (Exception ex) {
            failures.put(key, ex.getMessage());
          }
        }
      }
    }

    List<String> broken = new ArrayList<>();
    for (var e : perStore.entrySet()) {
      ObjectNode so = (ObjectNode) storesOut.get(e.getKey());
      for (Variant v : e.getValue()) {
        String key = e.getKey() + "/" + v.id();
        ObjectNode vo = so.putObject(v.id());
        vo.put("label", v.label());
        vo.put("flags", String.join(" ", v.flags()));
        if (unavailable.containsKey(key)) {
          vo.put("status", SectionStatus.NOT_AVAILABLE.label());
          vo.put("reason", unavailable.get(key));
          continue;
        }
        if (failures.containsKey(key)) {
          vo.put("status", SectionStatus.FAILED.label());
          vo.put("reason", failures.get(key));
          broken.add(key + ": " + failures.get(key));
          continue;
        }
        vo.put("status", SectionStatus.OK.label());
        vo.set("wallMs", Stats.of(wall.get(key)).toJson());
        vo.set("peakRssMb", Stats.of(rss.get(key)).toJson());
        vo.set("firstRequestMs", Stats.of(first.get(key)).toJson());
        var samples = vo.putArray("wallMsSamples");
        wall.get(key).forEach(d -> samples.add(Stats.round(d)));
        try {
          Path log = work.resolve("classes-" + e.getKey() + "-" + v.id() + ".log");
          List<String> flags = new ArrayList<>(v.flags());
          flags.add("-Xlog:class+load:file=" + log);
          Files.deleteIfExists(log);
          Sample counted = runOnce(config, jar, env(stores.get(e.getKey()), v), flags, false, true);
          if (counted.firstRequestClasses() >= 0) {
            vo.put("classesLoadedByFirstRequest", counted.firstRequestClasses());
          }
          try (var lines = Files.lines(log)) {
            vo.put("classesLoaded", lines.filter(l -> l.contains("source:")).count());
          }
          if (v.archive() != null) {
            try (var lines = Files.lines(log)) {
              vo.put(
                  "classesFromArchive",
                  lines.filter(l -> l.contains("shared objects file")).count());
            }
          }
        } catch (Exception ex) {
          vo.put("classesLoadedError", ex.getMessage());
        }
      }
    }
    if (!broken.isEmpty()) {
      throw new IOException("cold start broke: " + String.join("; ", broken));
    }
  }

  private Map<String, String> dynamoEnv() {
    String endpoint = Dynalite.endpoint();
    DynamoDbClient client = DynamoDbClients.forEndpoint(endpoint);
    DynamoDbTables.ensureRegistryTable(client, REGISTRY_TABLE);
    DynamoDbTables.ensureSessionTable(client, SESSION_TABLE);
    DynamoDbRegistryStore registry = new DynamoDbRegistryStore(client, REGISTRY_TABLE);
    if (registry.get("tool-echo").isEmpty()) {
      registry.create(EchoEntries.echo());
    }
    Map<String, String> env = new HashMap<>();
    env.put("DYNAMODB_ENDPOINT", endpoint);
    env.put("REGISTRY_TABLE", REGISTRY_TABLE);
    env.put("SESSION_TABLE", SESSION_TABLE);
    env.put("AWS_ACCESS_KEY_ID", "local");
    env.put("AWS_SECRET_ACCESS_KEY", "local");
    return env;
  }

  /**
   * One run: spawn to last byte; the first request alone (its invocation handed out to its last
   * byte); classes the JVM loaded while serving it ({@code -1} unless counted).
   */
  record Sample(
      double wallMillis, double rssMb, double firstRequestMillis, long firstRequestClasses) {}

  private static Map<String, String> env(Map<String, String> store, Variant v) {
    Map<String, String> env = new HashMap<>(store);
    env.putAll(v.env());
    return env;
  }

  /** {@code java.cls.loadedClasses} of a running JVM (jcmd PerfCounter.print), or -1. */
  static long loadedClasses(BenchConfig config, long pid) {
    Path jcmd = Path.of(config.java()).resolveSibling("jcmd");
    try {
      Process p =
          new ProcessBuilder(jcmd.toString(), Long.toString(pid), "PerfCounter.print")
              .redirectErrorStream(true)
              .start();
      String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(30, TimeUnit.SECONDS);
      for (String line : text.split("\n")) {
        if (line.startsWith("java.cls.loadedClasses=")) {
          return Long.parseLong(line.substring(line.indexOf('=') + 1).trim());
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return -1;
  }

  static Sample runOnce(
      BenchConfig config,
      Path jar,
      Map<String, String> storeEnv,
      List<String> flags,
      boolean exit,
      boolean countClasses)
      throws Exception {
    String body =
        McpMessages.json(McpMessages.stateless(1, "tools/list", Json.mapper().createObjectNode()));
    byte[] event =
        McpMessages.functionUrlEvent(body, McpMessages.statelessHeaders("tools/list", null));
    try (RuntimeApiFixture api = new RuntimeApiFixture(event)) {
      List<String> cmd = new ArrayList<>();
      cmd.add(config.java());
      cmd.addAll(flags);
      cmd.add("-cp");
      cmd.add(jar.toString());
      cmd.add(RUNTIME_MAIN);
      ProcessBuilder pb =
          new ProcessBuilder(config.pinnedServer(cmd))
              .redirectErrorStream(true)
              .redirectOutput(
                  ProcessBuilder.Redirect.appendTo(
                      config.outDir().resolve("work/coldstart/runtime.log").toFile()));
      Map<String, String> env = pb.environment();
      env.putAll(storeEnv);
      env.put("AWS_LAMBDA_RUNTIME_API", api.address());
      env.put("_HANDLER", HANDLER);
      env.put("AWS_REGION", "us-east-1");
      env.put("AWS_DEFAULT_REGION", "us-east-1");
      env.put("AWS_LAMBDA_FUNCTION_NAME", "mcp-bench");
      env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
      env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
      env.putIfAbsent("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
      long t0 = System.nanoTime();
      Process p = pb.start();
      long[] before = {-1};
      if (countClasses) {
        api.beforeFirstInvocation(() -> before[0] = loadedClasses(config, p.pid()));
      }
      try {
        RuntimeApiFixture.Arrival a;
        try {
          a = api.arrival().get(90, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
          throw new IOException(e.getCause().getMessage(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
          throw new IOException("no response within 90 s (process alive: " + p.isAlive() + ")", e);
        }
        checkToolsList(a.body());
        double wallMs = (a.endNanos() - t0) / 1e6;
        double rssMb = peakRssMb(p.pid());
        double firstMs = (a.endNanos() - a.nextServedNanos()) / 1e6;
        long firstClasses = -1;
        if (countClasses && before[0] >= 0) {
          long after = loadedClasses(config, p.pid());
          firstClasses = after < 0 ? -1 : after - before[0];
        }
        return new Sample(wallMs, rssMb, firstMs, firstClasses);
      } finally {
        // SIGTERM: the JVM exits normally, so -XX:ArchiveClassesAtExit / AOTCacheOutput dump
        p.destroy();
        if (!p.waitFor(exit ? 120 : 10, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          p.waitFor(10, TimeUnit.SECONDS);
        }
      }
    }
  }

  /** The streamed Function URL response: JSON prelude, 8 NUL bytes, then a tools/list result. */
  static void checkToolsList(byte[] body) throws IOException {
    int sep = -1;
    for (int i = 0; i + 8 <= body.length; i++) {
      boolean zeros = true;
      for (int j = 0; j < 8; j++) {
        if (body[i + j] != 0) {
          zeros = false;
          break;
        }
      }
      if (zeros) {
        sep = i;
        break;
      }
    }
    String text;
    if (sep >= 0) {
      JsonNode prelude = Json.mapper().readTree(new String(body, 0, sep, StandardCharsets.UTF_8));
      if (prelude.path("statusCode").asInt() != 200) {
        throw new IOException("status " + prelude.path("statusCode") + " in the prelude");
      }
      text = new String(body, sep + 8, body.length - sep - 8, StandardCharsets.UTF_8);
    } else {
      JsonNode buffered = Json.mapper().readTree(body);
      if (buffered.path("statusCode").asInt(200) != 200) {
        throw new IOException("buffered response with status " + buffered.path("statusCode"));
      }
      text = buffered.path("body").asText(new String(body, StandardCharsets.UTF_8));
    }
    String json = text;
    if (text.startsWith("event:") || text.startsWith("data:") || text.contains("\ndata:")) {
      json = text.substring(text.indexOf("data:") + 5).trim();
      int end = json.indexOf('\n');
      json = end > 0 ? json.substring(0, end) : json;
    }
    JsonNode msg = Json.mapper().readTree(json);
    if (!msg.path("result").path("tools").isArray()) {
      throw new IOException(
          "not a tools/list result: " + (json.length() > 200 ? json.substring(0, 200) : json));
    }
  }

  static double peakRssMb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmHWM:")) {
          String kb = line.substring(6).trim().split("\\s+")[0];
          return Long.parseLong(kb) / 1024.0;
        }
      }
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
    return Double.NaN;
  }

  static String jvmVersion(String java) {
    try {
      Process p = new ProcessBuilder(java, "-version").redirectErrorStream(true).start();
      String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor();
      return s.lines().skip(1).findFirst().orElse(s).trim();
    } catch (Exception e) {
      return "unknown";
    }
  }

  static Path findJar(Path dir, String prefix, String suffix)
      throws IOException, NotAvailableException {
    if (Files.isDirectory(dir)) {
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, prefix + "*" + suffix)) {
        for (Path p : ds) {
          return p;
        }
      }
    }
    throw new NotAvailableException(
        "no " + prefix + "*" + suffix + " in " + dir + " (build first)");
  }
}
