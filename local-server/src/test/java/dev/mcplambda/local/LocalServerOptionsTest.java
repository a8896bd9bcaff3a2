package dev.mcplambda.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LocalServerOptionsTest {

  @Test
  void defaultsToLoopbackInMemoryWithoutAuth() {
    LocalServerOptions o = LocalServerOptions.parse();
    assertThat(o.host()).isEqualTo("127.0.0.1");
    assertThat(o.adminPort()).isEqualTo(8081);
    assertThat(o.mcpPort()).isEqualTo(8080);
    assertThat(o.auth()).isEqualTo(LocalServerOptions.AuthMode.NONE);
    assertThat(o.dynamoDbEndpoint()).isNull();
    assertThat(o.registerExamples()).isFalse();
    assertThat(o.maxBodyBytes()).isEqualTo(1024 * 1024);
  }

  @Test
  void parsesEveryFlag() {
    LocalServerOptions o =
        LocalServerOptions.parse(
            "--admin-port",
            "9001",
            "--mcp-port=9000",
            "--host",
            "0.0.0.0",
            "--dynamodb-endpoint",
            "http://localhost:4567",
            "--auth",
            "iam",
            "--credentials",
            "creds.txt",
            "--register-examples",
            "--function-timeout",
            "3",
            "--max-body-bytes",
            "100");
    assertThat(o.adminPort()).isEqualTo(9001);
    assertThat(o.mcpPort()).isEqualTo(9000);
    assertThat(o.host()).isEqualTo("0.0.0.0");
    assertThat(o.dynamoDbEndpoint()).isEqualTo("http://localhost:4567");
    assertThat(o.auth()).isEqualTo(LocalServerOptions.AuthMode.IAM);
    assertThat(o.credentialsFile()).isEqualTo(Path.of("creds.txt"));
    assertThat(o.registerExamples()).isTrue();
    assertThat(o.functionTimeoutSeconds()).isEqualTo(3);
    assertThat(o.maxBodyBytes()).isEqualTo(100);
  }

  @Test
  void aNonLoopbackBindWithoutAuthIsRefusedWithAMessage() {
    // given a wildcard bind without authentication
    LocalServerOptions open = LocalServerOptions.parse("--host", "0.0.0.0");

    // then
    assertThatThrownBy(open::requireSafeBind)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("refusing to bind to 0.0.0.0 without authentication")
        .hasMessageContaining("--auth iam")
        .hasMessageContaining("--insecure");
  }

  @Test
  void loopbackIamOrAnExplicitInsecureFlagMayBind() throws Exception {
    LocalServerOptions.parse().requireSafeBind();
    LocalServerOptions.parse("--host", "::1").requireSafeBind();
    LocalServerOptions.parse("--host", "localhost").requireSafeBind();
    LocalServerOptions.parse("--host", "0.0.0.0", "--auth", "iam").requireSafeBind();
    LocalServerOptions insecure = LocalServerOptions.parse("--host", "0.0.0.0", "--insecure");
    insecure.requireSafeBind();
    assertThat(insecure.insecure()).isTrue();
    assertThat(LocalServerOptions.parse().insecure()).isFalse();
  }

  @Test
  void refusesBadInputWithAMessage() {
    assertThatThrownBy(() -> LocalServerOptions.parse("--bogus"))
        .hasMessageContaining("unknown option '--bogus'");
    assertThatThrownBy(() -> LocalServerOptions.parse("--auth", "basic"))
        .hasMessageContaining("'none' or 'iam'");
    assertThatThrownBy(() -> LocalServerOptions.parse("--mcp-port", "http"))
        .hasMessageContaining("port number");
    assertThatThrownBy(() -> LocalServerOptions.parse("--admin-port"))
        .hasMessageContaining("needs a value");
    assertThatThrownBy(() -> LocalServerOptions.parse("--admin-port", "8080"))
        .hasMessageContaining("must differ");
    assertThatThrownBy(() -> LocalServerOptions.parse("--lambda-endpoint", "localhost:3001"))
        .hasMessageContaining("http(s) URL");
  }

  @Test
  void helpIsRecognisedAndDocumentsEveryFlag() {
    assertThat(LocalServerOptions.parse("--help").help()).isTrue();
    assertThat(LocalServerOptions.usage())
        .contains(
            "--admin-port",
            "--mcp-port",
            "--dynamodb-endpoint",
            "--lambda-endpoint",
            "--functions",
            "--auth none|iam",
            "--credentials",
            "--register-examples",
            "--host");
  }
}
