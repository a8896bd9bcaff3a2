package dev.mcplambda.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcplambda.examples.conformance.TestToolWithLogging;
import dev.mcplambda.examples.conformance.TestToolWithProgress;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolEventsTest {

  /** Counts flushes and remembers what was written before each. */
  private static final class RecordingStream extends ByteArrayOutputStream {
    final List<String> flushed = new ArrayList<>();

    @Override
    public void flush() {
      flushed.add(toString(StandardCharsets.UTF_8));
    }
  }

  @Test
  void eachEventIsOneLineFlushedAtOnce() {
    // given
    RecordingStream out = new RecordingStream();
    ToolEvents events = ToolEvents.of(out);

    // when
    events.progress(1, 3, "step one");
    events.log("info", "fetched");
    events.progress(2.5, 3);
    events.result(McpResults.toolResult(McpResults.text("done")));

    // then
    assertThat(out.flushed).hasSize(4);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"type\":\"progress\",\"progress\":1,\"total\":3,\"message\":\"step one\"}\n"
                + "{\"type\":\"log\",\"level\":\"info\",\"data\":\"fetched\"}\n"
                + "{\"type\":\"progress\",\"progress\":2.5,\"total\":3}\n"
                + "{\"type\":\"result\",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"done\"}]}}\n");
    assertThat(out.flushed.get(0)).endsWith("\n").doesNotContain("log");
  }

  @Test
  void stringsAreEscapedSoEveryEventStaysOnOneValidLine() {
    // given text with quotes, backslashes, line breaks, control characters, non-ASCII and a lone
    // surrogate
    RecordingStream out = new RecordingStream();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("q\"k", "a\"b\\c\nd\re\tf\u0001g\u2028h日本\uD83D\uDE00i\uD800");
    data.put("n", Double.NaN);
    data.put("list", new Object[] {1, true, null});

    // when
    ToolEvents.of(out).log("warning", "my.logger", data);

    // then
    String line = out.toString(StandardCharsets.UTF_8);
    assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
    assertThat(line)
        .isEqualTo(
            "{\"type\":\"log\",\"level\":\"warning\",\"logger\":\"my.logger\",\"data\":"
                + "{\"q\\\"k\":\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\u2028h日本\uD83D\uDE00i\\ud800\","
                + "\"n\":null,\"list\":[1,true,null]}}\n");
  }

  @Test
  void unknownLevelsAndEventsAfterTheResultAreRefused() {
    ToolEvents events = ToolEvents.of(new ByteArrayOutputStream());
    assertThatThrownBy(() -> events.log("verbose", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    events.result(Map.of());
    assertThatThrownBy(() -> events.progress(1)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void progressFixtureReportsZeroFiftyHundredThenTheResult() {
    // given
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    // when
    new TestToolWithProgress().handleRequest(new ByteArrayInputStream(new byte[0]), out, null);

    // then
    assertThat(out.toString(StandardCharsets.UTF_8).split("\n"))
        .containsExactly(
            "{\"type\":\"progress\",\"progress\":0,\"total\":100}",
            "{\"type\":\"progress\",\"progress\":50,\"total\":100}",
            "{\"type\":\"progress\",\"progress\":100,\"total\":100}",
            "{\"type\":\"result\",\"result\":{\"content\":[{\"type\":\"text\","
                + "\"text\":\"Tool with progress executed successfully\"}]}}");
  }

  @Test
  void loggingFixtureLogsThreeInfoMessagesThenTheResult() {
    // given
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    // when
    new TestToolWithLogging().handleRequest(new ByteArrayInputStream(new byte[0]), out, null);

    // then
    String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(lines).hasSize(4);
    assertThat(lines[0]).contains("\"level\":\"info\"", "Tool execution started");
    assertThat(lines[1]).contains("Tool processing data");
    assertThat(lines[2]).contains("Tool execution completed");
    assertThat(lines[3]).startsWith("{\"type\":\"result\"");
  }
}
