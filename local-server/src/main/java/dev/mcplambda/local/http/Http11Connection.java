package dev.mcplambda.local.http;

import com.sun.net.httpserver.Headers;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection of an {@link Http11Server}: reads a request, runs its handler on this
 * thread, and — keep-alive — the next, until either side closes, the connection idles past the
 * server's timeout or a request cannot be framed (answered with a precise 4xx first).
 */
final class Http11Connection implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(Http11Connection.class);

  private final Http11Server server;
  private final Socket socket;
  private InputStream in;
  private OutputStream out;
  private volatile long waitingSince; // System.nanoTime() of a blocked read, 0 when not waiting

  Http11Connection(Http11Server server, Socket socket) {
    this.server = server;
    this.socket = socket;
  }

  @Override
  public void run() {
    try {
      socket.setTcpNoDelay(true);
      // no SO_TIMEOUT: a timed read costs a poll() and a second read() per request; the server's
      // idle sweep closes connections that wait too long instead
      in = new ConnectionInput(socket.getInputStream(), this, 16384);
      out = new BufferedOutputStream(socket.getOutputStream(), 16384);
      while (serveOne()) {
        // next request on the kept-alive connection
      }
    } catch (IOException e) {
      LOG.trace("connection ended: {}", e.toString());
    } finally {
      if (out != null && !socket.isClosed()) {
        try {
          out.flush();
        } catch (IOException e) {
          LOG.trace("final flush: {}", e.toString());
        }
      }
      close();
      server.closed(this);
    }
  }

  /** Serves one request; {@code false} when the connection is done. */
  private boolean serveOne() throws IOException {
    RequestHead head;
    RequestBody body;
    try {
      head = RequestHead.read(in, server.maxHeaderBytes());
      if (head == null) {
        return false;
      }
      body = body(head);
      String expect = head.headers().getFirst("Expect");
      if (expect != null) {
        if (!expect.equalsIgnoreCase("100-continue")) {
          throw new BadRequestException(417, "only Expect: 100-continue is supported");
        }
        if (head.protocol().equals("HTTP/1.1")) {
          out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
        }
      }
    } catch (BadRequestException e) {
      refuse(e.status(), e.getMessage());
      return false;
    }
    Http11Context context = server.contextFor(head.uri().getRawPath());
    if (context == null || context.getHandler() == null) {
      refuse(404, "no handler for this path");
      return false;
    }
    Http11Exchange exchange = new Http11Exchange(this, head, body, context);
    try {
      context.getHandler().handle(exchange);
    } catch (BadRequestException e) {
      if (!exchange.responseStarted()) {
        refuse(e.status(), e.getMessage());
      }
      return false;
    } catch (IOException e) {
      LOG.debug("handler ended with {}", e.toString());
      return false;
    } catch (RuntimeException | Error e) {
      LOG.warn("handler failed", e);
      if (!exchange.responseStarted()) {
        refuse(500, "the handler failed");
      }
      return false;
    } finally {
      exchange.close();
    }
    if (exchange.closesConnection()) {
      lingerAndClose(body);
      return false;
    }
    out.flush();
    return !socket.isClosed();
  }

  /**
   * Sends what is buffered and FIN, then reads (a bounded part of) what the client still sends, so
   * that closing does not reset the connection before the client has read the response.
   */
  private void lingerAndClose(RequestBody body) {
    try {
      out.flush();
      socket.shutdownOutput();
      if (body != null) {
        body.reopenForDrain();
        body.drain(Http11Server.DRAIN_LIMIT);
      } else {
        in.skip(Math.min(in.available(), Http11Server.DRAIN_LIMIT));
      }
    } catch (IOException e) {
      LOG.trace("linger: {}", e.toString());
    }
  }

  /** The body's framing from the head (RFC 9112 6.3). */
  private RequestBody body(RequestHead head) throws BadRequestException {
    Headers h = head.headers();
    List<String> te = h.get("Transfer-Encoding");
    List<String> cl = h.get("Content-Length");
    if (te != null) {
      if (cl != null) {
        throw new BadRequestException(400, "both Transfer-Encoding and Content-Length");
      }
      if (te.size() != 1 || !te.getFirst().strip().equalsIgnoreCase("chunked")) {
        throw new BadRequestException(501, "only Transfer-Encoding: chunked is supported");
      }
      return RequestBody.chunked(in);
    }
    if (cl == null) {
      return RequestBody.fixed(in, 0);
    }
    long length = -1;
    for (String value : cl) {
      for (String part : value.split(",", -1)) {
        long v = parseLength(part.strip());
        if (length >= 0 && v != length) {
          throw new BadRequestException(400, "conflicting Content-Length values");
        }
        length = v;
      }
    }
    return RequestBody.fixed(in, length);
  }

  private static long parseLength(String s) throws BadRequestException {
    if (s.isEmpty() || s.length() > 18) {
      throw new BadRequestException(400, "malformed Content-Length");
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        throw new BadRequestException(400, "malformed Content-Length");
      }
    }
    return Long.parseLong(s);
  }

  /** Answers a request the server itself refuses, and marks the connection for closing. */
  private void refuse(int status, String message) {
    try {
      byte[] body =
          ("{\"message\":\"" + message.replace("\"", "'") + "\"}").getBytes(StandardCharsets.UTF_8);
      Headers headers = new Headers();
      headers.set("Content-Type", "application/json");
      writeHead(status, headers, "Content-Length: " + body.length, true);
      out.write(body);
      lingerAndClose(null);
    } catch (IOException e) {
      LOG.trace("could not answer {}: {}", status, e.toString());
    }
  }

  /** Writes the status line and headers into the buffer (sent with the body's first flush). */
  void writeHead(int status, Headers headers, String framing, boolean close) throws IOException {
    StringBuilder s = new StringBuilder(256);
    s.append("HTTP/1.1 ").append(status).append(' ').append(ReasonPhrase.of(status)).append("\r\n");
    s.append("Date: ").append(server.date()).append("\r\n");
    for (Map.Entry<String, List<String>> h : headers.entrySet()) {
      String name = h.getKey();
      if (!RequestHead.isToken(name)) {
        throw new IOException("bad response header name");
      }
      for (String value : h.getValue()) {
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
          throw new IOException("bad response header value for " + name);
        }
        s.append(name).append(": ").append(value).append("\r\n");
      }
    }
    if (framing != null) {
      s.append(framing).append("\r\n");
    }
    if (close) {
      s.append("Connection: close\r\n");
    }
    s.append("\r\n");
    out.write(s.toString().getBytes(StandardCharsets.ISO_8859_1));
  }

  /** Marks a blocking read of the peer starting ({@code true}) or ending. */
  void waiting(boolean blocked) {
    waitingSince = blocked ? (System.nanoTime() | 1) : 0;
  }

  /** Whether a read has waited for the peer longer than {@code nanos} at {@code now}. */
  boolean waitingLongerThan(long nanos, long now) {
    long since = waitingSince;
    return since != 0 && now - since > nanos;
  }

  OutputStream output() {
    return out;
  }

  InetSocketAddress remoteAddress() {
    return (InetSocketAddress) socket.getRemoteSocketAddress();
  }

  InetSocketAddress localAddress() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  /**
   * Closes the socket: from the server (stopping, idle sweep) a blocked read or write of this
   * connection's thread then fails.
   */
  void close() {
    try {
      socket.close();
    } catch (IOException e) {
      LOG.trace("close: {}", e.toString());
    }
  }
}
