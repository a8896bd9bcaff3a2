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
  void registersThroughTheRegistrationHandlerWhenThereIsOne() throws Exception {
    // given
    List<FunctionUrlRequest> posted = new ArrayList<>();
    BufferedFunctionUrlHandler handler =
        event -> {
          posted.add(event);
          return new FunctionUrlResponse(posted.size() == 1 ? 409 : 201, Map.of(), "{}");
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
}
