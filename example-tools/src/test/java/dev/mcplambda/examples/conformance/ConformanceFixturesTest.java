package dev.mcplambda.examples.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@SuppressWarnings("unchecked")
class ConformanceFixturesTest {

  private static Map<String, Object> call(Map<String, Object> args, Map<String, Object> extra) {
    return Map.of("args", args, "extra", extra);
  }

  @Test
  void simpleTextReturnsTheScenarioText() {
    Map<String, Object> result = new TestSimpleText().handleRequest(call(Map.of(), Map.of()), null);
    assertThat(result)
        .isEqualTo(
            Map.of(
                "content",
                List.of(
                    Map.of(
                        "type", "text", "text", "This is a simple text response for testing."))));
  }

  @Test
  void imageIsAValidPng() {
    byte[] png = Base64.getDecoder().decode(FixtureMedia.RED_PIXEL_PNG);
    assertThat(png).startsWith(0x89, 'P', 'N', 'G');
    byte[] wav = Base64.getDecoder().decode(FixtureMedia.SILENT_WAV);
    assertThat(new String(wav, 0, 4)).isEqualTo("RIFF");
  }

  @Test
  void errorHandlingFailsAsAFunctionError() {
    assertThatThrownBy(() -> new TestErrorHandling().handleRequest(call(Map.of(), Map.of()), null))
        .hasMessage("This tool intentionally returns an error for testing");
  }

  @Test
  void templateResourceSubstitutesTheId() {
    // given
    Map<String, Object> event =
        Map.of(
            "action", "read", "uri", "test://template/123/data", "variables", Map.of("id", "123"));

    // when
    Map<String, Object> result = new ConformanceResources().handleRequest(event, null);

    // then
    assertThat(result)
        .isEqualTo(
            Map.of(
                "contents",
                List.of(
                    Map.of(
                        "uri",
                        "test://template/123/data",
                        "mimeType",
                        "application/json",
                        "text",
                        "{\"id\":\"123\",\"templateTest\":true,\"data\":\"Data for ID: 123\"}"))));
  }

  @Test
  void unknownResourceIsAFunctionError() {
    Map<String, Object> event = Map.of("action", "read", "uri", "test://nope");
    assertThatThrownBy(() -> new ConformanceResources().handleRequest(event, null))
        .hasMessageContaining("test://nope");
  }

  @Test
  void elicitationAsksFirstThenGreets() {
    // when: round 1
    Map<String, Object> round1 =
        new TestInputRequiredResultElicitation().handleRequest(call(Map.of(), Map.of()), null);
    // then
    assertThat(round1).containsEntry("resultType", "input_required");
    assertThat((Map<String, Object>) round1.get("inputRequests")).containsKey("user_name");

    // when: round 2 with a malformed answer (a number) — asked again
    Map<String, Object> malformed =
        new TestInputRequiredResultElicitation()
            .handleRequest(
                call(Map.of(), Map.of("inputResponses", Map.of("user_name", 12345))), null);
    assertThat(malformed).containsEntry("resultType", "input_required");

    // when: round 2 with the answer plus an extra key
    Map<String, Object> answers =
        Map.of(
            "user_name", Map.of("action", "accept", "content", Map.of("name", "Ada")),
            "unrelated", Map.of());
    Map<String, Object> round2 =
        new TestInputRequiredResultElicitation()
            .handleRequest(call(Map.of(), Map.of("inputResponses", answers)), null);
    assertThat(round2.get("content").toString()).contains("Hello, Ada!");
  }

  @Test
  void multiRoundEvolvesTheState() {
    var tool = new TestInputRequiredResultMultiRound();
    Map<String, Object> r1 = tool.handleRequest(call(Map.of(), Map.of()), null);
    Map<String, Object> r2 =
        tool.handleRequest(
            call(
                Map.of(),
                Map.of(
                    "requestState", r1.get("requestState"),
                    "inputResponses",
                        Map.of(
                            "step1",
                            Map.of("action", "accept", "content", Map.of("name", "Ada"))))),
            null);
    assertThat((Map<String, Object>) r2.get("inputRequests")).containsKey("step2");
    assertThat(r2.get("requestState")).isNotEqualTo(r1.get("requestState"));
    Map<String, Object> r3 =
        tool.handleRequest(
            call(
                Map.of(),
                Map.of(
                    "requestState", r2.get("requestState"),
                    "inputResponses",
                        Map.of(
                            "step2",
                            Map.of("action", "accept", "content", Map.of("color", "green"))))),
            null);
    assertThat(r3.get("content").toString()).contains("Ada's favorite color is green.");
  }

  @Test
  void tamperedStateIsRefused() {
    var tool = new TestInputRequiredResultTamperedState();
    String state = (String) tool.handleRequest(call(Map.of(), Map.of()), null).get("requestState");
    String tampered = "x" + state;
    assertThatThrownBy(
            () ->
                tool.handleRequest(
                    call(
                        Map.of(),
                        Map.of(
                            "requestState",
                            tampered,
                            "inputResponses",
                            Map.of("confirm", Map.of("action", "accept")))),
                    null))
        .hasMessageContaining("integrity");
  }

  @Test
  void capabilityCheckAsksOnlyForDeclaredCapabilities() {
    Map<String, Object> result =
        new TestInputRequiredResultCapabilities()
            .handleRequest(
                call(Map.of(), Map.of("clientCapabilities", Map.of("sampling", Map.of()))), null);
    @SuppressWarnings("unchecked")
    Map<String, Object> requests = (Map<String, Object>) result.get("inputRequests");
    assertThat(requests.keySet()).containsExactly("greeting");
  }

  @Test
  void jsonTextEscapes() {
    assertThat(JsonText.write(Map.of("a", List.of("x\"y", 1, true))))
        .isEqualTo("{\"a\":[\"x\\\"y\",1,true]}");
  }
}
