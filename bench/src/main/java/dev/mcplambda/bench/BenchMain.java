package dev.mcplambda.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs every benchmark section in one process and writes results.json, report.md and chart.svg to
 * {@code --out}. Started by bench/run.sh, which builds, installs the peers and pins this JVM (the
 * load generator side) to the load core. Exit code: 1 when a section failed; in {@code --smoke}
 * mode also when a section was not available.
 */
public final class BenchMain {

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 2 && "--render".equals(args[0])) {
      render(Path.of(args[1]));
      return;
    }
    if (args.length == 3 && "--readme".equals(args[0])) {
      updateReadme(Path.of(args[1]), Path.of(args[2]));
      return;
    }
    BenchConfig config = BenchConfig.parse(args);
    Files.createDirectories(config.outDir());
    long start = System.nanoTime();
    ObjectNode results = Json.mapper().createObjectNode();
    ObjectNode meta = results.putObject("meta");
    meta.put("timestamp", Instant.now().toString());
    meta.put("smoke", config.smoke());
    meta.put("commit", command(config.root(), "git", "rev-parse", "--short", "HEAD"));
    meta.put("cores", machineCores());
    meta.put("cpu", cpuModel());
    meta.put("loadStart", loadAverage());
    meta.put("jvm", ColdStartSection.jvmVersion(config.java()));
    meta.put("node", command(config.root(), config.node(), "--version"));
    meta.put(
        "pinning",
        config.serverCores() == null
            ? "off (fewer than 2 cores or no taskset)"
            : "servers on CPU "
                + config.serverCores()
                + ", load generators on CPU "
                + config.loadCores());
    ObjectNode sectionsOut = results.putObject("sections");
    List<BenchSection> sections =
        List.of(
            new ArtifactSection(),
            new WarmSection(),
            new CatalogSection(),
            new ColdStartSection(),
            new RelaySection(),
            new HttpSection());
    List<String> failed = new ArrayList<>();
    List<String> unavailable = new ArrayList<>();
    for (BenchSection s : sections) {
      if (!config.only().isEmpty() && !config.only().contains(s.id())) {
        continue;
      }
      ObjectNode out = sectionsOut.putObject(s.id());
      long t0 = System.nanoTime();
      System.out.println("[bench] " + s.id() + " …");
      try {
        s.run(config, out);
        out.put("status", SectionStatus.OK.label());
      } catch (NotAvailableException e) {
        out.put("status", SectionStatus.NOT_AVAILABLE.label());
        out.put("reason", e.getMessage());
        unavailable.add(s.id() + ": " + e.getMessage());
      } catch (Exception | Error e) {
        out.put("status", SectionStatus.FAILED.label());
        out.put("reason", String.valueOf(e.getMessage()));
        failed.add(s.id() + ": " + e);
        e.printStackTrace(System.out);
      }
      out.put("seconds", Math.round((System.nanoTime() - t0) / 1e9));
      System.out.println(
          "[bench] "
              + s.id()
              + " "
              + out.path("status").asText()
              + (out.has("reason") ? " (" + out.path("reason").asText() + ")" : "")
              + " in "
              + out.path("seconds").asLong()
              + " s");
    }
    meta.put("loadEnd", loadAverage());
    meta.put("durationSeconds", Math.round((System.nanoTime() - start) / 1e9));
    Files.writeString(
        config.outDir().resolve("results.json"),
        Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(results));
    writeReport(results, config.outDir());
    System.out.println("[bench] wrote " + config.outDir().resolve("report.md"));
    failed.forEach(f -> System.out.println("[bench] FAILED " + f));
    unavailable.forEach(u -> System.out.println("[bench] NOT AVAILABLE " + u));
    int exit = !failed.isEmpty() || (config.smoke() && !unavailable.isEmpty()) ? 1 : 0;
    System.exit(exit);
  }

  /** {@code --render results.json}: rewrites report.md and chart.svg beside an existing result. */
  static void render(Path resultsJson) throws Exception {
    writeReport(
        (ObjectNode) Json.mapper().readTree(resultsJson.toFile()),
        resultsJson.toAbsolutePath().getParent());
  }

  static final String README_BEGIN = "<!-- bench/run.sh: budgets table begin -->";
  static final String README_END = "<!-- bench/run.sh: budgets table end -->";

  /**
   * {@code --readme README.md results.json}: replaces the budgets table between the README's
   * markers with the one of this run (bench/run.sh does it after a full run).
   */
  static void updateReadme(Path readme, Path resultsJson) throws Exception {
    String text = Files.readString(readme);
    int begin = text.indexOf(README_BEGIN);
    int end = text.indexOf(README_END);
    if (begin < 0 || end < begin) {
      throw new IllegalStateException(readme + " has no budgets-table markers");
    }
    ReportWriter report = new ReportWriter(Json.mapper().readTree(resultsJson.toFile()));
    String table = report.budgetsTable();
    Files.writeString(
        readme,
        text.substring(0, begin + README_BEGIN.length()) + "\n" + table + text.substring(end));
  }

  static void writeReport(ObjectNode results, Path dir) throws Exception {
    ReportWriter report = new ReportWriter(results);
    String svg = report.chart();
    if (svg != null) {
      Files.writeString(dir.resolve("chart.svg"), svg);
    }
    Files.writeString(dir.resolve("report.md"), report.markdown(svg == null ? null : "chart.svg"));
  }

  /** Whether a class is on the bench classpath (without initialising it). */
  public static boolean classPresent(String name) {
    try {
      Class.forName(name, false, BenchMain.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** CPUs of the machine (this JVM itself is pinned, so availableProcessors() would say 1). */
  static long machineCores() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("processor"))
          .count();
    } catch (Exception e) {
      return Runtime.getRuntime().availableProcessors();
    }
  }

  static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("unknown");
    } catch (Exception e) {
      return "unknown";
    }
  }

  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (Exception e) {
      return "unknown";
    }
  }

  static String command(Path dir, String... cmd) {
    try {
      Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
      String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return p.waitFor() == 0 ? s : "unknown";
    } catch (Exception e) {
      return "unknown";
    }
  }
}
