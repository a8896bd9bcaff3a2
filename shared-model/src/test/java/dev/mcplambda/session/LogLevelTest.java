package dev.mcplambda.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogLevelTest {

  @Test
  void wireNamesAreTheLowerCaseNamesLeastSevereFirst() {
    assertThat(LogLevel.wireNames())
        .isEqualTo(
            String.join(", ", Arrays.stream(LogLevel.values()).map(LogLevel::wireName).toList()));
    assertThat(LogLevel.ofWireName("warning")).isEqualTo(LogLevel.WARNING);
  }

  @Test
  void onlyExactWireNamesAreLevels() {
    assertThat(LogLevel.isWireName("notice")).isTrue();
    assertThat(LogLevel.isWireName("WARNING")).isFalse();
    assertThat(LogLevel.isWireName("warn")).isFalse();
    assertThat(LogLevel.isWireName(null)).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "error, warning, true",
    "warning, warning, true",
    "info, warning, false",
    "emergency, debug, true",
    "error, , false",
    "bogus, debug, false",
  })
  void aMessagePassesAtOrAboveTheRequestedLevel(String level, String minimum, boolean passes) {
    assertThat(LogLevel.passes(level, minimum)).isEqualTo(passes);
  }
}
