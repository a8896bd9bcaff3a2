package dev.mcplambda.local.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCredentialsTest {

  @TempDir Path dir;

  @Test
  void readsKeysWithAndWithoutPrincipals() throws Exception {
    // given
    Path file = dir.resolve("creds");
    Files.writeString(
        file,
        """
        # local keys
        AKID1:secret1:arn:aws:iam::123456789012:role/dev

        AKID2:secret2
        """);

    // when
    LocalCredentials credentials = LocalCredentials.read(file);

    // then
    assertThat(credentials.find("AKID1"))
        .isEqualTo(
            new LocalCredentials.Key("AKID1", "secret1", "arn:aws:iam::123456789012:role/dev"));
    assertThat(credentials.find("AKID2").principalArn())
        .isEqualTo("arn:aws:iam::000000000000:user/AKID2");
    assertThat(credentials.find("AKID1").toString()).doesNotContain("secret1");
  }

  @Test
  void namesTheBadLineWithoutEchoingIt() throws Exception {
    Path file = dir.resolve("creds");
    Files.writeString(file, "AKID1:secret1\nonly-a-secret-like-thing\n");
    assertThatThrownBy(() -> LocalCredentials.read(file))
        .hasMessageContaining("line 2")
        .hasMessageNotContaining("only-a-secret-like-thing");
  }

  @Test
  void readsTheEnvironment() {
    LocalCredentials credentials =
        LocalCredentials.fromEnvironment(
            Map.of(
                LocalCredentials.ENV_ACCESS_KEY_ID,
                "AKID",
                LocalCredentials.ENV_SECRET_ACCESS_KEY,
                "s"));
    assertThat(credentials.find("AKID").secretAccessKey()).isEqualTo("s");
    assertThat(LocalCredentials.fromEnvironment(Map.of())).isNull();
  }
}
