package dev.mcplambda.local.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A response body onto the connection's buffered output: {@code Content-Length} bytes, a {@code
 * chunked} body (each {@link #flush} sends the bytes written since as one chunk; {@link #close}
 * sends the rest and the last chunk in one write), or none (HEAD, 204, 304, length -1).
 */
final class ResponseBody extends OutputStream {

  enum Mode {
    FIXED,
    CHUNKED,
    NONE
  }

  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private final OutputStream out;
  private final Mode mode;
  private final long length;
  private long written;
  private byte[] pending; // chunked: bytes not yet sent as a chunk
  private int pendingLength;
  private boolean closed;

  ResponseBody(OutputStream out, Mode mode, long length) {
    this.out = out;
    this.mode = mode;
    this.length = length;
    this.pending = mode == Mode.CHUNKED ? new byte[8192] : null;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (closed) {
      throw new IOException("the response body is closed");
    }
    java.util.Objects.checkFromIndexSize(off, len, b.length);
    switch (mode) {
      case FIXED -> {
        if (written + len > length) {
          throw new IOException("more bytes than the declared Content-Length " + length);
        }
        out.write(b, off, len);
        written += len;
      }
      case CHUNKED -> {
        if (pendingLength + len > pending.length) {
          if (len >= pending.length) {
            sendPending();
            chunk(b, off, len);
            return;
          }
          sendPending();
        }
        System.arraycopy(b, off, pending, pendingLength, len);
        pendingLength += len;
      }
      case NONE -> {
        if (len > 0) {
          throw new IOException("this response has no body");
        }
      }
    }
  }

  @Override
  public void flush() throws IOException {
    if (closed) {
      return;
    }
    sendPending();
    out.flush();
  }

  /** Ends the body; fails if a fixed-length body is short (the connection must then close). */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (mode == Mode.CHUNKED) {
      sendPending();
      out.write(LAST_CHUNK);
    }
    out.flush();
    if (mode == Mode.FIXED && written != length) {
      throw new IOException("the response body ended after " + written + " of " + length);
    }
  }

  boolean closed() {
    return closed;
  }

  private void sendPending() throws IOException {
    if (mode == Mode.CHUNKED && pendingLength > 0) {
      chunk(pending, 0, pendingLength);
      pendingLength = 0;
    }
  }

  private void chunk(byte[] b, int off, int len) throws IOException {
    out.write(Integer.toHexString(len).getBytes(StandardCharsets.US_ASCII));
    out.write(CRLF);
    out.write(b, off, len);
    out.write(CRLF);
  }
}
