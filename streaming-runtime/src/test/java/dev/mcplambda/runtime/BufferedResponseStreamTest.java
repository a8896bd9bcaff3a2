package dev.mcplambda.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcplambda.http.FunctionUrlResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BufferedResponseStreamTest {

  @Test
  void aTextBodyBecomesATextFunctionUrlResponse() throws IOException {
    // given a started response with a UTF-8 body and a cookie
    BufferedResponseStream response = new BufferedResponseStream();
    response.start(201, Map.of("Content-Type", "application/json"), List.of("a=b"));
    response.body().write("{\"ok\":\"é\"}".getBytes(StandardCharsets.UTF_8));

    // when it is turned into a payload-2.0 response
    FunctionUrlResponse out = response.toFunctionUrlResponse();

    // then status, headers, body and cookies carry over as text
    assertThat(out.statusCode()).isEqualTo(201);
    assertThat(response.header("content-type")).isEqualTo("application/json");
    assertThat(out.body()).isEqualTo("{\"ok\":\"é\"}");
    assertThat(out.base64Encoded()).isFalse();
    assertThat(out.cookies()).containsExactly("a=b");
  }

  @Test
  void bytesThatAreNotUtf8GoOutBase64Encoded() throws IOException {
    BufferedResponseStream response = new BufferedResponseStream();
    response.start(200, Map.of(), null);
    response.body().write(new byte[] {(byte) 0xff, 0x00});

    FunctionUrlResponse out = response.toFunctionUrlResponse();

    assertThat(out.base64Encoded()).isTrue();
    assertThat(Base64.getDecoder().decode(out.body())).containsExactly((byte) 0xff, 0x00);
  }

  @Test
  void aResponseNeverStartedIsA500() {
    assertThat(new BufferedResponseStream().toFunctionUrlResponse().statusCode()).isEqualTo(500);
  }

  @Test
  void afterEndWritesFailWithTheFirstReason() throws IOException {
    BufferedResponseStream response = new BufferedResponseStream();
    response.start(200, Map.of(), List.of());
    response.end("deadline");
    response.end("later");

    assertThat(response.ended()).isTrue();
    assertThatThrownBy(() -> response.body().write(1))
        .isInstanceOf(IOException.class)
        .hasMessage("deadline");
  }

  @Test
  void startTwiceIsAProgrammingError() throws IOException {
    BufferedResponseStream response = new BufferedResponseStream();
    response.start(200, Map.of(), List.of());

    assertThatThrownBy(() -> response.start(200, Map.of(), List.of()))
        .isInstanceOf(IllegalStateException.class);
  }
}
