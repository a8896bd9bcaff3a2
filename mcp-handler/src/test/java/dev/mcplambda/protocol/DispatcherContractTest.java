package dev.mcplambda.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.json.Json;
import dev.mcplambda.jsonrpc.JsonRpcNotification;
import dev.mcplambda.jsonrpc.JsonRpcParser;
import dev.mcplambda.jsonrpc.JsonRpcRequest;
import dev.mcplambda.jsonrpc.JsonRpcResponse;
import dev.mcplambda.jsonrpc.ParsedMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden-JSON contract: every file under {@code src/test/resources/golden/} is a list of cases
 * (era, protocol version, principal, the raw request, the exact expected response; {@code null} for
 * notifications), run in order against one {@link Fixture} per file. A request value {@code
 * "$previous.requestState"} is replaced by the previous case's sealed state (MRTR round trips).
 *
 * <p>Run with {@code -Dgolden.update=true} to rewrite the expected responses after a deliberate
 * change, then review the diff.
 */
class DispatcherContractTest {

  private static final Path DIR = Path.of("src/test/resources/golden");
  private static final boolean UPDATE = Boolean.getBoolean("golden.update");

  @TestFactory
  Stream<DynamicNode> golden() throws IOException {
    List<String> files;
    try (Stream<Path> list = Files.list(DIR)) {
      files =
          list.map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".json"))
              .sorted()
              .toList();
    }
    assertThat(files).isNotEmpty();
    return files.stream().map(this::file);
  }

  private DynamicNode file(String name) {
    ArrayNode cases;
    try (InputStream in = Files.newInputStream(DIR.resolve(name))) {
      cases = (ArrayNode) Json.mapper().readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    Fixture fixture = new Fixture();
    List<JsonNode> actuals = new ArrayList<>();
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode c : cases) {
      tests.add(
          DynamicTest.dynamicTest(
              c.path("name").asText(),
              () -> {
                // through text, as on the wire (numbers then compare by value, not node class)
                JsonNode actual = Json.readTree(Json.write(run(fixture, c, actuals)));
                actuals.add(actual);
                if (UPDATE) {
                  ((ObjectNode) c).set("response", actual);
                  if (actuals.size() == cases.size()) {
                    Files.writeString(
                        DIR.resolve(name),
                        Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(cases)
                            + "\n");
                  }
                } else {
                  assertThat(actual).as(c.path("name").asText()).isEqualTo(c.get("response"));
                }
              }));
    }
    return DynamicContainer.dynamicContainer(name, tests);
  }

  private static JsonNode run(Fixture fixture, JsonNode c, List<JsonNode> previous) {
    Era era = Era.valueOf(c.path("era").asText("STREAMABLE_HTTP"));
    String version = c.hasNonNull("protocolVersion") ? c.get("protocolVersion").asText() : null;
    String principal =
        switch (c.path("principal").asText("alice")) {
          case "admin" -> Fixture.ADMIN;
          case "none" -> null;
          default -> Fixture.ALICE;
        };
    ParsedMessage parsed;
    if (c.has("requestText")) {
      parsed = JsonRpcParser.parse(c.get("requestText").asText());
    } else {
      JsonNode request = c.get("request").deepCopy();
      substitute(request, previous);
      parsed = JsonRpcParser.parse(request);
    }
    CallContext context = Fixture.context(era, version, principal);
    return switch (parsed) {
      case ParsedMessage.Invalid invalid -> Json.mapper().valueToTree(invalid.error());
      case ParsedMessage.Valid valid ->
          switch (valid.message()) {
            case JsonRpcRequest r -> {
              JsonRpcResponse response =
                  fixture.dispatcher.handle(r, context, OutboundChannel.DISCARD);
              yield Json.mapper().valueToTree(response);
            }
            case JsonRpcNotification n -> {
              fixture.dispatcher.accept(n, context);
              yield Json.nodes().nullNode();
            }
            case JsonRpcResponse r -> {
              fixture.dispatcher.accept(r, context);
              yield Json.nodes().nullNode();
            }
          };
    };
  }

  /** The sealed state of the latest earlier case that returned one. */
  private static String lastState(List<JsonNode> previous) {
    for (int i = previous.size() - 1; i >= 0; i--) {
      JsonNode state = previous.get(i).path("result").path("requestState");
      if (state.isTextual()) {
        return state.asText();
      }
    }
    throw new IllegalStateException("no earlier case returned a requestState");
  }

  private static void substitute(JsonNode node, List<JsonNode> previous) {
    if (node instanceof ObjectNode o) {
      for (var field : o.properties()) {
        String text = field.getValue().asText(null);
        if ("$previous.requestState".equals(text)) {
          o.put(field.getKey(), lastState(previous));
        } else if ("$previous.requestState+x".equals(text)) {
          o.put(field.getKey(), lastState(previous) + "x");
        } else {
          substitute(field.getValue(), previous);
        }
      }
    } else if (node instanceof ArrayNode a) {
      a.forEach(n -> substitute(n, previous));
    }
  }
}
