package dev.mcplambda.testing;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real DynamoDB-API server for tests: {@code dynalite} from the repository's {@code
 * node_modules}, started once per JVM on a free loopback port and stopped at JVM exit. If the
 * environment variable {@code DYNAMODB_TEST_ENDPOINT} is set, that server is used instead.
 *
 * <p>Never skips: when node or dynalite is missing it fails with instructions.
 */
public final class Dynalite {

  private static String endpoint;

  private Dynalite() {}

  /** The endpoint URL, starting dynalite on first use. */
  public static synchronized String endpoint() {
    if (endpoint != null) {
      return endpoint;
    }
    String given = System.getenv("DYNAMODB_TEST_ENDPOINT");
    if (given != null && !given.isBlank()) {
      endpoint = given;
      return endpoint;
    }
    Path root = repositoryRoot();
    Path cli = root.resolve("scripts/dynalite-server.js");
    if (!Files.isRegularFile(root.resolve("node_modules/dynalite/index.js"))) {
      throw new IllegalStateException(
          "dynalite is not installed in "
              + root.resolve("node_modules")
              + " - run `npm ci` in the repository root (./mvnw verify does it for you)");
    }
    int port = freePort();
    ProcessBuilder pb =
        new ProcessBuilder(
                "node",
                cli.toString(),
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--createTableMs",
                "0",
                "--deleteTableMs",
                "0",
                "--updateTableMs",
                "0")
            .redirectErrorStream(true)
            .redirectOutput(
                new File(System.getProperty("java.io.tmpdir"), "dynalite-" + port + ".log"));
    try {
      Process p = pb.start();
      Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (System.nanoTime() < deadline) {
        if (!p.isAlive()) {
          throw new IllegalStateException("dynalite exited with code " + p.exitValue());
        }
        try (Socket s = new Socket()) {
          s.connect(new InetSocketAddress("127.0.0.1", port), 200);
          endpoint = "http://127.0.0.1:" + port;
          System.out.println("[dynalite] DynamoDB-API server (dynalite) listening at " + endpoint);
          return endpoint;
        } catch (IOException notYet) {
          Thread.sleep(50);
        }
      }
      p.destroy();
      throw new IllegalStateException("dynalite did not start within 20 s");
    } catch (IOException e) {
      throw new IllegalStateException("cannot start dynalite with `node` (is Node.js on PATH?)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The repository root: system property {@code mcplambda.root}, else walk up from the cwd. */
  public static Path repositoryRoot() {
    String prop = System.getProperty("mcplambda.root");
    if (prop != null && Files.isDirectory(Path.of(prop, "node_modules"))) {
      return Path.of(prop);
    }
    Path p = Path.of("").toAbsolutePath();
    while (p != null) {
      if (Files.isRegularFile(p.resolve("package.json"))
          && Files.isRegularFile(p.resolve("mvnw"))) {
        return p;
      }
      p = p.getParent();
    }
    throw new IllegalStateException("cannot find the repository root (package.json + mvnw)");
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
