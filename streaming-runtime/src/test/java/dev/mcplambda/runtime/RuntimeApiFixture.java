package dev.mcplambda.runtime;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Lambda Runtime API test double on a raw {@link ServerSocket}: it records every request byte for
 * byte (head lines, chunk boundaries with arrival order, trailers), hands out queued events on
 * {@code GET .../invocation/next} and answers everything else with 202 (200 for {@code
 * restore/next}). Connections are kept alive like the real Runtime API.
 */
final class RuntimeApiFixture implements AutoCloseable {

  /** Guard against hangs only; no test asserts on time. */
  static final long WAIT_SECONDS = 20;

  /** One body chunk as it arrived. */
  record Chunk(String path, byte[] data) {
    String text() {
      return new String(data, StandardCharsets.UTF_8);
    }
  }

  /** One complete request. */
  record Request(
      String method,
      String path,
      List<String> headLines,
      Map<String, String> headers,
      byte[] body,
      List<byte[]> chunks,
      Map<String, String> trailers) {

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** An event for {@code invocation/next}. */
  record Event(String requestId, long deadlineMs, String functionArn, String traceId, byte[] body) {
    static Event of(String requestId, String json) {
      return new Event(
          requestId,
          System.currentTimeMillis() + 60_000,
          "arn:aws:lambda:us-east-1:123456789012:function:mcp",
          "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1",
          json.getBytes(StandardCharsets.UTF_8));
    }
  }

  private final ServerSocket server;
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final BlockingQueue<Chunk> chunkArrivals = new LinkedBlockingQueue<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final BlockingQueue<Request> completed = new LinkedBlockingQueue<>();
  private final List<Socket> connections = new CopyOnWriteArrayList<>();
  private final Thread acceptor;
  private volatile boolean closed;

  RuntimeApiFixture() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(this::acceptLoop, "runtime-api-fixture");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  String hostAndPort() {
    return "127.0.0.1:" + server.getLocalPort();
  }

  void enqueue(Event event) {
    events.add(event);
  }

  /** The next completed request (in arrival order). */
  Request take() throws InterruptedException {
    Request r = completed.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    if (r == null) {
      throw new AssertionError("no request reached the Runtime API fixture");
    }
    return r;
  }

  /** The next completed request whose path ends with {@code suffix}; earlier ones are skipped. */
  Request take(String suffix) throws InterruptedException {
    while (true) {
      Request r = take();
      if (r.path().endsWith(suffix)) {
        return r;
      }
    }
  }

  /** The next body chunk of a chunked request, as soon as it arrived. */
  Chunk awaitChunk() throws InterruptedException {
    Chunk c = chunkArrivals.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    if (c == null) {
      throw new AssertionError("no chunk reached the Runtime API fixture");
    }
    return c;
  }

  /** Every complete request so far, in arrival order. */
  List<Request> requests() {
    return List.copyOf(requests);
  }

  /** How many TCP connections the runtime opened. */
  int connectionsOpened() {
    return connections.size();
  }

  List<String> paths() {
    return requests.stream().map(r -> r.method() + " " + r.path()).toList();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket s = server.accept();
        connections.add(s);
        Thread t = new Thread(() -> serve(s), "runtime-api-fixture-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      while (!closed) {
        String requestLine = readLine(in);
        if (requestLine == null) {
          return;
        }
        String[] parts = requestLine.split(" ");
        String method = parts[0];
        String path = parts[1];
        List<String> headLines = new ArrayList<>();
        Map<String, String> headers = readHeaders(in, headLines);
        List<byte[]> chunks = new ArrayList<>();
        Map<String, String> trailers = new LinkedHashMap<>();
        byte[] body;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
          body = readChunked(in, path, chunks, trailers);
        } else if (headers.containsKey("content-length")) {
          body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else {
          body = new byte[0];
        }
        Request request = new Request(method, path, headLines, headers, body, chunks, trailers);
        requests.add(request);
        completed.add(request);
        if (path.endsWith("/invocation/next")) {
          Event e = nextEvent();
          if (e == null) {
            return;
          }
          StringBuilder head = new StringBuilder("HTTP/1.1 200 OK\r\n");
          head.append("Content-Type: application/json\r\n");
          head.append("Lambda-Runtime-Aws-Request-Id: ").append(e.requestId()).append("\r\n");
          head.append("Lambda-Runtime-Deadline-Ms: ").append(e.deadlineMs()).append("\r\n");
          if (e.functionArn() != null) {
            head.append("Lambda-Runtime-Invoked-Function-Arn: ")
                .append(e.functionArn())
                .append("\r\n");
          }
          if (e.traceId() != null) {
            head.append("Lambda-Runtime-Trace-Id: ").append(e.traceId()).append("\r\n");
          }
          head.append("Content-Length: ").append(e.body().length).append("\r\n\r\n");
          out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
          out.write(e.body());
        } else if (path.endsWith("/restore/next")) {
          out.write(
              "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        } else {
          byte[] ok = "{\"status\":\"OK\"}".getBytes(StandardCharsets.US_ASCII);
          out.write(
              ("HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\nContent-Length: "
                      + ok.length
                      + "\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
          out.write(ok);
        }
        out.flush();
      }
    } catch (SocketException | EOFException e) {
      // client went away or the fixture closed
    } catch (IOException | RuntimeException e) {
      if (!closed) {
        throw new IllegalStateException("runtime API fixture failed", e);
      }
    }
  }

  private Event nextEvent() {
    try {
      while (!closed) {
        Event e = events.poll(100, TimeUnit.MILLISECONDS);
        if (e != null) {
          return e;
        }
      }
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
    }
    return null;
  }

  private byte[] readChunked(
      InputStream in, String path, List<byte[]> chunks, Map<String, String> trailers)
      throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine(in);
      if (sizeLine == null) {
        throw new EOFException("chunked body ended early");
      }
      int size = Integer.parseInt(sizeLine.trim(), 16);
      if (size == 0) {
        trailers.putAll(readHeaders(in, new ArrayList<>()));
        return body.toByteArray();
      }
      byte[] chunk = in.readNBytes(size);
      String crlf = readLine(in);
      if (chunk.length != size || !"".equals(crlf)) {
        throw new IOException("malformed chunk");
      }
      chunks.add(chunk);
      chunkArrivals.add(new Chunk(path, chunk));
      body.write(chunk);
    }
  }

  private static Map<String, String> readHeaders(InputStream in, List<String> lines)
      throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
      lines.add(line);
      int colon = line.indexOf(':');
      headers.put(
          line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).trim());
    }
    return headers;
  }

  /** Reads a CRLF-terminated line; a bare LF is a protocol error here. */
  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        byte[] b = line.toByteArray();
        if (b.length == 0 || b[b.length - 1] != '\r') {
          throw new IOException("line not terminated by CRLF");
        }
        return new String(b, 0, b.length - 1, StandardCharsets.ISO_8859_1);
      }
      line.write(c);
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    for (Socket s : connections) {
      s.close();
    }
  }
}
