package dev.mcplambda.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mcplambda.testing.FuzzTarget;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes {@link RegistryCursor}: a client-supplied cursor decodes to a position or is refused with
 * {@link InvalidCursorException}, never anything else; a cursor never travels to another scope; and
 * every position the store can issue round-trips.
 *
 * <p>Input: {@code scope \n position \n cursor}; seeds in {@code RegistryCursorFuzzTestInputs}. The
 * {@code fuzz} failsafe execution replays the seeds, then fuzzes for the duration below.
 */
class RegistryCursorFuzzTest {

  private static final FuzzTarget TARGET = FuzzTarget.named("RegistryCursor");

  @FuzzTest(maxDuration = "20s")
  void decodeAcceptsOnlyItsOwnCursors(byte[] input) {
    // input: scope \n position \n cursor
    String[] f = new String(input, StandardCharsets.UTF_8).split("\n", 3);
    String scope = f[0];
    String position = f.length > 1 ? f[1] : "";
    String cursor = f.length > 2 ? f[2] : "";

    TARGET.run(
        () -> {
          // given any client text as a cursor
          try {
            String decoded = RegistryCursor.decode(scope, cursor);
            // then a cursor that decodes was issued for this scope: it re-encodes to itself
            assertThat(RegistryCursor.encode(scope, decoded)).isEqualTo(cursor);
            TARGET.outcome("decoded");
          } catch (InvalidCursorException e) {
            TARGET.outcome("invalid");
          }
          // and every valid position round-trips, and only in its own scope
          int bytes = position.getBytes(StandardCharsets.UTF_8).length;
          if (bytes >= 1 && bytes <= 2048) {
            String issued = RegistryCursor.encode(scope, position);
            assertThat(RegistryCursor.decode(scope, issued)).isEqualTo(position);
            assertThatThrownBy(() -> RegistryCursor.decode(scope + "x", issued))
                .isInstanceOf(InvalidCursorException.class);
          }
          return null;
        });
  }
}
