package dev.mcplambda.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code curl --aws-sigv4 "aws:amz:us-east-1:lambda" --user AK:SK} as a subprocess: how the README
 * and the start-up banner tell users to call an IAM-protected plane.
 */
public final class SigV4Curl {

  /** The status code and body curl received. */
  public record Response(int status, String body) {}

  private final Path dir;

  /**
   * @param dir where response bodies are written (a test's temporary directory)
   */
  public SigV4Curl(Path dir) {
    this.dir = dir;
  }

  /**
   * Runs curl.
   *
   * @param user {@code accessKeyId:secretAccessKey}
   * @param body a JSON body, or {@code null} for none
   */
  public Response send(String user, String method, String url, String body)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(dir, "curl", ".out");
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            "curl",
            "-s",
            "-o",
            out.toString(),
            "-w",
            "%{http_code}",
            "--max-time",
            "60",
            "--aws-sigv4",
            "aws:amz:us-east-1:lambda",
            "--user",
            user,
            "-X",
            method));
    if (body != null) {
      command.addAll(List.of("-H", "Content-Type: application/json", "--data-binary", body));
    }
    command.add(url);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String status = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("curl finished").isTrue();
    assertThat(process.exitValue()).as("curl exit code (%s)", status).isZero();
    return new Response(Integer.parseInt(status.strip()), Files.readString(out));
  }
}
