package dev.mcplambda.local.http;

import com.sun.net.httpserver.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The request line and header section of one HTTP/1.1 request (RFC 9112 sections 3 and 5), read
 * within a byte limit.
 *
 * @param method the method token
 * @param uri the request target
 * @param protocol {@code HTTP/1.1} or {@code HTTP/1.0}
 * @param headers the header fields, names normalised as {@link Headers} does
 */
record RequestHead(String method, URI uri, String protocol, Headers headers) {

  /** {@code Connection: close} asked, or HTTP/1.0 without {@code Connection: keep-alive}. */
  boolean wantsClose() {
    String connection = headers.getFirst("Connection");
    String c = connection == null ? "" : connection.toLowerCase(Locale.ROOT);
    if (protocol.equals("HTTP/1.0")) {
      return !c.contains("keep-alive");
    }
    return c.contains("close");
  }

  /**
   * Reads one request head.
   *
   * @return {@code null} when the stream ends before the first byte (the client closed an idle
   *     connection)
   * @throws BadRequestException when the head is malformed or longer than {@code maxBytes}
   */
  static RequestHead read(InputStream in, int maxBytes) throws IOException {
    byte[] buf = new byte[Math.min(maxBytes, 1024)];
    int len = 0;
    int b = in.read();
    // RFC 9112 2.2: ignore at least one empty line before the request line
    while (b == '\r' || b == '\n') {
      b = in.read();
    }
    if (b < 0) {
      return null;
    }
    // the head ends with an empty line: \r\n\r\n (a bare \n is accepted as a line end)
    while (true) {
      if (b < 0) {
        throw new BadRequestException(400, "the request head ended early");
      }
      if (len == buf.length) {
        if (len >= maxBytes) {
          throw new BadRequestException(431, "the request head is longer than " + maxBytes);
        }
        buf = java.util.Arrays.copyOf(buf, Math.min(maxBytes, buf.length * 2));
      }
      buf[len++] = (byte) b;
      if (b == '\n' && endsWithEmptyLine(buf, len)) {
        break;
      }
      b = in.read();
    }
    return parse(buf, len);
  }

  private static boolean endsWithEmptyLine(byte[] buf, int len) {
    return (len >= 2 && buf[len - 2] == '\n')
        || (len >= 3 && buf[len - 2] == '\r' && buf[len - 3] == '\n');
  }

  private static RequestHead parse(byte[] buf, int len) throws BadRequestException {
    int pos = 0;
    int lineEnd = lineEnd(buf, pos, len);
    String requestLine = ascii(buf, pos, trimCr(buf, pos, lineEnd));
    pos = lineEnd + 1;
    int sp1 = requestLine.indexOf(' ');
    int sp2 = sp1 < 0 ? -1 : requestLine.indexOf(' ', sp1 + 1);
    if (sp1 <= 0 || sp2 < 0 || requestLine.indexOf(' ', sp2 + 1) >= 0) {
      throw new BadRequestException(400, "malformed request line");
    }
    String method = requestLine.substring(0, sp1);
    String target = requestLine.substring(sp1 + 1, sp2);
    String protocol = requestLine.substring(sp2 + 1);
    if (!isToken(method) || target.isEmpty()) {
      throw new BadRequestException(400, "malformed request line");
    }
    if (!protocol.equals("HTTP/1.1") && !protocol.equals("HTTP/1.0")) {
      if (protocol.startsWith("HTTP/")) {
        throw new BadRequestException(505, "only HTTP/1.1 and HTTP/1.0 are served");
      }
      throw new BadRequestException(400, "malformed request line");
    }
    URI uri;
    try {
      uri = new URI(target);
    } catch (URISyntaxException e) {
      throw new BadRequestException(400, "malformed request target");
    }
    Headers headers = new Headers();
    while (true) {
      lineEnd = lineEnd(buf, pos, len);
      int end = trimCr(buf, pos, lineEnd);
      if (end == pos) {
        break;
      }
      if (buf[pos] == ' ' || buf[pos] == '\t') {
        throw new BadRequestException(400, "obsolete line folding in a header");
      }
      int colon = -1;
      for (int i = pos; i < end; i++) {
        if (buf[i] == ':') {
          colon = i;
          break;
        }
      }
      if (colon <= pos) {
        throw new BadRequestException(400, "malformed header line");
      }
      String name = ascii(buf, pos, colon);
      if (!isToken(name)) {
        throw new BadRequestException(400, "malformed header name");
      }
      int vs = colon + 1;
      int ve = end;
      while (vs < ve && (buf[vs] == ' ' || buf[vs] == '\t')) {
        vs++;
      }
      while (ve > vs && (buf[ve - 1] == ' ' || buf[ve - 1] == '\t')) {
        ve--;
      }
      for (int i = vs; i < ve; i++) {
        int c = buf[i] & 0xff;
        if ((c < 0x20 && c != '\t') || c == 0x7f) {
          throw new BadRequestException(400, "control character in a header value");
        }
      }
      headers.add(name, new String(buf, vs, ve - vs, StandardCharsets.ISO_8859_1));
      pos = lineEnd + 1;
    }
    return new RequestHead(method, uri, protocol, headers);
  }

  private static int lineEnd(byte[] buf, int from, int len) {
    for (int i = from; i < len; i++) {
      if (buf[i] == '\n') {
        return i;
      }
    }
    return len - 1;
  }

  private static int trimCr(byte[] buf, int from, int lineEnd) {
    return lineEnd > from && buf[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
  }

  private static String ascii(byte[] buf, int from, int to) {
    return new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
  }

  /** RFC 9110 5.6.2 token characters. */
  static boolean isToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
