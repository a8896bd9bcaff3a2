package dev.mcplambda.jsonrpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.mcplambda.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonRpcResponse#writeJson} (what {@link Json#write} uses, no databind) against the mapper
 * writing the same record from its annotations.
 */
class JsonRpcResponseTest {

  @Test
  void writeJsonIsWhatTheMapperWritesFromTheAnnotations() throws Exception {
    List<JsonRpcResponse> responses =
        List.of(
            JsonRpcResponse.success(
                IntNode.valueOf(1), Json.object().set("tools", Json.nodes().arrayNode())),
            JsonRpcResponse.success(TextNode.valueOf("a\"b"), NullNode.getInstance()),
            JsonRpcResponse.failure(
                NullNode.getInstance(), new JsonRpcError(-32700, "Parse error")),
            JsonRpcResponse.failure(
                IntNode.valueOf(7),
                new JsonRpcError(-32602, "bad", Json.object().put("field", "x").putNull("n"))),
            new JsonRpcResponse(null, null, null, new JsonRpcError(1, null)));

    for (JsonRpcResponse r : responses) {
      String mappers = Json.mapper().writeValueAsString(r);

      assertThat(Json.write(r)).isEqualTo(mappers);
    }
    // and the members are where the annotations put them
    assertThat(Json.write(responses.get(2)))
        .isEqualTo(
            "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"Parse error\"}}");
  }
}
