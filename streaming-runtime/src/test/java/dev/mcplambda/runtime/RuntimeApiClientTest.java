package dev.mcplambda.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Runtime API client against scripted raw answers the fixture does not give. */
class RuntimeApiClientTest {

  ServerSocket server;
  final List<String> requestLines = new CopyOnWriteArrayList<>();

  @AfterEach
  void tearDown() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  /**
   * Serves each connection with {@code answer(requestLine)}; a {@code null} answer closes the
   * connection without replying. The connection then stays open for the next request.
   */
  String serve(Function<String, String> answer) throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try {
                  Socket s = server.accept();
                  Thread c = new Thread(() -> connection(s, answer));
                  c.setDaemon(true);
                  c.start();
                } catch (IOException e) {
                  return;
                }
              }
            });
    t.setDaemon(true);
    t.start();
    return "127.0.0.1:" + server.getLocalPort();
  }

  void connection(Socket s, Function<String, String> answer) {
    try (s) {
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
      OutputStream out = s.getOutputStream();
      while (true) {
        String line = in.readLine();
        if (line == null) {
          return;
        }
        int length = 0;
        for (String h = in.readLine(); h != null && !h.isEmpty(); h = in.readLine()) {
          if (h.toLowerCase().startsWith("content-length:")) {
            length = Integer.parseInt(h.substring(15).trim());
          }
        }
        in.skip(length);
        requestLines.add(line);
        String reply = answer.apply(line);
        if (reply == null) {
          return;
        }
        out.write(reply.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
      }
    } catch (IOException e) {
      // connection closed
    }
  }

  static String nextAnswer(String body) {
    return "HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: r-1\r\n"
        + "Lambda-Runtime-Deadline-Ms: 1795600000000\r\nContent-Length: "
        + body.length()
        + "\r\n\r\n"
        + body;
  }

  @Test
  void aChunkedNextAnswerIsDechunked() throws Exception {
    // given a Runtime API that sends the event chunked
    String api =
        serve(
            line ->
                "HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: r-1\r\n"
                    + "Lambda-Runtime-Deadline-Ms: 1795600000000\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\n{\"a\":\r\n2\r\n1}\r\n0\r\n\r\n");

    // when
    Invocation invocation = new RuntimeApiClient(api).next();

    // then
    assertThat(new String(invocation.event(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
    assertThat(invocation.requestId()).isEqualTo("r-1");
    assertThat(invocation.deadlineEpochMillis()).isEqualTo(1795600000000L);
    assertThat(invocation.functionArn()).isNull();
  }

  @Test
  void aStaleKeepAliveConnectionIsRetriedOnceOnAFreshOne() throws Exception {
    // given a Runtime API that drops the kept-alive connection instead of answering a 2nd request
    int[] served = {0};
    String api =
        serve(
            line -> {
              synchronized (served) {
                served[0]++;
                return served[0] == 2 ? null : nextAnswer("{}");
              }
            });
    RuntimeApiClient client = new RuntimeApiClient(api);
    client.next();

    // when the next call finds the connection dead
    Invocation second = client.next();

    // then it was sent again on a new connection and answered
    assertThat(second.requestId()).isEqualTo("r-1");
    assertThat(requestLines).hasSize(3);
  }

  @Test
  void aFreshConnectionThatFailsIsNotRetried() throws Exception {
    // given
    String api = serve(line -> null);

    // when / then
    assertThatThrownBy(() -> new RuntimeApiClient(api).next()).isInstanceOf(IOException.class);
    assertThat(requestLines).hasSize(1);
  }

  @Test
  void aNextAnswerWithoutRequestIdIsAnError() throws Exception {
    String api = serve(line -> "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");

    assertThatThrownBy(() -> new RuntimeApiClient(api).next())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("Lambda-Runtime-Aws-Request-Id");
  }

  @Test
  void requestIdsArePercentEncodedIntoThePath() throws Exception {
    // given
    String api = serve(line -> "HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n");

    // when
    new RuntimeApiClient(api).postResponse("a b/../c", new byte[0], "application/json");

    // then
    assertThat(requestLines)
        .containsExactly("POST /2018-06-01/runtime/invocation/a%20b%2F..%2Fc/response HTTP/1.1");
  }

  @Test
  void aRefusedPostIsAnError() throws Exception {
    String api = serve(line -> "HTTP/1.1 413 Payload Too Large\r\nContent-Length: 0\r\n\r\n");

    assertThatThrownBy(
            () -> new RuntimeApiClient(api).postResponse("r-1", new byte[1], "application/json"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("413");
  }

  @Test
  void aMalformedApiAddressIsRefusedAndAnIpv6LiteralAccepted() {
    assertThat(RuntimeApiClient.pathSegment("8476a536-e9f4-11e8-9739-2dfe598c3fcd"))
        .isEqualTo("8476a536-e9f4-11e8-9739-2dfe598c3fcd");
    // constructing parses host and port without connecting
    new RuntimeApiClient("[::1]:9001");
    assertThatThrownBy(() -> new RuntimeApiClient("localhost:http"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RuntimeApiClient(" "))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
