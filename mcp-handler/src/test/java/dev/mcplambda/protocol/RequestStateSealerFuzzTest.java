package dev.mcplambda.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mcplambda.json.Json;
import dev.mcplambda.testing.FuzzTarget;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes {@link RequestStateSealer}: a client-supplied {@code requestState} opens only if this
 * sealer issued it for the same principal, method and target (a forgery is an empty result, never
 * an exception), and every state it seals opens again for exactly its own caller.
 *
 * <p>Input: {@code sealed \n principal \n method \n target \n functionState}; seeds in {@code
 * RequestStateSealerFuzzTestInputs}.
 */
class RequestStateSealerFuzzTest {

  private static final FuzzTarget TARGET = FuzzTarget.named("RequestStateSealer");
  private static final RequestStateSealer SEALER = new RequestStateSealer("fuzz-secret");
  private static final JsonNode ARGS = Json.object().put("q", "x");
  private static final JsonNode OTHER_ARGS = Json.object().put("q", "y");

  @FuzzTest(maxDuration = "20s")
  void onlyItsOwnStateOpens(byte[] input) {
    String[] f = new String(input, StandardCharsets.UTF_8).split("\n", 5);
    String sealed = f[0];
    String principal = f.length > 1 ? f[1] : null;
    String method = f.length > 2 ? f[2] : "tools/call";
    String target = f.length > 3 ? f[3] : "tool";
    String state = f.length > 4 ? f[4] : "";
    long now = System.currentTimeMillis();

    TARGET.run(
        () -> {
          // given client text as requestState: it does not open (HMAC-SHA256 is not forgeable)
          assertThat(SEALER.open(sealed, principal, method, target, ARGS, now)).isEmpty();
          TARGET.outcome("forgery refused");
          // and a state this sealer issued opens for its caller and arguments only, until it
          // expires
          String issued = SEALER.seal(state, principal, method, target, ARGS, now + 60_000);
          assertThat(SEALER.open(issued, principal, method, target, ARGS, now)).contains(state);
          assertThat(SEALER.open(issued, principal + "x", method, target, ARGS, now)).isEmpty();
          assertThat(SEALER.open(issued, principal, method + "x", target, ARGS, now)).isEmpty();
          assertThat(SEALER.open(issued, principal, method, target + "x", ARGS, now)).isEmpty();
          assertThat(SEALER.open(issued, principal, method, target, OTHER_ARGS, now)).isEmpty();
          assertThat(SEALER.open(issued, principal, method, target, ARGS, now + 60_001)).isEmpty();
          return null;
        });
  }
}
