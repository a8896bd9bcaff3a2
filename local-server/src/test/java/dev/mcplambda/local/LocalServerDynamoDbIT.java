package dev.mcplambda.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcplambda.config.Environment;
import dev.mcplambda.examples.catalog.ExampleCatalog;
import dev.mcplambda.json.Json;
import dev.mcplambda.testing.Dynalite;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code --dynamodb-endpoint}: tables created, examples registered, state kept across restarts. */
class LocalServerDynamoDbIT {

  private final HttpClient http = HttpClient.newHttpClient();

  private static LocalServerOptions options() {
    return new LocalServerOptions(
        "127.0.0.1",
        0,
        0,
        0,
        Dynalite.endpoint(),
        null,
        null,
        LocalServerOptions.AuthMode.NONE,
        null,
        true,
        30,
        LocalServerOptions.DEFAULT_MAX_BODY_BYTES,
        false);
  }

  private int countRegistered(LocalServer server) throws Exception {
    int count = 0;
    String next = server.adminUrl() + "/register?limit=1000";
    while (next != null) {
      HttpResponse<String> page =
          http.send(
              HttpRequest.newBuilder(URI.create(next)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).isEqualTo(200);
      count += Json.readTree(page.body()).size();
      next =
          page.headers()
              .firstValue("Link")
              .map(l -> server.adminUrl() + l.substring(l.indexOf('<') + 1, l.indexOf('>')))
              .orElse(null);
    }
    return count;
  }

  @Test
  void keepsTheRegistryInDynamoDbAcrossRestarts() throws Exception {
    // given: fresh tables for this test
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    Map<String, String> env =
        Map.of(
            Environment.REGISTRY_TABLE, "registry-" + suffix,
            Environment.SESSION_TABLE, "sessions-" + suffix);

    // when: started twice against the same endpoint, registering the examples both times
    int first;
    try (LocalServer server = LocalServer.start(options(), env)) {
      first = countRegistered(server);
    }
    int second;
    try (LocalServer server = LocalServer.start(options(), env)) {
      second = countRegistered(server);
    }

    // then
    assertThat(first).isEqualTo(ExampleCatalog.all().size());
    assertThat(second).isEqualTo(first);
  }
}
