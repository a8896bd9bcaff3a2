package dev.mcplambda.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The runtime names slf4j-simple as the SLF4J provider only when it is there and none is named. */
class Slf4jProviderNamingTest {

  private String provider;
  private String verbosity;

  @BeforeEach
  void save() {
    provider = System.getProperty("slf4j.provider");
    verbosity = System.getProperty("slf4j.internal.verbosity");
  }

  @AfterEach
  void restore() {
    set("slf4j.provider", provider);
    set("slf4j.internal.verbosity", verbosity);
  }

  private static void set(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }

  @Test
  void namesSlf4jSimpleWhenItIsOnTheClassPathAndNoProviderIsNamed() {
    // given no provider named
    System.clearProperty("slf4j.provider");
    System.clearProperty("slf4j.internal.verbosity");

    // when the runtime names one with slf4j-simple on the class path
    boolean named = StreamingRuntime.nameSlf4jProvider(getClass().getClassLoader());

    // then slf4j-simple is named and SLF4J's own info note is kept off stderr
    assertThat(named).isTrue();
    assertThat(System.getProperty("slf4j.provider"))
        .isEqualTo(StreamingRuntime.SLF4J_SIMPLE_PROVIDER);
    assertThat(System.getProperty("slf4j.internal.verbosity")).isEqualTo("WARN");
  }

  @Test
  void leavesAProviderNamedByTheOperatorAlone() {
    // given an operator-chosen provider
    System.setProperty("slf4j.provider", "com.example.OtherProvider");

    // when the runtime would name one
    boolean named = StreamingRuntime.nameSlf4jProvider(getClass().getClassLoader());

    // then the operator's choice stands
    assertThat(named).isFalse();
    assertThat(System.getProperty("slf4j.provider")).isEqualTo("com.example.OtherProvider");
  }

  @Test
  void namesNothingWhenSlf4jSimpleIsNotOnTheClassPath() {
    // given no provider named and a class loader without slf4j-simple
    System.clearProperty("slf4j.provider");
    ClassLoader platform = ClassLoader.getPlatformClassLoader();

    // when the runtime would name one
    boolean named = StreamingRuntime.nameSlf4jProvider(platform);

    // then SLF4J is left to find its provider itself
    assertThat(named).isFalse();
    assertThat(System.getProperty("slf4j.provider")).isNull();
  }
}
