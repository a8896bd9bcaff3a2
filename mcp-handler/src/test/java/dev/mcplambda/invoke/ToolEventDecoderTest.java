package dev.mcplambda.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcplambda.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolEventDecoderTest {

  private final List<ToolEvent> events = new ArrayList<>();

  private InvocationOutcome decode(String output) {
    return ToolEventDecoder.decode(output.getBytes(StandardCharsets.UTF_8), events::add);
  }

  @Test
  void framedEventsAreEmittedInOrderAndTheResultIsTheOutcome() {
    // when
    InvocationOutcome outcome =
        decode(
            "{\"type\":\"progress\",\"progress\":1,\"total\":3,\"message\":\"a\"}\n"
                + "\n"
                + "{\"type\":\"log\",\"level\":\"warning\",\"logger\":\"db\",\"data\":{\"x\":1}}\r\n"
                + "{\"type\":\"progress\",\"progress\":2}\n"
                + "{\"type\":\"result\",\"result\":{\"content\":[]}}\n");

    // then
    assertThat(events)
        .containsExactly(
            new ToolEvent.Progress(1, 3.0, "a"),
            new ToolEvent.Log("warning", "db", Json.object().put("x", 1)),
            new ToolEvent.Progress(2, null, null));
    assertThat(outcome)
        .isEqualTo(
            new InvocationOutcome.Success(Json.object().set("content", Json.nodes().arrayNode())));
  }

  @Test
  void eventsArriveAsSoonAsTheirLineIsCompleteWhateverTheChunking() {
    // given an output split inside a line and inside a UTF-8 sequence
    byte[] bytes =
        ("{\"type\":\"log\",\"level\":\"info\",\"data\":\"日本\"}\n"
                + "{\"type\":\"result\",\"result\":\"ok\"}")
            .getBytes(StandardCharsets.UTF_8);
    ToolEventDecoder decoder = new ToolEventDecoder(events::add);
    int split = 38; // inside 日 (bytes 37..39)

    // when
    decoder.feed(bytes, 0, split);
    List<ToolEvent> afterFirstPart = List.copyOf(events);
    decoder.feed(bytes, split, 10);
    List<ToolEvent> afterLineEnd = List.copyOf(events);
    decoder.feed(bytes, split + 10, bytes.length - split - 10);

    // then
    assertThat(afterFirstPart).isEmpty();
    assertThat(afterLineEnd)
        .containsExactly(new ToolEvent.Log("info", null, Json.nodes().textNode("日本")));
    assertThat(decoder.finish())
        .isEqualTo(new InvocationOutcome.Success(Json.nodes().textNode("ok")));
  }

  @Test
  void aPlainDocumentIsTheResultEvenPrettyPrintedOrWithATypeField() {
    assertThat(decode("{\n  \"content\": []\n}\n"))
        .isEqualTo(
            new InvocationOutcome.Success(Json.object().set("content", Json.nodes().arrayNode())));
    assertThat(decode("{\"type\":\"text\",\"text\":\"x\"}"))
        .isEqualTo(
            new InvocationOutcome.Success(Json.object().put("type", "text").put("text", "x")));
    assertThat(decode("[1,2]")).isInstanceOf(InvocationOutcome.Success.class);
    assertThat(events).isEmpty();
  }

  @Test
  void malformedStreamsAreMalformedOutput() {
    assertThat(decode(""))
        .isEqualTo(new InvocationOutcome.MalformedOutput("the function returned no payload"));
    assertThat(decode("{\"a\":1}\n{\"b\":2}\n"))
        .isInstanceOf(InvocationOutcome.MalformedOutput.class);
    assertThat(decode("not json")).isInstanceOf(InvocationOutcome.MalformedOutput.class);
    assertThat(decode("{\"type\":\"progress\",\"progress\":1}\n"))
        .isEqualTo(
            new InvocationOutcome.MalformedOutput(
                "the function's event stream ended without a result event"));
    assertThat(decode("{\"type\":\"progress\",\"progress\":1}\n{\"content\":[]}\n"))
        .isEqualTo(
            new InvocationOutcome.MalformedOutput(
                "line 2 of the function's event stream is not an event"));
    assertThat(
            decode(
                "{\"type\":\"progress\",\"progress\":\"1\"}\n{\"type\":\"result\",\"result\":1}"))
        .isInstanceOf(InvocationOutcome.MalformedOutput.class);
    assertThat(decode("{\"type\":\"log\",\"level\":\"verbose\",\"data\":1}\n"))
        .isInstanceOf(InvocationOutcome.MalformedOutput.class);
    assertThat(decode("{\"type\":\"result\"}\n"))
        .isInstanceOf(InvocationOutcome.MalformedOutput.class);
  }

  @Test
  void linesAfterTheResultAreIgnored() {
    InvocationOutcome outcome =
        decode(
            "{\"type\":\"result\",\"result\":1}\n{\"type\":\"progress\",\"progress\":9}\ngarbage\n");
    assertThat(outcome).isEqualTo(new InvocationOutcome.Success(Json.nodes().numberNode(1)));
    assertThat(events).isEmpty();
  }
}
