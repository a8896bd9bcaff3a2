package dev.mcplambda.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The command line of {@link BenchMain} (bench/run.sh fills it in).
 *
 * @param smoke run every path once with tiny counts; exit non-zero if any path breaks
 * @param root the repository root (JARs, node_modules)
 * @param outDir where results.json, report.md and chart.svg go
 * @param classpath the bench classpath (target/classes + target/lib/*), for child JVMs
 * @param java the JVM binary used for every child JVM (servers, cold starts)
 * @param node the Node 22 binary (peers)
 * @param tsPeerDir the folder where bench/run.sh installed {@code @modelcontextprotocol/sdk} and
 *     copied the TypeScript peer script, or {@code null} when it could not
 * @param wrk the wrk binary, or {@code null} when it is missing
 * @param serverCores taskset CPU list for servers, or {@code null} when pinning is off
 * @param only sections to run (empty: all)
 */
public record BenchConfig(
    boolean smoke,
    Path root,
    Path outDir,
    String classpath,
    String java,
    String node,
    Path tsPeerDir,
    String wrk,
    String serverCores,
    String loadCores,
    Set<String> only) {

  public static BenchConfig parse(String[] args) {
    boolean smoke = false;
    Path root = Path.of(".").toAbsolutePath().normalize();
    Path out = null;
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String node = "node";
    Path ts = null;
    String wrk = null;
    String serverCores = null;
    String loadCores = null;
    List<String> only = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--smoke" -> smoke = true;
        case "--root" -> root = Path.of(args[++i]).toAbsolutePath().normalize();
        case "--out" -> out = Path.of(args[++i]).toAbsolutePath().normalize();
        case "--java" -> java = args[++i];
        case "--node" -> node = args[++i];
        case "--ts-peer-dir" -> ts = Path.of(args[++i]);
        case "--wrk" -> wrk = args[++i];
        case "--server-cores" -> serverCores = args[++i];
        case "--load-cores" -> loadCores = args[++i];
        case "--only" -> only.addAll(List.of(args[++i].split(",")));
        default -> throw new IllegalArgumentException("unknown option " + a);
      }
    }
    if (out == null) {
      throw new IllegalArgumentException("--out DIR is required");
    }
    return new BenchConfig(
        smoke,
        root,
        out,
        System.getProperty("java.class.path"),
        java,
        node,
        ts,
        wrk,
        serverCores,
        loadCores,
        Set.copyOf(only));
  }

  /** {@code taskset -c CORES} in front of a server command, when pinning is on. */
  public List<String> pinnedServer(List<String> command) {
    return pinned(serverCores, command);
  }

  /** {@code taskset -c CORES} in front of a load generator, when pinning is on. */
  public List<String> pinnedLoad(List<String> command) {
    return pinned(loadCores, command);
  }

  private static List<String> pinned(String cores, List<String> command) {
    if (cores == null || cores.isBlank()) {
      return command;
    }
    List<String> c = new ArrayList<>(List.of("taskset", "-c", cores));
    c.addAll(command);
    return c;
  }

  /** {@code java -Dorg.slf4j...=warn -cp CLASSPATH MAIN ARGS...}: a server JVM of this run. */
  public List<String> javaCommand(String classpath, String mainClass, String... args) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                java(),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp",
                classpath,
                mainClass));
    cmd.addAll(List.of(args));
    return cmd;
  }
}
