package dev.mcplambda.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BacktrackingLintTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "^(a+)+$",
        "(a*)*",
        "^(\\w+\\s?)*$",
        "([a-z]+\\.)*x",
        "(?:ab+)+c",
        "((ab)*c)*",
        "(a{1,9}){2,}",
        "(a+){10}",
        "^(a+?)+$",
        "(?<name>x+)*",
        "(?i:a+)+",
        "((a+))+",
      })
  void refusesNestedQuantifiers(String regex) {
    assertThat(BacktrackingLint.problem(regex))
        .hasValueSatisfying(p -> assertThat(p).contains("nested quantifier"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "^[a-z]+$",
        "^(ab)+$",
        "(a+)?",
        "(a+){1}",
        "(a+)++",
        "(?>a+)+",
        "(a++)+",
        "[(a+)]+",
        "\\(a+\\)+",
        "\\Q(a+)+\\E",
        "^\\d{4}-\\d{2}-\\d{2}$",
        "(foo|bar)*baz",
        "[a-z&&[^q]]+(x)*",
        "(?i)abc+",
        "x{2,3}(y)+",
      })
  void acceptsPatternsWithoutThatShape(String regex) {
    assertThat(BacktrackingLint.problem(regex)).isEmpty();
  }
}
