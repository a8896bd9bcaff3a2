package dev.mcplambda.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcplambda.json.Json;
import dev.mcplambda.jsonrpc.ErrorCodes;
import dev.mcplambda.jsonrpc.JsonRpcRequest;
import dev.mcplambda.jsonrpc.JsonRpcResponse;
import dev.mcplambda.uri.UriTemplate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A client's {@code uri} is length-capped before any template is matched. */
class ResourceUriLimitTest {

  private final Fixture fixture = new Fixture();

  private JsonRpcResponse call(String method, Object params) {
    JsonRpcRequest request =
        new JsonRpcRequest(Json.mapper().valueToTree(1), method, Json.mapper().valueToTree(params));
    return fixture
        .dispatcher
        .dispatch(
            request,
            Fixture.context(Era.STREAMABLE_HTTP, "2025-11-25", Fixture.ALICE),
            OutboundChannel.DISCARD)
        .response();
  }

  @Test
  void aUriOverTheCapIsInvalidParamsAndNoFunctionRuns() {
    // given a uri one character over the cap that would match file:///logs/{date} otherwise
    String uri = "file:///logs/" + "9".repeat(UriTemplate.MAX_URI_LENGTH - 12);

    // when
    JsonRpcResponse read = call("resources/read", Map.of("uri", uri));

    // then
    assertThat(read.isError()).isTrue();
    assertThat(read.error().code()).isEqualTo(ErrorCodes.INVALID_PARAMS);
    assertThat(read.error().message()).contains("at most 8192");
    assertThat(read.error().data().get("maxLength").asInt()).isEqualTo(8192);
    assertThat(fixture.functions.calls).isEmpty();
  }

  @Test
  void aUriAtTheCapIsStillRead() {
    String uri = "file:///logs/" + "9".repeat(UriTemplate.MAX_URI_LENGTH - 13);

    JsonRpcResponse read = call("resources/read", Map.of("uri", uri));

    assertThat(read.isError()).isFalse();
    assertThat(fixture.functions.lastCall().event().path("variables").path("date").asText())
        .hasSize(UriTemplate.MAX_URI_LENGTH - 13);
  }

  @Test
  void subscribeAndCompletionRefuseOverlongUrisToo() {
    String uri = "file:///" + "x".repeat(UriTemplate.MAX_URI_LENGTH);

    JsonRpcResponse subscribe = call("resources/subscribe", Map.of("uri", uri));
    JsonRpcResponse complete =
        call(
            "completion/complete",
            Map.of(
                "ref",
                Map.of("type", "ref/resource", "uri", uri),
                "argument",
                Map.of("name", "date", "value", "")));

    assertThat(subscribe.error().code()).isEqualTo(ErrorCodes.INVALID_PARAMS);
    assertThat(complete.error().code()).isEqualTo(ErrorCodes.INVALID_PARAMS);
    assertThat(complete.error().message()).startsWith("ref.uri is");
  }
}
