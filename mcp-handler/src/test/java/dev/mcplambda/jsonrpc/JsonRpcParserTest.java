package dev.mcplambda.jsonrpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonRpcParserTest {

  static Stream<Arguments> badMessages() {
    return Stream.of(
        // body, expected code, expected id (JSON text)
        Arguments.of("", -32700, "null"),
        Arguments.of("   ", -32700, "null"),
        Arguments.of("{", -32700, "null"),
        Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"} trailing", -32700, "null"),
        Arguments.of("{'jsonrpc':'2.0'}", -32700, "null"),
        Arguments.of("nul", -32700, "null"),
        Arguments.of("[".repeat(300) + "]".repeat(300), -32700, "null"),
        Arguments.of("null", -32600, "null"),
        Arguments.of("42", -32600, "null"),
        Arguments.of("\"ping\"", -32600, "null"),
        Arguments.of("true", -32600, "null"),
        Arguments.of("[]", -32600, "null"),
        Arguments.of("{}", -32600, "null"),
        Arguments.of("{\"id\":1,\"method\":\"ping\"}", -32600, "1"),
        Arguments.of("{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}", -32600, "1"),
        Arguments.of("{\"jsonrpc\":2.0,\"id\":1,\"method\":\"ping\"}", -32600, "1"),
        Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":1}", -32600, "1"),
        Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"\"}", -32600, "1"),
        Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":7}", -32600, "1"),
        Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":null}", -32600, "1"),
        Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}", -32600, "null"),
        Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"ping\"}", -32600, "null"),
        Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"ping\"}", -32600, "null"),
        Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":[1],\"method\":\"ping\"}", -32600, "null"),
        Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"ping\"}", -32600, "null"),
        Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":1e3,\"method\":\"ping\"}", -32600, "null"),
        Arguments.of(
            "{\"jsonrpc\":\"2.0\",\"id\":123456789012345678901234567890,\"method\":\"ping\"}",
            -32600,
            "null"),
        Arguments.of(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":[1]}", -32600, "1"),
        Arguments.of(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":\"x\"}", -32600, "1"),
        Arguments.of(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":null}", -32600, "1"),
        Arguments.of("{\"jsonrpc\":\"2.0\",\"method\":\"notify\",\"params\":[]}", -32600, "null"),
        Arguments.of(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"result\":{}}", -32600, "1"),
        Arguments.of(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{},\"error\":{\"code\":1,\"message\":\"m\"}}",
            -32600,
            "1"),
        Arguments.of("{\"jsonrpc\":\"2.0\",\"result\":{}}", -32600, "null"),
        Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":[]}", -32600, "1"),
        Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":\"bad\"}", -32600, "1"),
        Arguments.of(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":\"x\",\"message\":\"m\"}}",
            -32600,
            "1"),
        Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":1}}", -32600, "1"),
        Arguments.of(
            "{\"jsonrpc\":\"2.0\",\"id\":\"abc\",\"jsonrpc\":\"1.0\",\"method\":\"x\"}",
            -32600,
            "\"abc\""));
  }

  @ParameterizedTest
  @MethodSource("badMessages")
  void badMessagesBecomePreciseErrors(String body, int code, String id) {
    // when
    ParsedMessage parsed = JsonRpcParser.parse(body.getBytes(StandardCharsets.UTF_8));

    // then
    assertThat(parsed).isInstanceOf(ParsedMessage.Invalid.class);
    JsonRpcResponse error = ((ParsedMessage.Invalid) parsed).error();
    assertThat(error.error().code()).isEqualTo(code);
    assertThat(error.error().message()).isNotBlank();
    assertThat(error.id().toString()).isEqualTo(id);
    assertThat(error.result()).isNull();
  }

  @Test
  void stringAndByteInputAgree() {
    String body = "{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"method\":7}";
    assertThat(JsonRpcParser.parse(body))
        .isEqualTo(JsonRpcParser.parse(body.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void parsesARequest() {
    ParsedMessage parsed =
        JsonRpcParser.parse(
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\",\"params\":{}}");
    assertThat(parsed).isInstanceOf(ParsedMessage.Valid.class);
    JsonRpcRequest request = (JsonRpcRequest) ((ParsedMessage.Valid) parsed).message();
    assertThat(request.id().asLong()).isEqualTo(7);
    assertThat(request.method()).isEqualTo("tools/list");
    assertThat(request.params().isObject()).isTrue();
  }

  @Test
  void parsesAStringIdRequestWithoutParams() {
    JsonRpcRequest request =
        (JsonRpcRequest)
            ((ParsedMessage.Valid)
                    JsonRpcParser.parse("{\"jsonrpc\":\"2.0\",\"id\":\"a-1\",\"method\":\"ping\"}"))
                .message();
    assertThat(request.id().asText()).isEqualTo("a-1");
    assertThat(request.params()).isNull();
  }

  @Test
  void parsesANotification() {
    ParsedMessage parsed =
        JsonRpcParser.parse("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    assertThat(((ParsedMessage.Valid) parsed).message())
        .isEqualTo(new JsonRpcNotification("notifications/initialized", null));
  }

  @Test
  void parsesResultAndErrorResponses() {
    assertThat(
            ((ParsedMessage.Valid)
                    JsonRpcParser.parse("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"a\":1}}"))
                .message())
        .isInstanceOfSatisfying(
            JsonRpcResponse.class, r -> assertThat(r.result().get("a").asInt()).isEqualTo(1));
    assertThat(
            ((ParsedMessage.Valid)
                    JsonRpcParser.parse(
                        "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-1,\"message\":\"m\"}}"))
                .message())
        .isInstanceOfSatisfying(
            JsonRpcResponse.class, r -> assertThat(r.error().code()).isEqualTo(-1));
  }

  @Test
  void aBatchIsAnInvalidRequestWithNullId() {
    ParsedMessage parsed =
        JsonRpcParser.parse("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"},{\"id\":2}]");
    assertThat(parsed)
        .isInstanceOfSatisfying(
            ParsedMessage.Invalid.class,
            i -> {
              assertThat(i.error().error().code()).isEqualTo(ErrorCodes.INVALID_REQUEST);
              assertThat(i.error().error().message()).contains("batches are not supported");
              assertThat(i.error().id().isNull()).isTrue();
            });
  }

  @Test
  void responsesSerialiseWithoutAnErrorFlag() {
    String json =
        dev.mcplambda.json.Json.write(
            JsonRpcResponse.success(
                dev.mcplambda.json.Json.nodes().numberNode(1), dev.mcplambda.json.Json.object()));
    assertThat(json).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}");
  }
}
