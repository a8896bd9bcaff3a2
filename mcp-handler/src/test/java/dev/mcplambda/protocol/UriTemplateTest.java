package dev.mcplambda.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UriTemplateTest {

  private static Optional<Map<String, String>> match(String template, String uri) {
    return UriTemplate.compile(template).orElseThrow().match(uri);
  }

  @Test
  void simpleExpansion() {
    assertThat(match("file:///logs/{date}", "file:///logs/2026-11-02"))
        .contains(Map.of("date", "2026-11-02"));
    assertThat(match("file:///logs/{date}", "file:///logs/a/b")).isEmpty();
    assertThat(match("file:///logs/{date}", "file:///other/x")).isEmpty();
  }

  @Test
  void simpleExpansionDecodesPercentEscapes() {
    assertThat(match("users://{name}/profile", "users://J%C3%BCrgen%20K/profile"))
        .contains(Map.of("name", "Jürgen K"));
    assertThat(match("users://{name}", "users://a%2")).isEmpty();
  }

  @Test
  void multipleVariablesInOneExpression() {
    assertThat(match("map://{x,y}", "map://3,4")).contains(Map.of("x", "3", "y", "4"));
  }

  @Test
  void reservedExpansionSpansSlashes() {
    assertThat(match("file:///{+path}", "file:///a/b/c.txt")).contains(Map.of("path", "a/b/c.txt"));
    assertThat(match("repo://{owner}/{+path}", "repo://me/src/Main.java"))
        .contains(Map.of("owner", "me", "path", "src/Main.java"));
  }

  @Test
  void pathSegmentAndLabelExpansions() {
    assertThat(match("api://root{/a,b}", "api://root/x/y")).contains(Map.of("a", "x", "b", "y"));
    assertThat(match("api://root{/a,b}", "api://root/x")).contains(Map.of("a", "x"));
    assertThat(match("host://www{.domain}", "host://www.example"))
        .contains(Map.of("domain", "example"));
  }

  @Test
  void queryAndContinuationExpansions() {
    assertThat(match("search://items{?q,limit}", "search://items?limit=5&q=red%20shoes"))
        .contains(Map.of("q", "red shoes", "limit", "5"));
    assertThat(match("search://items{?q,limit}", "search://items")).contains(Map.of());
    assertThat(match("search://items?fixed=1{&q}", "search://items?fixed=1&q=x"))
        .contains(Map.of("q", "x"));
  }

  @Test
  void fragmentAndPathParameterExpansions() {
    assertThat(match("doc://page{#section}", "doc://page#intro"))
        .contains(Map.of("section", "intro"));
    assertThat(match("doc://page{;v}", "doc://page;v=2")).contains(Map.of("v", "2"));
  }

  @Test
  void modifiersAreAcceptedAndValuesKeptWhole() {
    assertThat(match("list://{items*}", "list://a")).contains(Map.of("items", "a"));
    assertThat(match("list://{name:3}", "list://abc")).contains(Map.of("name", "abc"));
  }

  @ParameterizedTest
  @CsvSource({"'file:///{'", "'file:///}'", "'a{}b'", "'{bad name}'", "''"})
  void malformedTemplatesDoNotCompile(String template) {
    assertThat(UriTemplate.compile(template)).isEmpty();
  }

  @Test
  void literalLengthRanksSpecificity() {
    assertThat(UriTemplate.compile("file:///logs/{d}").orElseThrow().literalLength())
        .isGreaterThan(UriTemplate.compile("file:///{+p}").orElseThrow().literalLength());
  }

  @Test
  void backtrackingUrisFoundByTheFuzzerMatchNothingInsteadOfHanging() {
    // given templates whose regexes backtrack polynomially (UriTemplateFuzzTest seeds)
    String as = "a".repeat(5_000);
    // then a hostile URI is decided (no match) instead of running for hours
    assertThat(match("db://{a}{b}{c}/end", "db://" + as)).isEmpty();
    assertThat(match("x:{+a}{+b}{+c}{+d}!", "x:" + "-".repeat(3_000))).isEmpty();
    // and honest URIs still match, up to 8 KiB
    assertThat(match("db://{a}{b}{c}/end", "db://xyz/end")).isPresent();
    assertThat(match("file:///{+path}", "file:///" + as)).contains(Map.of("path", as));
    assertThat(match("file:///{+path}", "file:///" + "a".repeat(UriTemplate.MAX_URI_LENGTH)))
        .isEmpty();
  }
}
