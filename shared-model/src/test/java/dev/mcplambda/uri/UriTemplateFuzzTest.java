package dev.mcplambda.uri;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mcplambda.testing.FuzzTarget;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Fuzzes {@link UriTemplate} with (template, uri) pairs: compiling and matching never throw, and
 * each pair is decided within the per-input time budget of {@link FuzzTarget} (a slow match, e.g.
 * catastrophic backtracking on a {@code resources/read} URI, is a finding).
 *
 * <p>Input: {@code template \n uri}; seeds in {@code UriTemplateFuzzTestInputs} include the
 * templates that once backtracked catastrophically ({@code file:///{+path}{?q}}, {@code
 * db://{a}{b}{c}/end}).
 */
class UriTemplateFuzzTest {

  private static final FuzzTarget TARGET = FuzzTarget.named("UriTemplate");

  @FuzzTest(maxDuration = "25s")
  void everyUriIsDecidedQuickly(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    int nl = text.indexOf('\n');
    String template = nl < 0 ? text : text.substring(0, nl);
    String uri = nl < 0 ? "" : text.substring(nl + 1);

    TARGET.run(
        () -> {
          // given any template an admin could register and any URI a client could read
          Optional<UriTemplate> compiled = UriTemplate.compile(template);
          if (compiled.isEmpty()) {
            TARGET.outcome("template refused");
            return null;
          }
          // when the URI is matched against it (within the budget)
          Optional<Map<String, String>> vars = compiled.get().match(uri);
          // then a match binds only the template's variables
          if (vars.isPresent()) {
            assertThat(compiled.get().variables()).containsAll(vars.get().keySet());
            TARGET.outcome("match");
          } else {
            TARGET.outcome("no match");
          }
          return null;
        });
  }
}
