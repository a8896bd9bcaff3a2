package dev.mcplambda.registration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UriTemplateSyntaxTest {

  /** Examples from RFC 6570 §1.2 and §3.2, prefixed with a scheme as MCP needs. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "file:///{path}",
        "logs://app/{date}",
        "db://tables/{name}/rows{?limit,offset}",
        "http://example.com/~{username}/",
        "http://example.com/dictionary/{term:1}/{term}",
        "http://example.com/search{?q,lang}",
        "x:{+path}/here",
        "x:{#x,hello,y}",
        "x:{.list*}",
        "x:{/var:1,var}",
        "x:{;keys*}",
        "x:{?x,y,empty}",
        "x:{&x}",
        "x:{var:9999}",
        "x:{a.b.c}",
        "x:{%41bc}",
        "x:caf%C3%A9/{id}",
        "x:ünïcode/{id}",
        "x:no-expressions-at-all",
      })
  void acceptsWellFormedTemplates(String template) {
    assertThat(UriTemplateSyntax.problem(template)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "x:{a|'{' is never closed",
        "x:a}|'}' without a matching '{'",
        "x:{a{b}}|cannot nest",
        "x:{}|empty expression",
        "x:{=a}|reserved",
        "x:{,a}|reserved",
        "x:{!a}|reserved",
        "x:{@a}|reserved",
        "x:{+}|expected a variable name",
        "x:{a,}|after ','",
        "x:{a b}|unexpected ' '",
        "x:{.a.}|cannot end with '.'",
        "x:{a..b}|contain '..'",
        "x:{a:}|prefix modifier",
        "x:{a:10000}|prefix modifier",
        "x:{a*:3}|unexpected ':'",
        "x:{%4}|percent-encoding",
        "x:a b|spaces and control characters",
        "x:a<b|'<' is not allowed",
        "x:100%|percent-encoding",
        "{path}|URI scheme",
        "1x:{a}|URI scheme",
        "\"\"|must be 1-2048 characters",
      })
  void refusesWithPosition(String template, String reason) {
    assertThat(UriTemplateSyntax.problem(template))
        .hasValueSatisfying(m -> assertThat(m).contains(reason));
  }
}
