package dev.mcplambda.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SseWriterTest {

  private final CountingStream out = new CountingStream();
  private final SseWriter sse = new SseWriter(out);

  static final class CountingStream extends ByteArrayOutputStream {
    int flushes;

    @Override
    public void flush() {
      flushes++;
    }

    String text() {
      return toString(StandardCharsets.UTF_8);
    }
  }

  @Test
  void aTypedEventIsFramedByteForByteAndFlushed() throws IOException {
    // when
    sse.write(SseEvent.endpoint("/message?sessionId=abc"));

    // then
    assertThat(out.toByteArray())
        .isEqualTo(
            "event: endpoint\ndata: /message?sessionId=abc\n\n".getBytes(StandardCharsets.UTF_8));
    assertThat(out.flushes).isEqualTo(1);
  }

  @Test
  void aMessageEventCarriesItsJsonOnOneDataLine() throws IOException {
    // when
    sse.write(SseEvent.message("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}"));

    // then
    assertThat(out.text())
        .isEqualTo("event: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}\n\n");
  }

  @Test
  void multiLineDataIsSplitOnLfCrLfAndCr() throws IOException {
    // when
    sse.write(SseEvent.data("a\nb\r\nc\rd"));

    // then
    assertThat(out.text()).isEqualTo("data: a\ndata: b\ndata: c\ndata: d\n\n");
  }

  @Test
  void trailingLineBreakGivesAnEmptyDataLine() throws IOException {
    // when
    sse.write(SseEvent.data("x\n"));

    // then
    assertThat(out.text()).isEqualTo("data: x\ndata: \n\n");
  }

  @Test
  void idComesAfterEventAndBeforeData() throws IOException {
    // when
    sse.write(new SseEvent("message", "42", "{}"));

    // then
    assertThat(out.text()).isEqualTo("event: message\nid: 42\ndata: {}\n\n");
  }

  @Test
  void emptyDataIsOneEmptyDataLine() throws IOException {
    // when
    sse.write(new SseEvent(null, "7", ""));

    // then
    assertThat(out.text()).isEqualTo("id: 7\ndata: \n\n");
  }

  @Test
  void commentsAndRetryAreTheirOwnBlocksEachFlushed() throws IOException {
    // when
    sse.comment("ping");
    sse.comment("two\nlines");
    sse.retry(1000);

    // then
    assertThat(out.text()).isEqualTo(": ping\n\n: two lines\n\nretry: 1000\n\n");
    assertThat(out.flushes).isEqualTo(3);
  }

  @Test
  void nonAsciiDataIsUtf8() throws IOException {
    // when
    sse.write(SseEvent.data("{\"t\":\"世界\"}"));

    // then
    assertThat(out.toByteArray())
        .isEqualTo("data: {\"t\":\"世界\"}\n\n".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void eventNamesAndIdsCannotSmuggleLineBreaks() {
    assertThatThrownBy(() -> new SseEvent("message\ndata: x", null, "{}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SseEvent(null, "1\r", "{}"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
