package dev.mcplambda.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcplambda.http.FunctionUrlRequest;
import dev.mcplambda.http.FunctionUrlResponse;
import dev.mcplambda.json.Json;
import dev.mcplambda.local.auth.LocalCredentials;
import dev.mcplambda.local.auth.LocalPrincipalAuthenticator;
import dev.mcplambda.local.auth.SigV4Authenticator;
import dev.mcplambda.local.e2e.SigV4Curl;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** Both planes over real HTTP, with stub handlers behind the Function URL seam. */
class LocalServerIT {

  private static final String PRINCIPAL = "arn:aws:iam::123456789012:user/alice";

  private final HttpClient http = HttpClient.newHttpClient();
  private final List<FunctionUrlRequest> adminEvents = new CopyOnWriteArrayList<>();
  private final List<FunctionUrlRequest> mcpEvents = new CopyOnWriteArrayList<>();
  private final CountDownLatch firstEventReceived = new CountDownLatch(1);
  private final AtomicBoolean handlerSawTheClientFirst = new AtomicBoolean();
  private LocalServer server;

  @TempDir Path dir;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private LocalServer start(LocalServerOptions.AuthMode mode) throws Exception {
    var options =
        new LocalServerOptions(
            "127.0.0.1", 0, 0, 0, null, null, null, mode, null, false, 30, 1024, false);
    PlaneHandler admin =
        new PlaneHandler.Buffered(
            event -> {
              adminEvents.add(event);
              return new FunctionUrlResponse(
                  201,
                  Map.of("Content-Type", "application/octet-stream", "X-Admin", "yes"),
                  Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}),
                  true,
                  List.of("c=1"));
            });
    PlaneHandler mcp =
        new PlaneHandler.Streaming(
            (event, response, context) -> {
              mcpEvents.add(event);
              if (event.rawPath().equals("/sse")) {
                response.start(200, Map.of("Content-Type", "text/event-stream"), null);
                OutputStream body = response.body();
                body.write("event: endpoint\ndata: /message\n\n".getBytes(StandardCharsets.UTF_8));
                body.flush();
                try {
                  // the client has to see the first event before the handler goes on
                  handlerSawTheClientFirst.set(firstEventReceived.await(30, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                body.write("event: message\ndata: done\n\n".getBytes(StandardCharsets.UTF_8));
              } else {
                response.start(
                    200, Map.of("Content-Type", "application/json"), List.of("session=1"));
                response
                    .body()
                    .write(
                        Json.write(Map.of("principal", event.principalArn()))
                            .getBytes(StandardCharsets.UTF_8));
              }
            });
    var authenticator =
        mode == LocalServerOptions.AuthMode.IAM
            ? new SigV4Authenticator(
                new LocalCredentials(
                    Map.of(
                        "AKIDALICE",
                        new LocalCredentials.Key("AKIDALICE", "alice-secret", PRINCIPAL))),
                Clock.systemUTC())
            : new LocalPrincipalAuthenticator();
    server = LocalServer.serve(options, admin, mcp, authenticator, List.of(), "test");
    return server;
  }

  @Test
  void routesEachPlaneToItsHandlerAsAFunctionUrlEvent() throws Exception {
    // given
    start(LocalServerOptions.AuthMode.NONE);

    // when
    HttpResponse<byte[]> admin =
        http.send(
            HttpRequest.newBuilder(URI.create(server.adminUrl() + "/register?limit=2"))
                .header("X-Test", "a")
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    HttpResponse<String> mcp =
        http.send(
            HttpRequest.newBuilder(URI.create(server.mcpUrl() + "/mcp"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\"}"))
                .header("Content-Type", "application/json")
                .build(),
            HttpResponse.BodyHandlers.ofString());

    // then: the admin response is decoded from base64 with its headers and cookies
    assertThat(admin.statusCode()).isEqualTo(201);
    assertThat(admin.body()).containsExactly(1, 2, 3);
    assertThat(admin.headers().firstValue("X-Admin")).hasValue("yes");
    assertThat(admin.headers().allValues("Set-Cookie")).containsExactly("c=1");
    assertThat(adminEvents).hasSize(1);
    FunctionUrlRequest adminEvent = adminEvents.getFirst();
    assertThat(adminEvent.rawPath()).isEqualTo("/register");
    assertThat(adminEvent.queryParameter("limit")).isEqualTo("2");
    assertThat(adminEvent.header("x-test")).isEqualTo("a");
    assertThat(adminEvent.method()).isEqualTo("GET");
    // and the MCP plane got its own event with the fixed local principal
    assertThat(mcp.statusCode()).isEqualTo(200);
    assertThat(mcp.headers().allValues("Set-Cookie")).containsExactly("session=1");
    assertThat(Json.readTree(mcp.body()).get("principal").asText())
        .isEqualTo("arn:aws:iam::000000000000:user/local");
    assertThat(mcpEvents)
        .extracting(FunctionUrlRequest::body)
        .containsExactly("{\"jsonrpc\":\"2.0\"}");
  }

  @Test
  void streamsEachFlushedEventBeforeTheHandlerCompletes() throws Exception {
    // given
    start(LocalServerOptions.AuthMode.NONE);

    // when
    HttpResponse<InputStream> response =
        http.send(
            HttpRequest.newBuilder(URI.create(server.mcpUrl() + "/sse")).build(),
            HttpResponse.BodyHandlers.ofInputStream());
    List<String> lines = new ArrayList<>();
    try (var reader =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null && !line.isEmpty()) {
        lines.add(line);
      }
      // the first event arrived while the handler is still waiting for us
      firstEventReceived.countDown();
      while ((line = reader.readLine()) != null) {
        lines.add(line);
      }
    }

    // then
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
    assertThat(response.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
    assertThat(lines)
        .containsExactly("event: endpoint", "data: /message", "event: message", "data: done", "");
    assertThat(handlerSawTheClientFirst).isTrue();
  }

  @Test
  void refusesABodyOverTheCapWith413() throws Exception {
    // given
    start(LocalServerOptions.AuthMode.NONE);
    byte[] big = new byte[1025];

    // when: with a Content-Length, and chunked without one
    HttpResponse<String> declared =
        http.send(
            HttpRequest.newBuilder(URI.create(server.mcpUrl() + "/mcp"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(big))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> chunked =
        http.send(
            HttpRequest.newBuilder(URI.create(server.adminUrl() + "/register"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    // then
    assertThat(declared.statusCode()).isEqualTo(413);
    assertThat(Json.readTree(declared.body()).get("message").asText())
        .isEqualTo("request body too large: the limit is 1024 bytes");
    assertThat(chunked.statusCode()).isEqualTo(413);
    assertThat(mcpEvents).isEmpty();
    assertThat(adminEvents).isEmpty();
  }

  @Test
  void refusesAForeignHostHeader() throws Exception {
    // given
    start(LocalServerOptions.AuthMode.NONE);

    // when
    String status;
    try (Socket socket = new Socket("127.0.0.1", server.mcpUrl().getPort())) {
      socket
          .getOutputStream()
          .write(
              "GET /mcp HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      status =
          new BufferedReader(
                  new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
              .readLine();
    }

    // then
    assertThat(status).isEqualTo("HTTP/1.1 403 Forbidden");
    assertThat(mcpEvents).isEmpty();
  }

  @Test
  void closeEndsOpenStreamsBeforeClosingTheResourcesTheyUse() throws Exception {
    // given: an open stream whose handler waits until it is interrupted (as the MCP handler's
    // stream relay does between store polls), and a resource that notes whether it still runs
    CountDownLatch streamOpen = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    AtomicBoolean handlerReturned = new AtomicBoolean();
    AtomicBoolean streamEndedBeforeTheStoreClosed = new AtomicBoolean();
    PlaneHandler mcp =
        new PlaneHandler.Streaming(
            (event, response, context) -> {
              response.start(200, Map.of("Content-Type", "text/event-stream"), null);
              response.body().write(": open\n\n".getBytes(StandardCharsets.UTF_8));
              response.body().flush();
              streamOpen.countDown();
              try {
                Thread.sleep(TimeUnit.MINUTES.toMillis(5));
              } catch (InterruptedException e) {
                interrupted.set(true);
              }
              handlerReturned.set(true);
            });
    AutoCloseable store = () -> streamEndedBeforeTheStoreClosed.set(handlerReturned.get());
    var options =
        new LocalServerOptions(
            "127.0.0.1",
            0,
            0,
            0,
            null,
            null,
            null,
            LocalServerOptions.AuthMode.NONE,
            null,
            false,
            30,
            1024,
            false);
    LocalServer local =
        LocalServer.serve(
            options,
            new PlaneHandler.Buffered(event -> null),
            mcp,
            new LocalPrincipalAuthenticator(),
            List.of(store),
            "test");
    var stream =
        http.sendAsync(
            HttpRequest.newBuilder(URI.create(local.mcpUrl() + "/sse")).build(),
            HttpResponse.BodyHandlers.discarding());
    assertThat(streamOpen.await(30, TimeUnit.SECONDS)).isTrue();

    // when
    local.close();

    // then
    assertThat(interrupted).isTrue();
    assertThat(handlerReturned).isTrue();
    assertThat(streamEndedBeforeTheStoreClosed).isTrue();
    stream.cancel(true);
  }

  @Test
  void withIamAuthRefusesUnsignedRequestsAndAcceptsSdkSignedOnes() throws Exception {
    // given
    start(LocalServerOptions.AuthMode.IAM);
    URI uri = URI.create(server.mcpUrl() + "/mcp");
    byte[] body = "{\"jsonrpc\":\"2.0\",\"id\":1}".getBytes(StandardCharsets.UTF_8);

    // when
    HttpResponse<String> unsigned =
        http.send(
            HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
            HttpResponse.BodyHandlers.ofString());
    HttpRequest signedRequest = sdkSigned(uri, body, "alice-secret");
    HttpResponse<String> signed = http.send(signedRequest, HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> replayed = http.send(signedRequest, HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> wrongSecret =
        http.send(sdkSigned(uri, body, "not-it"), HttpResponse.BodyHandlers.ofString());

    // then
    assertThat(unsigned.statusCode()).isEqualTo(403);
    assertThat(Json.readTree(unsigned.body()).get("message").asText())
        .startsWith("missing Authorization header");
    assertThat(signed.statusCode()).isEqualTo(200);
    assertThat(Json.readTree(signed.body()).get("principal").asText()).isEqualTo(PRINCIPAL);
    assertThat(replayed.statusCode()).isEqualTo(403);
    assertThat(Json.readTree(replayed.body()).get("message").asText())
        .startsWith("replayed request");
    assertThat(wrongSecret.statusCode()).isEqualTo(403);
    assertThat(mcpEvents).hasSize(1);
    assertThat(mcpEvents.getFirst().requestContext().authorizer().iam().accessKey())
        .isEqualTo("AKIDALICE");
  }

  @Test
  void withIamAuthAcceptsCurlAwsSigV4() throws Exception {
    // given
    start(LocalServerOptions.AuthMode.IAM);
    String url = server.adminUrl() + "/register?limit=5";

    // when
    var curl = new SigV4Curl(dir);
    SigV4Curl.Response ok =
        curl.send("AKIDALICE:alice-secret", "POST", url, "{\"type\":\"tool\",\"name\":\"echo\"}");
    SigV4Curl.Response bad = curl.send("AKIDALICE:wrong", "POST", url, "{\"type\":\"tool\"}");
    SigV4Curl.Response unknown = curl.send("AKIDMALLORY:x", "POST", url, "{}");

    // then
    assertThat(ok.status()).as(ok.body()).isEqualTo(201);
    assertThat(adminEvents).hasSize(1);
    assertThat(adminEvents.getFirst().principalArn()).isEqualTo(PRINCIPAL);
    assertThat(adminEvents.getFirst().body()).isEqualTo("{\"type\":\"tool\",\"name\":\"echo\"}");
    assertThat(bad.status()).isEqualTo(403);
    assertThat(bad.body()).contains("signature does not match");
    assertThat(unknown.status()).isEqualTo(403);
    assertThat(unknown.body()).contains("unknown access key id");
  }

  /** A request signed by the AWS SDK's SigV4 signer, sent with the JDK client. */
  private static HttpRequest sdkSigned(URI uri, byte[] body, String secret) {
    SdkHttpRequest unsigned =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.POST)
            .uri(uri)
            .putHeader("Content-Type", "application/json")
            .build();
    SdkHttpRequest signed =
        AwsV4HttpSigner.create()
            .sign(
                r ->
                    r.identity(AwsCredentialsIdentity.create("AKIDALICE", secret))
                        .request(unsigned)
                        .payload(ContentStreamProvider.fromByteArray(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "lambda")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"))
            .request();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    signed
        .headers()
        .forEach(
            (name, values) -> {
              if (!name.equalsIgnoreCase("host")) {
                values.forEach(v -> request.header(name, v));
              }
            });
    return request.build();
  }
}
