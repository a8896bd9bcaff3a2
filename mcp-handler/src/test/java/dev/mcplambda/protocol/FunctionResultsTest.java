package dev.mcplambda.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcplambda.json.Json;
import org.junit.jupiter.api.Test;

class FunctionResultsTest {

  private static JsonNode json(String s) {
    return Fixture.json("{\"v\":" + s + "}").get("v");
  }

  @Test
  void callToolResultKeepsOnlyItsOwnFields() throws Exception {
    JsonNode payload =
        json(
            "{\"content\":[{\"type\":\"text\",\"text\":\"x\"}],\"isError\":true,"
                + "\"structuredContent\":{\"a\":1},\"_meta\":{\"k\":1},\"secret\":\"drop me\"}");
    assertThat(FunctionResults.callTool(payload, false, true))
        .isEqualTo(
            json(
                "{\"content\":[{\"type\":\"text\",\"text\":\"x\"}],\"structuredContent\":{\"a\":1},"
                    + "\"isError\":true,\"_meta\":{\"k\":1}}"));
  }

  @Test
  void structuredContentFollowsTheRevision() throws Exception {
    JsonNode array = json("[1,2]");
    assertThat(FunctionResults.callTool(array, false, true).has("structuredContent")).isFalse();
    assertThat(FunctionResults.callTool(array, true, true).get("structuredContent"))
        .isEqualTo(array);
    assertThat(FunctionResults.callTool(json("{\"a\":1}"), false, false).has("structuredContent"))
        .isFalse();
    assertThat(
            FunctionResults.callTool(json("3"), false, true)
                .get("content")
                .get(0)
                .get("text")
                .asText())
        .isEqualTo("3");
  }

  @Test
  void objectsWithNonArrayContentAreWrappedNotPassedThrough() throws Exception {
    JsonNode payload = json("{\"content\":\"hello\"}");
    assertThat(FunctionResults.callTool(payload, false, true).get("structuredContent"))
        .isEqualTo(payload);
  }

  @Test
  void nullIsMalformed() {
    assertThatThrownBy(() -> FunctionResults.callTool(Json.nodes().nullNode(), false, true))
        .isInstanceOf(MalformedResultException.class);
    assertThatThrownBy(
            () -> FunctionResults.readResource(Json.nodes().nullNode(), "u", null, false))
        .isInstanceOf(MalformedResultException.class);
    assertThatThrownBy(() -> FunctionResults.getPrompt(Json.nodes().nullNode(), null))
        .isInstanceOf(MalformedResultException.class);
  }

  @Test
  void readResourcePassesBlobsAndHintsThrough() throws Exception {
    JsonNode payload =
        json(
            "{\"contents\":[{\"uri\":\"img://1\",\"mimeType\":\"image/png\",\"blob\":\"iVBOR\"}],"
                + "\"ttlMs\":5000,\"cacheScope\":\"public\"}");
    JsonNode stateless = FunctionResults.readResource(payload, "img://1", null, true);
    assertThat(stateless.get("contents")).isEqualTo(payload.get("contents"));
    assertThat(stateless.get("ttlMs").asLong()).isEqualTo(5000);
    assertThat(stateless.get("cacheScope").asText()).isEqualTo("public");
    JsonNode session = FunctionResults.readResource(payload, "img://1", null, false);
    assertThat(session.has("ttlMs")).isFalse();
    assertThat(session.has("cacheScope")).isFalse();
  }

  @Test
  void readResourceRejectsItemsWithoutTextOrBlob() {
    assertThatThrownBy(
            () ->
                FunctionResults.readResource(
                    json("{\"contents\":[{\"uri\":\"a\"}]}"), "a", null, false))
        .isInstanceOf(MalformedResultException.class)
        .hasMessage("contents[0] needs uri and text or blob");
  }

  @Test
  void readResourceWrapsOtherJsonWithAMimeType() throws Exception {
    JsonNode wrapped = FunctionResults.readResource(json("{\"a\":1}"), "data://x", null, false);
    assertThat(wrapped.get("contents").get(0))
        .isEqualTo(
            json(
                "{\"uri\":\"data://x\",\"mimeType\":\"application/json\",\"text\":\"{\\\"a\\\":1}\"}"));
  }

  @Test
  void getPromptPassesMessagesThroughAndFillsTheDescription() throws Exception {
    JsonNode payload =
        json(
            "{\"messages\":[{\"role\":\"assistant\",\"content\":{\"type\":\"text\",\"text\":\"hi\"}}]}");
    JsonNode result = FunctionResults.getPrompt(payload, "registered");
    assertThat(result.get("description").asText()).isEqualTo("registered");
    assertThat(result.get("messages")).isEqualTo(payload.get("messages"));
  }

  @Test
  void getPromptRejectsBadRoles() {
    assertThatThrownBy(
            () ->
                FunctionResults.getPrompt(
                    json(
                        "{\"messages\":[{\"role\":\"system\",\"content\":{\"type\":\"text\","
                            + "\"text\":\"x\"}}]}"),
                    null))
        .isInstanceOf(MalformedResultException.class);
  }
}
