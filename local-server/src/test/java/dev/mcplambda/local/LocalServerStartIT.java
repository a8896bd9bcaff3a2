package dev.mcplambda.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcplambda.json.Json;
import dev.mcplambda.local.auth.LocalCredentials;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The composition root: everything {@code LocalServer.start} wires from the options. */
class LocalServerStartIT {

  private static final Map<String, String> ENV =
      Map.of(
          LocalCredentials.ENV_ACCESS_KEY_ID, "AKIDLOCAL",
          LocalCredentials.ENV_SECRET_ACCESS_KEY, "local-secret");

  private final HttpClient http = HttpClient.newHttpClient();

  private static LocalServerOptions options(
      LocalServerOptions.AuthMode auth, Path functionsJar, boolean examples) {
    return new LocalServerOptions(
        "127.0.0.1",
        0,
        0,
        0,
        null,
        null,
        functionsJar,
        auth,
        null,
        examples,
        30,
        LocalServerOptions.DEFAULT_MAX_BODY_BYTES,
        false);
  }

  @Test
  void theLauncherExitsNonZeroOnAnUnauthenticatedWildcardBind(
      @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path log = dir.resolve("out.txt");
    // when the local server's main runs with --host 0.0.0.0 and no --auth iam
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                LocalServer.class.getName(),
                "--host",
                "0.0.0.0")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    boolean ended;
    try {
      ended = p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
    } finally {
      p.destroyForcibly(); // a regression would leave a server running
    }
    String out = java.nio.file.Files.readString(log);
    assertThat(ended).as(out).isTrue();

    // then it refused before binding anything, with the reason
    assertThat(p.exitValue()).as(out).isEqualTo(1);
    assertThat(out)
        .contains("refusing to bind to 0.0.0.0 without authentication")
        .doesNotContain("is running");
  }

  @Test
  void startsBothPlanesAndTheFunctionHostAndPrintsTheirUrls() throws Exception {
    try (LocalServer server =
        LocalServer.start(options(LocalServerOptions.AuthMode.IAM, null, true), ENV)) {
      // when: the hosted echo function is invoked through the Invoke API
      HttpResponse<String> invoke =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(
                          server.functionHostUrl() + "/2015-03-31/functions/echo/invocations"))
                  .POST(HttpRequest.BodyPublishers.ofString("{\"args\":{\"message\":\"hi\"}}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      // and the admin plane is called without a signature
      HttpResponse<String> unsigned =
          http.send(
              HttpRequest.newBuilder(URI.create(server.adminUrl() + "/register")).build(),
              HttpResponse.BodyHandlers.ofString());
      ByteArrayOutputStream banner = new ByteArrayOutputStream();
      server.printBanner(new PrintStream(banner, true, StandardCharsets.UTF_8));

      // then
      assertThat(invoke.statusCode()).isEqualTo(200);
      assertThat(Json.readTree(invoke.body()).at("/content/0/text").asText()).isEqualTo("hi");
      assertThat(unsigned.statusCode()).isEqualTo(403);
      assertThat(banner.toString(StandardCharsets.UTF_8))
          .contains(server.mcpUrl() + "/mcp")
          .contains(server.adminUrl() + "/register")
          .contains("--aws-sigv4 \"aws:amz:us-east-1:lambda\"")
          .contains("iam (SigV4, service lambda)");
    }
  }

  @Test
  void refusesIamAuthWithoutCredentials() {
    assertThatThrownBy(
            () ->
                LocalServer.start(options(LocalServerOptions.AuthMode.IAM, null, false), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(LocalCredentials.ENV_ACCESS_KEY_ID);
  }

  @Test
  void refusesAMissingFunctionsJar() {
    assertThatThrownBy(
            () ->
                LocalServer.start(
                    options(LocalServerOptions.AuthMode.NONE, Path.of("no-such.jar"), false),
                    Map.of()))
        .hasMessageContaining("--functions: no such file");
  }
}
