package dev.mcplambda.runtime;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 connection to the Runtime API on a plain {@link Socket}. Just enough HTTP for the
 * Runtime API: request heads written by hand (so a chunked body with declared trailers can follow),
 * responses with {@code Content-Length}, chunked or close-delimited bodies.
 */
final class RuntimeApiConnection implements Closeable {

  private static final int MAX_LINE = 16 * 1024;
  private static final byte[] CRLF = {'\r', '\n'};

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private boolean reusable = true;
  private boolean used;

  private RuntimeApiConnection(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
    this.out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
  }

  static RuntimeApiConnection open(String host, int port) throws IOException {
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.setKeepAlive(true);
      socket.connect(new InetSocketAddress(host, port));
      return new RuntimeApiConnection(socket);
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  /** Whether a request was already sent on this connection (so it may have gone stale). */
  boolean used() {
    return used;
  }

  /** Whether the server allows another request on this connection. */
  boolean reusable() {
    return reusable && !socket.isClosed();
  }

  /** Writes a request line and headers (not flushed). Header values must be single-line ASCII. */
  void writeHead(String method, String target, List<Map.Entry<String, String>> headers)
      throws IOException {
    used = true;
    StringBuilder head = new StringBuilder(256);
    head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    for (Map.Entry<String, String> h : headers) {
      head.append(h.getKey()).append(": ").append(singleLine(h.getValue())).append("\r\n");
    }
    head.append("\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
  }

  /** The raw request body stream (buffered: call {@link #flush()}). */
  OutputStream body() {
    return out;
  }

  void flush() throws IOException {
    out.flush();
  }

  /** Writes one chunk of a chunked request body ({@code len > 0}); not flushed. */
  void writeChunk(byte[] b, int off, int len) throws IOException {
    out.write(Integer.toHexString(len).getBytes(StandardCharsets.ISO_8859_1));
    out.write(CRLF);
    out.write(b, off, len);
    out.write(CRLF);
  }

  /** Writes the terminating chunk, the trailers and the final CRLF, then flushes. */
  void writeLastChunk(Map<String, String> trailers) throws IOException {
    StringBuilder last = new StringBuilder("0\r\n");
    for (Map.Entry<String, String> t : trailers.entrySet()) {
      last.append(t.getKey()).append(": ").append(singleLine(t.getValue())).append("\r\n");
    }
    last.append("\r\n");
    out.write(last.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** Reads one complete response. */
  RuntimeApiResponse readResponse() throws IOException {
    String statusLine = readLine();
    if (statusLine == null) {
      throw new EOFException("Runtime API closed the connection before answering");
    }
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
      throw new IOException("malformed status line from the Runtime API");
    }
    int status;
    try {
      status = Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw new IOException("malformed status code from the Runtime API", e);
    }
    Map<String, String> headers = readHeaders();
    if ("HTTP/1.0".equals(parts[0]) || "close".equalsIgnoreCase(headers.get("connection"))) {
      reusable = false;
    }
    byte[] body;
    String length = headers.get("content-length");
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = readChunkedBody();
    } else if (length != null) {
      int n;
      try {
        n = Integer.parseInt(length.trim());
      } catch (NumberFormatException e) {
        throw new IOException("malformed Content-Length from the Runtime API", e);
      }
      body = in.readNBytes(n);
      if (body.length != n) {
        throw new EOFException("Runtime API response body ended early");
      }
    } else if (status == 204 || status == 304 || status < 200) {
      body = new byte[0];
    } else {
      body = in.readAllBytes();
      reusable = false;
    }
    return new RuntimeApiResponse(status, headers, body);
  }

  private Map<String, String> readHeaders() throws IOException {
    Map<String, String> headers = new HashMap<>();
    for (String line = readLine(); line != null && !line.isEmpty(); line = readLine()) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers.put(
            line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
            line.substring(colon + 1).trim());
      }
    }
    return headers;
  }

  private byte[] readChunkedBody() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine();
      if (sizeLine == null) {
        throw new EOFException("Runtime API chunked body ended early");
      }
      int semi = sizeLine.indexOf(';');
      String hex = (semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).trim();
      int size;
      try {
        size = Integer.parseInt(hex, 16);
      } catch (NumberFormatException e) {
        throw new IOException("malformed chunk size from the Runtime API", e);
      }
      if (size == 0) {
        readHeaders(); // trailers, ignored
        return body.toByteArray();
      }
      byte[] chunk = in.readNBytes(size);
      if (chunk.length != size) {
        throw new EOFException("Runtime API chunk ended early");
      }
      body.write(chunk);
      readLine();
    }
  }

  private String readLine() throws IOException {
    StringBuilder line = new StringBuilder(64);
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        int len = line.length();
        if (len > 0 && line.charAt(len - 1) == '\r') {
          line.setLength(len - 1);
        }
        return line.toString();
      }
      if (line.length() >= MAX_LINE) {
        throw new IOException("line from the Runtime API is too long");
      }
      line.append((char) c);
    }
    return line.isEmpty() ? null : line.toString();
  }

  private static String singleLine(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\r' || c == '\n' || c > 0x7e) {
        throw new IllegalArgumentException("header values must be single-line ASCII");
      }
    }
    return value;
  }

  @Override
  public void close() {
    reusable = false;
    try {
      socket.close();
    } catch (IOException ignored) {
      // nothing left to do with a connection we are dropping
    }
  }
}
