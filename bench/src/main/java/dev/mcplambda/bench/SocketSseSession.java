package dev.mcplambda.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One legacy SSE session (2024-11-05) over two plain keep-alive sockets, driven on the caller's
 * thread: {@code GET /sse} on one, {@code POST /message?sessionId=} on the other. Each request goes
 * out in one write with {@code TCP_NODELAY}, and the stream is read on the thread that posted, so a
 * relay sample holds what the server spends and two loopback trips, not a client's thread hand-offs
 * (the JDK {@code HttpClient} adds a selector thread and an executor to both directions: {@link
 * RelaySection} measures it beside this client).
 */
final class SocketSseSession implements AutoCloseable {

  private static final int TIMEOUT_MS = 30_000;

  private final String host;
  private final Socket streamSocket;
  private final SseEventReader events;
  private final Socket postSocket;
  private final InputStream postIn;
  private final OutputStream postOut;
  private final String postPath;
  private int nextId = 1;

  private SocketSseSession(
      String host, Socket streamSocket, SseEventReader events, Socket postSocket, String postPath)
      throws IOException {
    this.host = host;
    this.streamSocket = streamSocket;
    this.events = events;
    this.postSocket = postSocket;
    this.postIn = new BufferedInputStream(postSocket.getInputStream());
    this.postOut = postSocket.getOutputStream();
    this.postPath = postPath;
  }

  /** Opens {@code GET /sse}, reads the endpoint event and runs {@code initialize}. */
  static SocketSseSession open(int port) throws IOException {
    String host = "127.0.0.1:" + port;
    Socket stream = connect(port);
    SocketSseSession s = null;
    try {
      stream
          .getOutputStream()
          .write(
              ("GET /sse HTTP/1.1\r\nHost: " + host + "\r\nAccept: text/event-stream\r\n\r\n")
                  .getBytes(StandardCharsets.ISO_8859_1));
      InputStream in = new BufferedInputStream(stream.getInputStream());
      Head head = Head.read(in);
      if (head.status != 200 || !head.chunked) {
        throw new IOException(
            "GET /sse answered " + head.status + (head.chunked ? "" : " without chunked coding"));
      }
      SseEventReader events = new SseEventReader(new ChunkedBodyStream(in));
      SseClient.Event endpoint = events.next();
      if (endpoint == null || !"endpoint".equals(endpoint.name())) {
        throw new IOException("the first SSE event is not 'endpoint': " + endpoint);
      }
      s = new SocketSseSession(host, stream, events, connect(port), endpoint.data().trim());
      s.call("initialize", McpMessages.legacyInitializeParams());
      s.post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
      return s;
    } catch (IOException | RuntimeException e) {
      if (s != null) {
        s.close();
      } else {
        stream.close();
      }
      throw e;
    }
  }

  /** Milliseconds from writing a {@code ping} POST to reading the end of its response event. */
  double ping() throws IOException {
    long t0 = System.nanoTime();
    SseClient.Event e = call("ping", null);
    return (e.arrivalNanos() - t0) / 1e6;
  }

  private SseClient.Event call(String method, ObjectNode params) throws IOException {
    int id = nextId++;
    post(McpMessages.json(McpMessages.request(id, method, params)));
    try {
      return events.answerTo(id, method);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the answer to " + method, e);
    }
  }

  private void post(String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    byte[] head =
        ("POST "
                + postPath
                + " HTTP/1.1\r\nHost: "
                + host
                + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length
                + "\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);
    byte[] request = new byte[head.length + body.length];
    System.arraycopy(head, 0, request, 0, head.length);
    System.arraycopy(body, 0, request, head.length, body.length);
    postOut.write(request);
    Head answer = Head.read(postIn);
    String text = answer.readBody(postIn);
    if (answer.status != 202 && answer.status != 200) {
      throw new IOException("POST /message answered " + answer.status + ": " + text);
    }
  }

  private static Socket connect(int port) throws IOException {
    Socket s = new Socket();
    s.setTcpNoDelay(true);
    s.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
    s.setSoTimeout(TIMEOUT_MS);
    return s;
  }

  @Override
  public void close() {
    for (Socket s : new Socket[] {postSocket, streamSocket}) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing
      }
    }
  }

  /** A response's status and the two headers that frame its body. */
  private record Head(int status, long contentLength, boolean chunked) {

    static Head read(InputStream in) throws IOException {
      String statusLine = HttpLines.read(in);
      String[] parts = statusLine.split(" ", 3);
      if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
        throw new IOException("not an HTTP/1.x status line: " + statusLine);
      }
      int status;
      try {
        status = Integer.parseInt(parts[1]);
      } catch (NumberFormatException e) {
        throw new IOException("not an HTTP/1.x status line: " + statusLine);
      }
      long length = -1;
      boolean chunked = false;
      String line;
      while (!(line = HttpLines.read(in)).isEmpty()) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
          continue;
        }
        String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = line.substring(colon + 1).trim();
        if (name.equals("content-length")) {
          length = Long.parseLong(value);
        } else if (name.equals("transfer-encoding")) {
          chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
        }
      }
      return new Head(status, length, chunked);
    }

    /** Reads the whole body (Content-Length or chunked) so the connection can be reused. */
    String readBody(InputStream in) throws IOException {
      InputStream body = chunked ? new ChunkedBodyStream(in) : null;
      if (body != null) {
        return new String(body.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (contentLength < 0) {
        throw new IOException("response " + status + " has neither Content-Length nor chunks");
      }
      return new String(in.readNBytes((int) contentLength), StandardCharsets.UTF_8);
    }
  }
}
