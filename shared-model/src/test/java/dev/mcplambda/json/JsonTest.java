package dev.mcplambda.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The streaming tree reader and writer against the mapper they stand in for. */
class JsonTest {

  private static final List<String> DOCUMENTS =
      List.of(
          "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"_meta\":{}}}",
          "[1,-2147483649,9223372036854775808,1.5,-0.0,1e400,2E-3,123456789012345678901234567890.5]",
          "{\"a\":1,\"a\":{\"b\":[true,false,null]},\"c\":\"\\u00e9\\n\\\"q\\\" \\ud83d\\ude00\"}",
          "\"text\"",
          "  42  ",
          "null",
          "{\"deep\":[[[{\"x\":[{}]}]]],\"empty\":[],\"o\":{}}");

  @Test
  void readTreeBuildsTheSameNodesAsTheMapper() throws Exception {
    for (String doc : DOCUMENTS) {
      JsonNode ours = Json.readTree(doc);
      JsonNode mappers = Json.mapper().readTree(doc);

      assertThat(ours).as(doc).isEqualTo(mappers);
      assertThat(Json.readTree(doc.getBytes(StandardCharsets.UTF_8))).as(doc).isEqualTo(mappers);
      // same node classes too (IntNode vs LongNode vs BigIntegerNode, DoubleNode)
      assertThat(classes(ours)).as(doc).isEqualTo(classes(mappers));
    }
  }

  @Test
  void noContentIsAMissingNodeAndTrailingTokensAreRefused() throws Exception {
    assertThat(Json.readTree("   ").isMissingNode()).isTrue();
    assertThat(Json.readTree(new byte[0]).isMissingNode()).isTrue();
    assertThatThrownBy(() -> Json.readTree("{} {}")).isInstanceOf(JacksonException.class);
    assertThatThrownBy(() -> Json.readTree("{\"a\":1}x")).isInstanceOf(JacksonException.class);
    assertThatThrownBy(() -> Json.readTree("{\"a\":")).isInstanceOf(JacksonException.class);
  }

  @Test
  void theMappersLimitsHold() {
    String deep = "[".repeat(201) + "]".repeat(201);

    assertThatThrownBy(() -> Json.readTree(deep)).isInstanceOf(JacksonException.class);
    assertThatThrownBy(() -> Json.mapper().readTree(deep)).isInstanceOf(JacksonException.class);
  }

  @Test
  void writeOfATreeIsWhatTheMapperWrites() throws Exception {
    ObjectNode tree = Json.object();
    tree.put("s", "é \" \n").put("i", 7).put("l", 1L << 40).put("d", 0.1).put("f", 1.5f);
    tree.put("nan", Double.NaN).put("big", new BigInteger("123456789012345678901234567890"));
    tree.put("dec", new BigDecimal("1.50")).put("bin", new byte[] {1, 2, 3}).putNull("nul");
    tree.putArray("a").add(true).add(Json.object()).addArray();
    tree.putPOJO("pojo", List.of("x", 1));

    assertThat(Json.write(tree)).isEqualTo(Json.mapper().writeValueAsString(tree));
    for (String doc : DOCUMENTS) {
      JsonNode node = Json.readTree(doc);
      assertThat(Json.write(node)).as(doc).isEqualTo(Json.mapper().writeValueAsString(node));
    }
  }

  @Test
  void aJsonWritableWritesItself() {
    JsonWritable value = g -> g.writeString("self");

    assertThat(Json.write(value)).isEqualTo("\"self\"");
  }

  private static String classes(JsonNode node) {
    StringBuilder sb = new StringBuilder(node.getClass().getSimpleName());
    if (node.isContainerNode()) {
      sb.append('(');
      node.forEach(c -> sb.append(classes(c)).append(','));
      sb.append(')');
    }
    return sb.toString();
  }
}
