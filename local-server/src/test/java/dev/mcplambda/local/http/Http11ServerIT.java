package dev.mcplambda.local.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class Http11ServerIT {

  private Http11Server server;
  private final AtomicInteger handled = new AtomicInteger();

  /** Echoes method, path and body; {@code /stream} answers chunked in two flushed pieces. */
  private void handle(HttpExchange exchange) throws IOException {
    handled.incrementAndGet();
    byte[] body = exchange.getRequestBody().readAllBytes();
    String path = exchange.getRequestURI().getRawPath();
    if (path.equals("/stream")) {
      exchange.getResponseHeaders().set("Content-Type", "text/plain");
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      out.write("one,".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      out.write("two".getBytes(StandardCharsets.US_ASCII));
      exchange.close();
      return;
    }
    if (path.equals("/unread")) {
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
      return;
    }
    byte[] answer =
        (exchange.getRequestMethod() + " " + path + " " + new String(body, StandardCharsets.UTF_8))
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain");
    exchange.sendResponseHeaders(200, answer.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(answer);
    }
  }

  @BeforeEach
  void start() throws IOException {
    server = start(Http11Server.DEFAULT_MAX_CONNECTIONS, Http11Server.DEFAULT_IDLE_TIMEOUT_MILLIS);
  }

  private Http11Server start(int maxConnections, int idleMillis) throws IOException {
    Http11Server s =
        new Http11Server("test", 1024, maxConnections, idleMillis, connectionThreads());
    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    s.createContext("/", this::handle);
    s.start();
    return s;
  }

  /** The threads the server gets on this JDK ({@link Http11ServerPlatformThreadsIT}: platform). */
  ThreadFactory connectionThreads() {
    return Http11Server.connectionThreads("test", Runtime.version().feature());
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private Socket connect(Http11Server s) throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), s.getAddress().getPort());
    socket.setSoTimeout(10_000);
    return socket;
  }

  private static void send(Socket socket, String raw) throws IOException {
    socket.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
  }

  /** Reads one response: head and, by Content-Length or chunked framing, the decoded body. */
  private static Response read(InputStream in) throws IOException {
    String statusLine = line(in);
    if (statusLine == null) {
      return null;
    }
    java.util.Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    String l;
    while (!(l = line(in)).isEmpty()) {
      int colon = l.indexOf(':');
      headers.put(l.substring(0, colon), l.substring(colon + 1).strip());
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if ("chunked".equals(headers.get("Transfer-Encoding"))) {
      int size;
      while ((size = Integer.parseInt(line(in), 16)) > 0) {
        body.write(in.readNBytes(size));
        line(in);
      }
      line(in);
    } else if (headers.containsKey("Content-Length")) {
      body.write(in.readNBytes(Integer.parseInt(headers.get("Content-Length"))));
    }
    return new Response(statusLine, headers, body.toString(StandardCharsets.UTF_8));
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder s = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0 && c != '\n') {
      if (c != '\r') {
        s.append((char) c);
      }
    }
    return c < 0 && s.isEmpty() ? null : s.toString();
  }

  record Response(String statusLine, java.util.Map<String, String> headers, String body) {}

  @Test
  void servesSeveralRequestsOnOneKeptAliveConnection() throws Exception {
    // given
    try (Socket socket = connect(server)) {
      // when: two requests, the second pipelined right behind the first
      send(
          socket,
          "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
              + "GET /b?q=1 HTTP/1.1\r\nHost: x\r\n\r\n");
      Response first = read(socket.getInputStream());
      Response second = read(socket.getInputStream());

      // then
      assertThat(first.statusLine()).isEqualTo("HTTP/1.1 200 OK");
      assertThat(first.body()).isEqualTo("POST /a hello");
      assertThat(first.headers()).containsKey("Date").doesNotContainKey("Connection");
      assertThat(second.body()).isEqualTo("GET /b ");
      assertThat(handled).hasValue(2);
    }
  }

  @Test
  void readsAChunkedRequestBodyAndSendsAChunkedResponse() throws Exception {
    try (Socket socket = connect(server)) {
      send(
          socket,
          "POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
              + "3;ext=1\r\nabc\r\n2\r\nde\r\n0\r\nTrailer: t\r\n\r\n"
              + "GET /stream HTTP/1.1\r\nHost: x\r\n\r\n");
      Response echoed = read(socket.getInputStream());
      Response streamed = read(socket.getInputStream());

      assertThat(echoed.body()).isEqualTo("POST /x abcde");
      assertThat(streamed.headers()).containsEntry("Transfer-Encoding", "chunked");
      assertThat(streamed.body()).isEqualTo("one,two");
    }
  }

  @Test
  void keepsTheConnectionWhenTheHandlerLeavesASmallBodyUnread() throws Exception {
    try (Socket socket = connect(server)) {
      send(
          socket,
          "POST /unread HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nabcd"
              + "GET /after HTTP/1.1\r\nHost: x\r\n\r\n");
      Response unread = read(socket.getInputStream());
      Response after = read(socket.getInputStream());

      assertThat(unread.statusLine()).isEqualTo("HTTP/1.1 204 No Content");
      assertThat(unread.headers()).doesNotContainKey("Content-Length");
      assertThat(after.body()).isEqualTo("GET /after ");
    }
  }

  @Test
  void answersExpectContinueBeforeTheBody() throws Exception {
    try (Socket socket = connect(server)) {
      send(
          socket,
          "POST /c HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n");
      assertThat(line(socket.getInputStream())).isEqualTo("HTTP/1.1 100 Continue");
      assertThat(line(socket.getInputStream())).isEmpty();
      send(socket, "ok");
      assertThat(read(socket.getInputStream()).body()).isEqualTo("POST /c ok");
    }
  }

  @Test
  void closesAnHttp10ConnectionAfterTheResponse() throws Exception {
    try (Socket socket = connect(server)) {
      send(socket, "GET /old HTTP/1.0\r\n\r\n");
      Response response = read(socket.getInputStream());
      assertThat(response.headers()).containsEntry("Connection", "close");
      assertThat(response.body()).isEqualTo("GET /old ");
      assertThat(socket.getInputStream().read()).isEqualTo(-1);
    }
  }

  private Response refusal(String raw) throws IOException {
    try (Socket socket = connect(server)) {
      send(socket, raw);
      Response response = read(socket.getInputStream());
      assertThat(response.headers()).containsEntry("Connection", "close");
      assertThat(socket.getInputStream().read()).isEqualTo(-1);
      return response;
    }
  }

  @Test
  void refusesMalformedRequestsWithPrecise4xxAndClosesTheConnection() throws Exception {
    assertThat(refusal("GARBAGE\r\n\r\n").statusLine()).isEqualTo("HTTP/1.1 400 Bad Request");
    assertThat(refusal("GET /x HTTP/1.1\r\nno colon here\r\n\r\n").statusLine())
        .isEqualTo("HTTP/1.1 400 Bad Request");
    assertThat(refusal("GET /x HTTP/1.1\r\nBad Name: v\r\n\r\n").statusLine())
        .isEqualTo("HTTP/1.1 400 Bad Request");
    assertThat(refusal("GET /x HTTP/1.1\r\nA: b\r\n folded\r\n\r\n").statusLine())
        .isEqualTo("HTTP/1.1 400 Bad Request");
    assertThat(refusal("POST /x HTTP/1.1\r\nContent-Length: 12a\r\n\r\n").statusLine())
        .isEqualTo("HTTP/1.1 400 Bad Request");
    assertThat(
            refusal("POST /x HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab")
                .statusLine())
        .isEqualTo("HTTP/1.1 400 Bad Request");
    assertThat(
            refusal("POST /x HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n")
                .statusLine())
        .isEqualTo("HTTP/1.1 400 Bad Request");
    assertThat(refusal("POST /x HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n").statusLine())
        .isEqualTo("HTTP/1.1 501 Not Implemented");
    assertThat(refusal("GET /x HTTP/2.0\r\n\r\n").statusLine())
        .isEqualTo("HTTP/1.1 505 HTTP Version Not Supported");
    assertThat(refusal("GET /x HTTP/1.1\r\nExpect: magic\r\n\r\n").statusLine())
        .isEqualTo("HTTP/1.1 417 Expectation Failed");
    assertThat(refusal("POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n").statusLine())
        .isEqualTo("HTTP/1.1 400 Bad Request");
    assertThat(handled).hasValue(1); // only the bad chunked body reached a handler
  }

  @Test
  void refusesARequestHeadOverTheLimitWith431() throws Exception {
    Response response = refusal("GET /x HTTP/1.1\r\nBig: " + "a".repeat(2000) + "\r\n\r\n");
    assertThat(response.statusLine()).isEqualTo("HTTP/1.1 431 Request Header Fields Too Large");
    assertThat(handled).hasValue(0);
  }

  @Test
  void closesConnectionsIdleLongerThanTheTimeout() throws Exception {
    Http11Server quick = start(10, 100);
    try (Socket socket = connect(quick)) {
      send(socket, "GET /x HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(read(socket.getInputStream()).body()).isEqualTo("GET /x ");
      // nothing more is sent: the server closes the connection
      assertThat(socket.getInputStream().read()).isEqualTo(-1);
    } finally {
      quick.stop(0);
    }
  }

  @Test
  void answers503BeyondTheConnectionLimit() throws Exception {
    Http11Server small = start(1, 60_000);
    try (Socket first = connect(small);
        Socket second = connect(small)) {
      send(first, "GET /x HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(read(first.getInputStream()).statusLine()).isEqualTo("HTTP/1.1 200 OK");
      Response refused = read(second.getInputStream());
      assertThat(refused.statusLine()).isEqualTo("HTTP/1.1 503 Service Unavailable");
      assertThat(refused.body()).contains("too many open connections");
    } finally {
      small.stop(0);
    }
  }

  @Test
  void servesTheJdkHttpClient() throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(base.resolve("/j" + i))
                  .POST(HttpRequest.BodyPublishers.ofString("b" + i))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("POST /j" + i + " b" + i);
    }
    HttpResponse<String> streamed =
        client.send(
            HttpRequest.newBuilder(base.resolve("/stream")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(streamed.body()).isEqualTo("one,two");
  }
}
