package dev.mcplambda.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChunkedBodyStreamTest {

  private static InputStream wire(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void decodesChunksWithExtensionsAndTrailersAndLeavesTheNextResponse() throws IOException {
    // given two chunks (one with an extension), the last chunk with a trailer, then more bytes
    InputStream in = wire("5;ext=1\r\nhello\r\nA\r\n, world!!!\r\n0\r\nX-Trailer: t\r\n\r\nNEXT");

    // when the body is read to its end
    byte[] body = new ChunkedBodyStream(in).readAllBytes();

    // then it is the chunks' data, and the connection stands at the next response
    assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("hello, world!!!");
    assertThat(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)).isEqualTo("NEXT");
  }

  @Test
  void aReadStopsAtTheEndOfTheCurrentChunk() throws IOException {
    // given two chunks
    ChunkedBodyStream body = new ChunkedBodyStream(wire("3\r\nabc\r\n3\r\ndef\r\n0\r\n\r\n"));

    // when one large read is made
    byte[] buf = new byte[64];
    int n = body.read(buf, 0, buf.length);

    // then it returns the first chunk only (a streamed event is seen without waiting for more)
    assertThat(n).isEqualTo(3);
    assertThat(new String(buf, 0, n, StandardCharsets.UTF_8)).isEqualTo("abc");
    assertThat(body.read()).isEqualTo('d');
  }

  @Test
  void aBadChunkSizeIsAnError() {
    assertThatThrownBy(() -> new ChunkedBodyStream(wire("zz\r\nabc\r\n")).read())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("bad chunk size line: zz");
  }

  @Test
  void aChunkNotFollowedByCrlfIsAnError() {
    assertThatThrownBy(() -> new ChunkedBodyStream(wire("3\r\nabcX\r\n0\r\n\r\n")).readAllBytes())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("chunk not followed by CRLF");
  }

  @Test
  void aConnectionClosedInsideAChunkIsAnError() {
    assertThatThrownBy(() -> new ChunkedBodyStream(wire("a\r\nabc")).readAllBytes())
        .isInstanceOf(EOFException.class);
  }
}
