package dev.mcplambda.bench;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The body of an HTTP/1.1 response with {@code Transfer-Encoding: chunked}, decoded: a read returns
 * what the current chunk has without waiting for the next one, so a streamed SSE event is seen as
 * soon as its chunk arrives. Chunk extensions and trailers are skipped.
 */
final class ChunkedBodyStream extends InputStream {

  private final InputStream in;
  private long left;
  private boolean ended;
  private boolean started;

  /**
   * @param in the connection, positioned after the response headers (buffered: chunk sizes are read
   *     a byte at a time)
   */
  ChunkedBodyStream(InputStream in) {
    this.in = in;
  }

  @Override
  public int read() throws IOException {
    if (!nextChunk()) {
      return -1;
    }
    int b = in.read();
    if (b < 0) {
      throw new EOFException("connection closed inside a chunk");
    }
    left--;
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (!nextChunk()) {
      return -1;
    }
    int n = in.read(b, off, (int) Math.min(len, left));
    if (n < 0) {
      throw new EOFException("connection closed inside a chunk");
    }
    left -= n;
    return n;
  }

  /** Moves to the next chunk when this one is used up; false after the last (zero) chunk. */
  private boolean nextChunk() throws IOException {
    if (ended) {
      return false;
    }
    if (left > 0) {
      return true;
    }
    if (left == 0 && started) {
      expectCrlf();
    }
    started = true;
    String size = HttpLines.read(in);
    int semi = size.indexOf(';');
    String hex = (semi >= 0 ? size.substring(0, semi) : size).trim();
    try {
      left = Long.parseLong(hex, 16);
    } catch (NumberFormatException e) {
      throw new IOException("bad chunk size line: " + size);
    }
    if (left < 0) {
      throw new IOException("bad chunk size line: " + size);
    }
    if (left == 0) {
      ended = true;
      while (!HttpLines.read(in).isEmpty()) {
        // trailer fields
      }
      return false;
    }
    return true;
  }

  private void expectCrlf() throws IOException {
    if (!HttpLines.read(in).isEmpty()) {
      throw new IOException("chunk not followed by CRLF");
    }
  }
}
