package dev.mcplambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcplambda.http.FunctionUrlResponse;
import dev.mcplambda.json.Json;
import dev.mcplambda.store.dynamodb.DynamoDbClients;
import dev.mcplambda.store.dynamodb.DynamoDbRegistryStore;
import dev.mcplambda.store.dynamodb.DynamoDbTables;
import dev.mcplambda.testing.Dynalite;
import dev.mcplambda.testing.FaultInjectingDynamoDbProxy;
import dev.mcplambda.testing.FaultInjectingDynamoDbProxy.Faults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Registry writes with DynamoDB misbehaving (a {@link FaultInjectingDynamoDbProxy} throttles, fails
 * with 5xx and slows writes): each concurrent create either succeeds (201) or gets a clear,
 * retryable error (503 with {@code Retry-After} and a JSON error body), never a 500; and once the
 * faults stop, the registry holds exactly the entries that were acknowledged.
 */
class RegistryFaultInjectionIT {

  static final int CREATES = 60;
  static final Faults FAULTS = new Faults(0.10, 0.05, 0.05, 0.05, 0.20, Duration.ofMillis(150));

  private final FaultInjectingDynamoDbProxy proxy =
      FaultInjectingDynamoDbProxy.start(Dynalite.endpoint(), 4242L);
  private final DynamoDbClient direct = DynamoDbClients.forEndpoint(Dynalite.endpoint());
  private final DynamoDbClient proxied = DynamoDbClients.forEndpoint(proxy.endpoint());
  private final ExecutorService pool = Executors.newFixedThreadPool(12);

  @AfterEach
  void stop() {
    pool.shutdownNow();
    proxied.close();
    direct.close();
    proxy.close();
  }

  @Test
  void everyCreateSucceedsOrFailsClearlyAndOnlyAcknowledgedEntriesExist() throws Exception {
    // given a registry table reached through the faulty proxy
    String table = "registry-" + UUID.randomUUID();
    DynamoDbTables.ensureRegistryTable(direct, table);
    RegistrationHandler handler =
        new RegistrationHandler(new DynamoDbRegistryStore(proxied, table));

    // when many creates race while DynamoDB throttles, fails and stalls
    proxy.inject(FAULTS);
    List<Future<FunctionUrlResponse>> results = new ArrayList<>();
    for (int i = 0; i < CREATES; i++) {
      String name = "tool_" + i;
      results.add(
          pool.submit(
              () ->
                  handler.handle(
                      AdminEvent.load("register-post.json")
                          .editBody(b -> b.put("name", name))
                          .request())));
    }
    Set<String> acknowledged = new TreeSet<>();
    int refused = 0;
    for (int i = 0; i < CREATES; i++) {
      FunctionUrlResponse r = results.get(i).get(120, TimeUnit.SECONDS);
      // then each is a success or a clear, retryable refusal
      assertThat(r.statusCode()).as("status of create %d: %s", i, r.body()).isIn(201, 503);
      if (r.statusCode() == 201) {
        acknowledged.add("tool_" + i);
      } else {
        refused++;
        assertThat(r.headers()).containsKey("Retry-After");
        assertThat(Json.readTree(r.body()).path("error").asText()).isNotBlank();
      }
    }
    Map<String, Long> injected = proxy.injected();
    proxy.inject(Faults.none());

    // and the registry holds exactly the acknowledged entries
    Set<String> stored = new TreeSet<>();
    JsonNode page =
        Json.readTree(
            handler
                .handle(AdminEvent.load("register-list.json").query("limit=1000").request())
                .body());
    page.path("items").forEach(item -> stored.add(item.path("name").asText()));
    String figures =
        "{\"creates\":"
            + CREATES
            + ",\"acknowledged\":"
            + acknowledged.size()
            + ",\"refused503\":"
            + refused
            + ",\"faultsInjected\":"
            + Json.write(injected)
            + "}\n";
    Files.createDirectories(Path.of("target", "robustness"));
    Files.writeString(Path.of("target", "robustness", "registry-faults.json"), figures);
    System.out.println("[robustness] registry writes under DynamoDB faults: " + figures.strip());
    assertThat(proxy.injectedTotal()).as("faults injected").isPositive();
    assertThat(stored).isEqualTo(acknowledged);
  }
}
