package dev.mcplambda.jsonrpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mcplambda.json.Json;
import dev.mcplambda.testing.FuzzTarget;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes {@link JsonRpcParser} with request bodies: every body is classified (a message, a batch,
 * or a -32700 / -32600 error) without throwing, and whatever it produced can be written back.
 *
 * <p>Seeds: {@code JsonRpcParserFuzzTestInputs}. Run by the {@code fuzz} failsafe execution.
 */
class JsonRpcParserFuzzTest {

  private static final FuzzTarget TARGET = FuzzTarget.named("JsonRpcParser");

  @FuzzTest(maxDuration = "20s")
  void everyBodyIsClassified(byte[] body) {
    TARGET.run(
        () -> {
          // given any body, as bytes and as text
          ParsedMessage fromBytes = JsonRpcParser.parse(body);
          ParsedMessage fromText = JsonRpcParser.parse(new String(body, StandardCharsets.UTF_8));
          // then both are classified into the documented outcomes
          check(fromBytes, true);
          check(fromText, false);
          return null;
        });
  }

  private static void check(ParsedMessage parsed, boolean tally) {
    assertThat(parsed).isNotNull();
    switch (parsed) {
      case ParsedMessage.Valid v -> {
        assertThat(Json.write(v.message())).isNotEmpty();
        if (tally) {
          TARGET.outcome("valid");
        }
      }
      case ParsedMessage.Invalid i -> {
        assertThat(i.error().error().code())
            .isIn(ErrorCodes.PARSE_ERROR, ErrorCodes.INVALID_REQUEST);
        assertThat(Json.write(i.error())).isNotEmpty();
        if (tally) {
          TARGET.outcome("error " + i.error().error().code());
        }
      }
    }
  }
}
