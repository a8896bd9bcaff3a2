package dev.mcplambda.local.http;

import java.io.IOException;
import java.io.InputStream;

/**
 * A request body on a kept-alive connection: {@code Content-Length} bytes or a {@code chunked} body
 * (RFC 9112 7.1, extensions and trailers skipped), never reading past its end. {@link #drain}
 * consumes what the handler left so the next request can be read.
 */
final class RequestBody extends InputStream {

  /** Longest chunk-size line or trailer line accepted. */
  static final int MAX_LINE = 4096;

  private final InputStream in;
  private final boolean chunked;
  private long remaining; // in the body (fixed) or in the current chunk (chunked)
  private boolean finished;
  private boolean closed;

  private RequestBody(InputStream in, boolean chunked, long length) {
    this.in = in;
    this.chunked = chunked;
    this.remaining = chunked ? 0 : length;
    this.finished = !chunked && length == 0;
  }

  static RequestBody fixed(InputStream in, long length) {
    return new RequestBody(in, false, length);
  }

  static RequestBody chunked(InputStream in) {
    return new RequestBody(in, true, 0);
  }

  /** Whether the whole body was read (the connection can carry the next request). */
  boolean finished() {
    return finished;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (closed) {
      throw new IOException("the request body is closed");
    }
    if (len == 0) {
      return 0;
    }
    if (finished) {
      return -1;
    }
    if (chunked && remaining == 0) {
      nextChunk();
      if (finished) {
        return -1;
      }
    }
    int n = in.read(b, off, (int) Math.min(len, remaining));
    if (n < 0) {
      throw new IOException("the connection ended inside the request body");
    }
    remaining -= n;
    if (remaining == 0) {
      if (chunked) {
        expectCrlf();
      } else {
        finished = true;
      }
    }
    return n;
  }

  @Override
  public int available() throws IOException {
    return finished || closed ? 0 : (int) Math.min(in.available(), remaining);
  }

  private void nextChunk() throws IOException {
    String line = line();
    int semicolon = line.indexOf(';');
    String size = (semicolon < 0 ? line : line.substring(0, semicolon)).strip();
    if (size.isEmpty() || size.length() > 15) {
      throw new BadRequestException(400, "malformed chunk size");
    }
    long n;
    try {
      n = Long.parseLong(size, 16);
    } catch (NumberFormatException e) {
      throw new BadRequestException(400, "malformed chunk size");
    }
    if (n < 0) {
      throw new BadRequestException(400, "malformed chunk size");
    }
    if (n == 0) {
      // trailer section: skipped up to the empty line
      while (!line().isEmpty()) {
        // ignored
      }
      finished = true;
      return;
    }
    remaining = n;
  }

  private void expectCrlf() throws IOException {
    if (!line().isEmpty()) {
      throw new BadRequestException(400, "a chunk is longer than its size");
    }
  }

  private String line() throws IOException {
    StringBuilder s = new StringBuilder();
    while (true) {
      int c = in.read();
      if (c < 0) {
        throw new IOException("the connection ended inside the request body");
      }
      if (c == '\n') {
        int last = s.length() - 1;
        return last >= 0 && s.charAt(last) == '\r' ? s.substring(0, last) : s.toString();
      }
      if (s.length() >= MAX_LINE) {
        throw new BadRequestException(400, "chunk line too long");
      }
      s.append((char) c);
    }
  }

  /**
   * Reads and discards up to {@code limit} bytes of what is left.
   *
   * @return whether the body is now complete
   */
  boolean drain(long limit) {
    if (closed) {
      return finished;
    }
    byte[] skip = new byte[4096];
    long left = limit;
    try {
      while (!finished && left > 0) {
        int n = read(skip, 0, (int) Math.min(skip.length, left));
        if (n < 0) {
          break;
        }
        left -= n;
      }
    } catch (IOException e) {
      return false;
    }
    return finished;
  }

  /** Marks the body closed for the handler; unread bytes stay for {@link #drain}. */
  @Override
  public void close() {
    closed = true;
  }

  /** Lets the connection drain a body the handler closed. */
  void reopenForDrain() {
    closed = false;
  }
}
