package dev.mcplambda.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SseEventReaderTest {

  private static SseEventReader reader(String stream) {
    return new SseEventReader(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void readsNamedAndDefaultEventsAndSkipsComments() throws IOException {
    // given an endpoint event, a keep-alive comment and a message event with an id
    SseEventReader r =
        reader(
            "event: endpoint\ndata: /message?sessionId=s1\n\n"
                + ": keep-alive\n\n"
                + "id: s1:1\ndata: {\"id\":1}\n\n");

    // when the events are read
    SseClient.Event first = r.next();
    SseClient.Event second = r.next();

    // then the comment yields no event and the second defaults to "message"
    assertThat(first.name()).isEqualTo("endpoint");
    assertThat(first.data()).isEqualTo("/message?sessionId=s1");
    assertThat(second.name()).isEqualTo("message");
    assertThat(second.data()).isEqualTo("{\"id\":1}");
    assertThat(second.arrivalNanos()).isGreaterThanOrEqualTo(first.arrivalNanos());
    assertThat(r.next()).isNull();
  }

  @Test
  void joinsDataLinesAndHandlesCrlfAndUtf8() throws IOException {
    // given one event over CRLF lines with two data lines, one without the optional space
    SseEventReader r = reader("data: héllo\r\ndata:  wörld\r\n\r\n");

    // when it is read
    SseClient.Event e = r.next();

    // then the lines are joined with LF and only one leading space is dropped
    assertThat(e.data()).isEqualTo("héllo\n wörld");
  }

  @Test
  void anEventCutOffByTheEndOfTheStreamIsNotDispatched() throws IOException {
    assertThat(reader("data: partial\n").next()).isNull();
  }
}
