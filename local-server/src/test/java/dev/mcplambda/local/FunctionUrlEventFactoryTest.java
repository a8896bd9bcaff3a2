package dev.mcplambda.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcplambda.http.FunctionUrlRequest;
import dev.mcplambda.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FunctionUrlEventFactoryTest {

  private final FunctionUrlEventFactory factory =
      new FunctionUrlEventFactory(
          Clock.fixed(Instant.parse("2026-11-26T10:15:30Z"), ZoneOffset.UTC), "127.0.0.1:8080");

  private static ReceivedRequest request(
      String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
    return new ReceivedRequest(method, path, query, headers, body, "127.0.0.1");
  }

  @Test
  void mapsAJsonPostToAPayload20Event() {
    // given
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Content-Type", List.of("application/json"));
    headers.put("Mcp-Session-Id", List.of("abc"));
    headers.put("Accept", List.of("application/json", "text/event-stream"));
    headers.put("Cookie", List.of("a=1; b=2"));
    ReceivedRequest request =
        request(
            "POST",
            "/message",
            "sessionId=s%201&x=1&x=2",
            headers,
            "{\"jsonrpc\":\"2.0\"}".getBytes(StandardCharsets.UTF_8));

    // when
    FunctionUrlRequest event = factory.toEvent(request, CallerIdentity.LOCAL, "req-1");

    // then
    assertThat(event.version()).isEqualTo("2.0");
    assertThat(event.routeKey()).isEqualTo("$default");
    assertThat(event.rawPath()).isEqualTo("/message");
    assertThat(event.rawQueryString()).isEqualTo("sessionId=s%201&x=1&x=2");
    assertThat(event.queryStringParameters())
        .containsEntry("sessionId", "s 1")
        .containsEntry("x", "1,2");
    assertThat(event.headers())
        .containsEntry("content-type", "application/json")
        .containsEntry("mcp-session-id", "abc")
        .containsEntry("accept", "application/json,text/event-stream")
        .containsEntry("x-forwarded-for", "127.0.0.1")
        .containsEntry("x-forwarded-proto", "http")
        .containsEntry("x-forwarded-port", "8080")
        .doesNotContainKey("cookie");
    assertThat(event.cookies()).containsExactly("a=1", "b=2");
    assertThat(event.body()).isEqualTo("{\"jsonrpc\":\"2.0\"}");
    assertThat(event.base64Encoded()).isFalse();
    assertThat(event.method()).isEqualTo("POST");
    assertThat(event.requestContext().requestId()).isEqualTo("req-1");
    assertThat(event.requestContext().timeEpoch())
        .isEqualTo(Instant.parse("2026-11-26T10:15:30Z").toEpochMilli());
    assertThat(event.requestContext().time()).isEqualTo("26/Nov/2026:10:15:30 +0000");
    assertThat(event.requestContext().http().path()).isEqualTo("/message");
    assertThat(event.requestContext().http().sourceIp()).isEqualTo("127.0.0.1");
    assertThat(event.principalArn()).isEqualTo("arn:aws:iam::000000000000:user/local");
  }

  @Test
  void encodesABinaryBodyInBase64() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff};
    FunctionUrlRequest event =
        factory.toEvent(
            request("PUT", "/x", null, Map.of("Content-Type", List.of("image/png")), png),
            CallerIdentity.LOCAL);
    assertThat(event.base64Encoded()).isTrue();
    assertThat(Base64.getDecoder().decode(event.body())).isEqualTo(png);
  }

  @Test
  void leavesBodyAndQueryOutWhenAbsent() {
    FunctionUrlRequest event =
        factory.toEvent(request("GET", "/sse", null, Map.of(), null), CallerIdentity.LOCAL);
    assertThat(event.body()).isNull();
    assertThat(event.queryStringParameters()).isNull();
    assertThat(event.rawQueryString()).isEmpty();
  }

  @Test
  void carriesTheSignersIdentity() {
    // given
    CallerIdentity alice = CallerIdentity.of("AKID", "arn:aws:iam::123456789012:user/alice");

    // when
    FunctionUrlRequest event =
        factory.toEvent(request("GET", "/register", null, Map.of(), null), alice);

    // then
    FunctionUrlRequest.Iam iam = event.requestContext().authorizer().iam();
    assertThat(iam.userArn()).isEqualTo("arn:aws:iam::123456789012:user/alice");
    assertThat(iam.accessKey()).isEqualTo("AKID");
    assertThat(iam.accountId()).isEqualTo("123456789012");
    assertThat(event.requestContext().accountId()).isEqualTo("123456789012");
  }

  @Test
  void serialisesLikeAFunctionUrlEvent() throws Exception {
    FunctionUrlRequest event =
        factory.toEvent(
            request("GET", "/register", "limit=5", Map.of(), null), CallerIdentity.LOCAL);
    var json = Json.readTree(Json.write(event));
    assertThat(json.at("/requestContext/http/method").asText()).isEqualTo("GET");
    assertThat(json.at("/requestContext/authorizer/iam/userArn").asText())
        .isEqualTo("arn:aws:iam::000000000000:user/local");
    assertThat(json.at("/isBase64Encoded").asBoolean()).isFalse();
    assertThat(json.at("/queryStringParameters/limit").asText()).isEqualTo("5");
  }
}
