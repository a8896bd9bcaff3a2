package dev.mcplambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.http.FunctionUrlResponse;
import dev.mcplambda.json.Json;
import dev.mcplambda.store.memory.InMemoryRegistryStore;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Golden JSON for the admin plane's response shapes: the stored entry, the list page, the error
 * bodies. A change to any of them is a wire change and shows up here.
 */
class RegistrationContractTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);

  private RegistrationHandler handler;

  @BeforeEach
  void setUp() {
    handler = new RegistrationHandler(new InMemoryRegistryStore(CLOCK));
  }

  @Test
  void createdToolEntry() throws Exception {
    assertGolden("entry-created.json", call("register-post.json"));
  }

  @Test
  void createdResourceAndPromptEntries() throws Exception {
    assertGolden("entry-created-resource.json", call("register-post-resource.json"));
    assertGolden("entry-created-prompt.json", call("register-post-prompt.json"));
  }

  @Test
  void replacedEntry() throws Exception {
    call("register-post.json");
    assertGolden("entry-replaced.json", call("register-put.json"));
  }

  @Test
  void listFirstPage() throws Exception {
    call("register-post.json");
    call("register-post-resource.json");
    call("register-post-prompt.json");
    assertGolden("list-page.json", call("register-list-page.json"));
  }

  @Test
  void errorWithFieldDetails() throws Exception {
    assertGolden(
        "error-invalid-entry.json",
        handler.handle(
            AdminEvent.load("register-post-bad-arn.json")
                .editBody(b -> b.put("colour", "red").put("name", "bad name"))
                .request()));
  }

  @Test
  void errorsWithoutDetails() throws Exception {
    assertGolden("error-not-found.json", call("register-get-missing.json"));
    assertGolden("error-method-not-allowed.json", call("register-patch.json"));
  }

  @Test
  void deleted() throws Exception {
    call("register-post.json");
    assertGolden("deleted.json", call("register-delete.json"));
  }

  private FunctionUrlResponse call(String event) {
    return handler.handle(AdminEvent.load(event).request());
  }

  /** {status, headers (sorted), body (parsed JSON or absent)}. */
  private static JsonNode render(FunctionUrlResponse response) throws IOException {
    ObjectNode out = Json.object();
    out.put("status", response.statusCode());
    TreeMap<String, String> headers = new TreeMap<>(response.headers());
    // the cursor's encoding is the store's business; its place in the Link header is the contract
    headers.computeIfPresent("Link", (k, v) -> v.replaceAll("cursor=[^>&]+", "cursor={cursor}"));
    out.set("headers", Json.mapper().valueToTree(headers));
    if (response.body() != null) {
      out.set("body", Json.readTree(response.body()));
    }
    return out;
  }

  private static void assertGolden(String file, FunctionUrlResponse response) throws IOException {
    JsonNode expected;
    try (InputStream in = RegistrationContractTest.class.getResourceAsStream("/golden/" + file)) {
      assertThat(in).as("golden file %s", file).isNotNull();
      expected = Json.mapper().readTree(in);
    }
    assertThat(render(response)).as(file).isEqualTo(expected);
  }
}
