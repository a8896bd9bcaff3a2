package dev.mcplambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.http.FunctionUrlResponse;
import dev.mcplambda.json.Json;
import dev.mcplambda.store.memory.InMemoryRegistryStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Deterministic mutation runs over the sample events: whatever a client sends, the answer is a 2xx
 * or a 4xx with a JSON error body, never a 500 and never Java internals.
 */
class RegistrationRobustnessTest {

  private static final List<String> EVENTS =
      List.of(
          "register-post.json",
          "register-post-resource.json",
          "register-post-prompt.json",
          "register-put.json");

  private static final List<JsonNode> ODD_VALUES =
      List.of(
          Json.nodes().nullNode(),
          Json.nodes().numberNode(-1),
          Json.nodes().numberNode(1e308),
          Json.nodes().booleanNode(true),
          Json.nodes().textNode(""),
          Json.nodes().textNode("\u0000\u202e\ud800"),
          Json.nodes().textNode("x".repeat(5000)),
          Json.nodes().arrayNode().add(Json.nodes().objectNode()),
          Json.object().put("type", "object").put("$ref", "#"),
          Json.object().set("nested", Json.object().set("deeper", Json.nodes().arrayNode())));

  private static final String NOISE = "{}[]\",:\\ \u0000é\ud83dx0-";

  private final RegistrationHandler handler = new RegistrationHandler(new InMemoryRegistryStore());

  @Test
  void mutatedFieldValuesNeverCauseA500() {
    Random random = new Random(20260301L);
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      String event = EVENTS.get(random.nextInt(EVENTS.size()));
      AdminEvent e =
          AdminEvent.load(event)
              .editBody(
                  body -> {
                    List<String> fields = new ArrayList<>();
                    body.fieldNames().forEachRemaining(fields::add);
                    fields.add("extra");
                    for (int m = 0; m <= random.nextInt(3); m++) {
                      String field = fields.get(random.nextInt(fields.size()));
                      mutate(body, field, random);
                    }
                  });

      FunctionUrlResponse response = handler.handle(e.request());

      statuses.add(response.statusCode());
      assertWellFormed(response);
    }
    assertThat(statuses).contains(400);
  }

  @Test
  void corruptedBodyTextNeverCausesA500() {
    Random random = new Random(42L);
    String seed = AdminEvent.load("register-post-prompt.json").bodyJson().toString();
    for (int i = 0; i < 600; i++) {
      char[] chars = seed.toCharArray();
      for (int m = 0; m <= random.nextInt(4); m++) {
        int at = random.nextInt(chars.length);
        chars[at] = NOISE.charAt(random.nextInt(NOISE.length()));
      }

      FunctionUrlResponse response =
          handler.handle(AdminEvent.load("register-post.json").body(new String(chars)).request());

      assertWellFormed(response);
    }
  }

  private static void mutate(ObjectNode body, String field, Random random) {
    if (random.nextInt(5) == 0) {
      body.remove(field);
    } else {
      body.set(field, ODD_VALUES.get(random.nextInt(ODD_VALUES.size())));
    }
  }

  private static void assertWellFormed(FunctionUrlResponse response) {
    assertThat(response.statusCode()).isBetween(200, 499);
    if (response.statusCode() >= 400) {
      assertThat(response.header("Content-Type")).isEqualTo("application/json");
      RegistrationBadInputTest.assertNoLeak(response);
      try {
        JsonNode error = Json.readTree(response.body());
        assertThat(error.path("error").asText()).isNotBlank();
      } catch (Exception e) {
        throw new AssertionError("error body is not JSON: " + response.body(), e);
      }
    }
  }
}
