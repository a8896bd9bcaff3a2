package dev.mcplambda.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcplambda.examples.catalog.ExampleCatalog;
import dev.mcplambda.http.FunctionUrlRequest;
import dev.mcplambda.http.FunctionUrlResponse;
import dev.mcplambda.json.Json;
import dev.mcplambda.registry.EntryType;
import dev.mcplambda.registry.RegistryEntry;
import dev.mcplambda.store.memory.InMemoryRegistryStore;
import dev.mcplambda.store.memory.InMemorySessionStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExampleRegistrationTest {

  private final LocalStores stores =
      new LocalStores(new InMemoryRegistryStore(), new InMemorySessionStore(), "in memory");

  @Test
  void registersTheWholeCatalogStraightIntoTheStoreWithoutARegistrationHandler() {
    // when: twice, as with a persistent store
    LocalServer.registerExamples(stores, null);
    LocalServer.registerExamples(stores, null);

    // then
    List<RegistryEntry> all = stores.registry().listAll();
    assertThat(all).hasSize(ExampleCatalog.all().size());
    RegistryEntry template =
        stores.registry().get(EntryType.RESOURCE.idFor("template")).orElseThrow();
    assertThat(template.uriTemplate()).isEqualTo("test://template/{id}/data");
    assertThat(template.lambdaArn())
        .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:conformance-resources");
    RegistryEntry echo = stores.registry().get("tool-echo").orElseThrow();
    assertThat(echo.inputSchema().at("/required/0").asText()).isEqualTo("message");
    assertThat(echo.version()).isEqualTo(1L);
    RegistryEntry prompt =
        stores.registry().get(EntryType.PROMPT.idFor("test_prompt_with_arguments")).orElseThrow();
    assertThat(prompt.arguments()).extracting(a -> a.name()).containsExactly("arg1", "arg2");
  }

  @Test
  void registersThroughTheRegistrationHandlerWhenThereIsOneAndSurvivesRefusals() throws Exception {
    // given
    List<FunctionUrlRequest> posted = new ArrayList<>();
    BufferedFunctionUrlHandler handler =
        event -> {
          posted.add(event);
          int status =
              switch (posted.size()) {
                case 1 -> 409; // exists from an earlier run
                case 2 -> 400; // refused by the validator: logged, start-up goes on
                default -> 201;
              };
          return new FunctionUrlResponse(status, Map.of(), "{}");
        };

    // when
    LocalServer.registerExamples(stores, handler);

    // then
    assertThat(posted).hasSize(ExampleCatalog.all().size());
    FunctionUrlRequest first = posted.getFirst();
    assertThat(first.method()).isEqualTo("POST");
    assertThat(first.rawPath()).isEqualTo("/register");
    assertThat(first.principalArn()).isEqualTo(CallerIdentity.LOCAL.userArn());
    assertThat(Json.readTree(first.body()).get("lambdaArn").asText())
        .startsWith("arn:aws:lambda:us-east-1:000000000000:function:");
    assertThat(stores.registry().listAll()).isEmpty();
  }

  @Test
  void theRegistrationHandlerAcceptsEveryCatalogEntry() {
    // given: the real admin handler over the store, recording each answer
    BufferedFunctionUrlHandler real = HandlerWiring.registrationHandler(stores.registry());
    List<String> refused = new ArrayList<>();
    BufferedFunctionUrlHandler recording =
        event -> {
          FunctionUrlResponse response = real.handle(event);
          if (response.statusCode() != 201) {
            refused.add(event.body() + " -> " + response.statusCode() + " " + response.body());
          }
          return response;
        };

    // when
    LocalServer.registerExamples(stores, recording);

    // then
    assertThat(refused).isEmpty();
    assertThat(stores.registry().listAll()).hasSize(ExampleCatalog.all().size());
    RegistryEntry add = stores.registry().get("tool-add").orElseThrow();
    assertThat(add.inputSchema()).as("derived from the parameters shorthand").isNotNull();
    assertThat(
            stores
                .registry()
                .get("tool-json_schema_2020_12_tool")
                .orElseThrow()
                .inputSchema()
                .at("/$defs/address/$anchor")
                .asText())
        .isEqualTo("addressDef");
  }
}
