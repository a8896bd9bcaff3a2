package dev.mcplambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcplambda.http.FunctionUrlResponse;
import dev.mcplambda.json.Json;
import dev.mcplambda.registration.AdminRequestReader;
import dev.mcplambda.registration.EntryValidator;
import dev.mcplambda.registration.RegistrationService;
import dev.mcplambda.registry.RegistryStore;
import dev.mcplambda.schema.SchemaValidator;
import dev.mcplambda.store.memory.InMemoryRegistryStore;
import org.junit.jupiter.api.Test;

/**
 * An entry too large for one registry item is a 413 with a clear message, not a 503 from DynamoDB's
 * item-size check. (Both stores refuse it alike: RegistryStoreContractTest.)
 */
class RegistrationEntrySizeTest {

  private final InMemoryRegistryStore store = new InMemoryRegistryStore();

  /** A handler taking bodies up to 1 MiB, as a deployment with a raised body limit would. */
  private final RegistrationHandler handler =
      new RegistrationHandler(
          new AdminRequestReader(1024 * 1024),
          new RegistrationService(store, new EntryValidator(new SchemaValidator())));

  @Test
  void anEntryOverTheItemLimitIs413AndNothingIsWritten() throws Exception {
    // given a tool whose input schema alone is over 400 KB
    AdminEvent event =
        AdminEvent.load("register-post.json")
            .editBody(
                b -> {
                  b.remove("parameters");
                  b.putObject("inputSchema")
                      .put("type", "object")
                      .put("description", "d".repeat(RegistryStore.MAX_ENTRY_BYTES));
                });
    long before = store.catalogVersion();

    // when
    FunctionUrlResponse response = handler.handle(event.request());

    // then
    assertThat(response.statusCode()).isEqualTo(413);
    JsonNode body = Json.readTree(response.body());
    assertThat(body.path("error").asText()).contains("is too large for the registry");
    assertThat(body.path("details").get(0).path("field").asText()).isEqualTo("body");
    assertThat(body.path("details").get(0).path("message").asText()).contains("at most 400000");
    assertThat(store.listAll()).isEmpty();
    assertThat(store.catalogVersion()).isEqualTo(before);
  }
}
