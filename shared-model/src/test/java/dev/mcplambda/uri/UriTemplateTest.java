package dev.mcplambda.uri;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UriTemplateTest {

  private static Optional<Map<String, String>> match(String template, String uri) {
    return UriTemplate.compile(template).orElseThrow().match(uri);
  }

  // ---- syntax (the registration plane's check) ----

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
        "file:///{+path}{?q}",
        "x:{/a}{/b}{?c}{&d}{#e}",
      })
  void acceptsWellFormedTemplates(String template) {
    assertThat(UriTemplate.problem(template)).isEmpty();
    assertThat(UriTemplate.compile(template)).isPresent();
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
        "db://{a}{b}{c}/end|character 9: an expression directly after another",
        "x:{a}{+b}|directly after another",
        "x:{/a}{b}|directly after another",
      })
  void refusesWithPosition(String template, String reason) {
    assertThat(UriTemplate.problem(template))
        .hasValueSatisfying(m -> assertThat(m).contains(reason));
    assertThat(UriTemplate.compile(template)).isEmpty();
  }

  @Test
  void refusesTemplatesOverTheLengthLimit() {
    String template = "x:" + "a".repeat(UriTemplate.MAX_TEMPLATE_LENGTH - 1);
    assertThat(UriTemplate.problem(template))
        .hasValueSatisfying(m -> assertThat(m).contains("1-2048"));
    assertThat(UriTemplate.problem(null)).isPresent();
  }

  // ---- matching (the MCP runtime) ----

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
    assertThat(match("map://{x,y}", "map://3,4,5")).isEmpty();
  }

  @Test
  void reservedExpansionSpansSlashes() {
    assertThat(match("file:///{+path}", "file:///a/b/c.txt")).contains(Map.of("path", "a/b/c.txt"));
    assertThat(match("repo://{owner}/{+path}", "repo://me/src/Main.java"))
        .contains(Map.of("owner", "me", "path", "src/Main.java"));
  }

  @Test
  void theFinalLiteralEndsTheUriAndMiddleLiteralsMatchTheirFirstOccurrence() {
    assertThat(match("repo://{+path}/raw", "repo://a/raw/b/raw"))
        .contains(Map.of("path", "a/raw/b"));
    assertThat(match("x:{a}-{b}", "x:1-2-3")).contains(Map.of("a", "1", "b", "2-3"));
    assertThat(match("x:{+a}/mid/{+b}", "x:p/mid/q/mid/r"))
        .contains(Map.of("a", "p", "b", "q/mid/r"));
    assertThat(match("x:{a}/end", "x:/end")).contains(Map.of("a", ""));
    assertThat(match("x:{a}/end", "x:end")).isEmpty();
  }

  @Test
  void pathSegmentAndLabelExpansions() {
    assertThat(match("api://root{/a,b}", "api://root/x/y")).contains(Map.of("a", "x", "b", "y"));
    assertThat(match("api://root{/a,b}", "api://root/x")).contains(Map.of("a", "x"));
    assertThat(match("api://root{/a}", "api://root/x/y")).isEmpty();
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
  void adjacentExpressionsSplitAtTheNextLeadCharacter() {
    assertThat(match("file:///{+path}{?q}", "file:///a/b.txt?q=x%20y"))
        .contains(Map.of("path", "a/b.txt", "q", "x y"));
    assertThat(match("file:///{+path}{?q}", "file:///a/b.txt")).contains(Map.of("path", "a/b.txt"));
    assertThat(match("api://r{/a}{/b}{?c}", "api://r/x/y?c=1"))
        .contains(Map.of("a", "x", "b", "y", "c", "1"));
    assertThat(match("api://r{?a}{&b}", "api://r?a=1&b=2")).contains(Map.of("a", "1", "b", "2"));
  }

  @Test
  void modifiersAreAcceptedAndValuesKeptWhole() {
    assertThat(match("list://{items*}", "list://a")).contains(Map.of("items", "a"));
    assertThat(match("list://{name:3}", "list://abc")).contains(Map.of("name", "abc"));
  }

  @Test
  void literalLengthRanksSpecificity() {
    assertThat(UriTemplate.compile("file:///logs/{d}").orElseThrow().literalLength())
        .isGreaterThan(UriTemplate.compile("file:///{+p}").orElseThrow().literalLength());
    assertThat(UriTemplate.compile("x:{a}/{+b}{?c}").orElseThrow().variables())
        .containsExactly("a", "b", "c");
  }

  @Test
  void urisOverTheLimitNeverMatch() {
    UriTemplate t = UriTemplate.compile("file:///{+path}").orElseThrow();
    String longest = "file:///" + "a".repeat(UriTemplate.MAX_URI_LENGTH - 8);
    assertThat(t.match(longest)).isPresent();
    assertThat(t.match(longest + "a")).isEmpty();
    assertThat(t.match(null)).isEmpty();
  }

  /**
   * ReDoS regression: hostile URIs of the maximum length against templates whose regex translation
   * backtracked (lazy groups before a literal that never comes, long almost-matches of a literal).
   * The matcher reads each URI character a bounded number of times, whatever the input.
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "file:///{+path}{?q}|file:///|a?|",
        "db://{a}/{b}/{c}/end|db://|/|x",
        "x:{+a}/{+b}/{+c}/stop!|x:|/|!",
        "x:{+a}aaaaaaaaab{+b}|x:|a|",
        "x:{+a}{#f}|x:|#,|",
        "x:{a}{/b}{?c}{&d}|x:|&/|",
      })
  void matchingReadsEachCharacterABoundedNumberOfTimes(
      String template, String prefix, String unit, String tail) {
    UriTemplate t = UriTemplate.compile(template).orElseThrow();
    String body = unit.repeat((UriTemplate.MAX_URI_LENGTH - prefix.length() - 1) / unit.length());
    CountingChars uri = new CountingChars(prefix + body + (tail == null ? "" : tail));

    t.match(uri);

    assertThat(uri.reads).isLessThanOrEqualTo(4L * uri.length() + template.length());
  }

  /** A URI that counts how often the matcher reads a character. */
  private static final class CountingChars implements CharSequence {
    private final String s;
    long reads;

    CountingChars(String s) {
      this.s = s;
    }

    @Override
    public int length() {
      return s.length();
    }

    @Override
    public char charAt(int index) {
      reads++;
      return s.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      reads += end - start;
      return s.substring(start, end);
    }

    @Override
    public String toString() {
      return s;
    }
  }
}
