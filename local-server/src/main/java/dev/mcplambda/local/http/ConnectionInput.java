package dev.mcplambda.local.http;

import java.io.IOException;
import java.io.InputStream;

/**
 * A connection's buffered input without the locking of {@link java.io.BufferedInputStream} (one
 * thread reads a connection). Each blocking read of the socket marks the connection idle for the
 * server's idle-timeout sweep, which closes it when the peer sends nothing for too long.
 */
final class ConnectionInput extends InputStream {

  private final InputStream in;
  private final Http11Connection connection;
  private final byte[] buf;
  private int pos;
  private int limit;

  ConnectionInput(InputStream in, Http11Connection connection, int size) {
    this.in = in;
    this.connection = connection;
    this.buf = new byte[size];
  }

  private boolean fill() throws IOException {
    connection.waiting(true);
    int n;
    try {
      n = in.read(buf, 0, buf.length);
    } finally {
      connection.waiting(false);
    }
    if (n <= 0) {
      return false;
    }
    pos = 0;
    limit = n;
    return true;
  }

  @Override
  public int read() throws IOException {
    if (pos == limit && !fill()) {
      return -1;
    }
    return buf[pos++] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    java.util.Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    if (pos == limit) {
      if (len >= buf.length) {
        connection.waiting(true);
        try {
          return in.read(b, off, len);
        } finally {
          connection.waiting(false);
        }
      }
      if (!fill()) {
        return -1;
      }
    }
    int n = Math.min(len, limit - pos);
    System.arraycopy(buf, pos, b, off, n);
    pos += n;
    return n;
  }

  @Override
  public int available() throws IOException {
    int buffered = limit - pos;
    return buffered > 0 ? buffered : in.available();
  }
}
