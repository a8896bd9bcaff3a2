package dev.mcplambda.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mcplambda.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * {@link InvokeWithResponseStreamClient} against a fake Lambda endpoint that writes event-stream
 * frames built byte by byte here (prelude, headers, payload, CRC32s as the event-stream format
 * defines them), not with the SDK's encoder.
 */
class InvokeWithResponseStreamClientTest {

  /** Guards against a hang only; never decides pass or fail. */
  private static final long HANG_GUARD_SECONDS = 30;

  private HttpServer server;
  private final List<String> paths = new CopyOnWriteArrayList<>();
  private final List<Map<String, List<String>>> headers = new CopyOnWriteArrayList<>();
  private final List<String> bodies = new CopyOnWriteArrayList<>();

  @FunctionalInterface
  interface Responder {
    void respond(HttpExchange exchange) throws Exception;
  }

  private InvokeWithResponseStreamClient start(Responder responder) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try {
            paths.add(exchange.getRequestURI().getRawPath());
            headers.add(Map.copyOf(exchange.getRequestHeaders()));
            bodies.add(
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            responder.respond(exchange);
          } catch (Exception e) {
            throw new IOException(e);
          } finally {
            exchange.close();
          }
        });
    server.start();
    LambdaClient lambda =
        LambdaClient.builder()
            .region(Region.EU_WEST_1)
            .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
            .build();
    return InvokeWithResponseStreamClient.like(lambda, Duration.ofSeconds(60));
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  // ---- event-stream frames, written by hand ------------------------------------------------

  static byte[] frame(Map<String, String> stringHeaders, byte[] payload) throws IOException {
    ByteArrayOutputStream h = new ByteArrayOutputStream();
    DataOutputStream hd = new DataOutputStream(h);
    for (var e : stringHeaders.entrySet()) {
      byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
      byte[] value = e.getValue().getBytes(StandardCharsets.UTF_8);
      hd.writeByte(name.length);
      hd.write(name);
      hd.writeByte(7); // string
      hd.writeShort(value.length);
      hd.write(value);
    }
    byte[] headerBytes = h.toByteArray();
    int total = 12 + headerBytes.length + payload.length + 4;
    ByteArrayOutputStream m = new ByteArrayOutputStream();
    DataOutputStream md = new DataOutputStream(m);
    md.writeInt(total);
    md.writeInt(headerBytes.length);
    md.writeInt((int) crc(m.toByteArray()));
    md.write(headerBytes);
    md.write(payload);
    md.writeInt((int) crc(m.toByteArray()));
    return m.toByteArray();
  }

  private static long crc(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes);
    return crc.getValue();
  }

  static byte[] chunk(String text) throws IOException {
    return frame(
        orderedHeaders("PayloadChunk", "application/octet-stream"),
        text.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] complete(String json) throws IOException {
    return frame(
        orderedHeaders("InvokeComplete", "application/json"),
        json.getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, String> orderedHeaders(String eventType, String contentType) {
    var map = new java.util.LinkedHashMap<String, String>();
    map.put(":event-type", eventType);
    map.put(":content-type", contentType);
    map.put(":message-type", "event");
    return map;
  }

  private static OutputStream begin(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/vnd.amazon.eventstream");
    exchange.sendResponseHeaders(200, 0);
    return exchange.getResponseBody();
  }

  // ---- tests ----------------------------------------------------------------------------------

  @Test
  void theFirstEventReachesTheListenerBeforeTheFunctionHasSentTheRest() throws Exception {
    // given an endpoint that sends one progress event, then waits until the listener saw it
    CountDownLatch firstEventSeen = new CountDownLatch(1);
    List<Boolean> sawItBeforeTheRest = new CopyOnWriteArrayList<>();
    InvokeWithResponseStreamClient client =
        start(
            exchange -> {
              OutputStream out = begin(exchange);
              out.write(chunk("{\"type\":\"progress\",\"progress\":1,\"total\":2}\n"));
              out.flush();
              sawItBeforeTheRest.add(firstEventSeen.await(HANG_GUARD_SECONDS, TimeUnit.SECONDS));
              // the rest, split mid-line across two chunks
              out.write(chunk("{\"type\":\"result\",\"res"));
              out.write(chunk("ult\":{\"content\":[]}}\n"));
              out.write(complete("{}"));
              out.flush();
            });
    List<ToolEvent> events = new ArrayList<>();

    // when
    InvocationOutcome outcome =
        client.invoke(
            "arn:aws:lambda:eu-west-1:123456789012:function:slow:live",
            Json.object().put("args", "x"),
            null,
            e -> {
              events.add(e);
              firstEventSeen.countDown();
            });

    // then
    assertThat(sawItBeforeTheRest).containsExactly(true);
    assertThat(events).containsExactly(new ToolEvent.Progress(1, 2.0, null));
    assertThat(outcome)
        .isEqualTo(
            new InvocationOutcome.Success(Json.object().set("content", Json.nodes().arrayNode())));
  }

  @Test
  void theRequestIsASignedInvokeWithResponseStreamOfTheEvent() throws Exception {
    // given
    InvokeWithResponseStreamClient client =
        start(
            exchange -> {
              OutputStream out = begin(exchange);
              out.write(chunk("{\"ok\":true}"));
              out.write(complete("{}"));
            });

    // when
    InvocationOutcome outcome =
        client.invoke(
            "arn:aws:lambda:eu-west-1:123456789012:function:f",
            Json.object().put("args", "x"),
            Duration.ofSeconds(10),
            ToolEventListener.IGNORE);

    // then a buffered function's plain JSON is the result
    assertThat(outcome).isEqualTo(new InvocationOutcome.Success(Json.object().put("ok", true)));
    assertThat(paths)
        .containsExactly(
            "/2021-11-15/functions/arn%3Aaws%3Alambda%3Aeu-west-1%3A123456789012%3Afunction%3Af"
                + "/response-streaming-invocations");
    assertThat(bodies).containsExactly("{\"args\":\"x\"}");
    Map<String, List<String>> h = headers.get(0);
    assertThat(h.get("Authorization").get(0))
        .startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
        .contains("/eu-west-1/lambda/aws4_request")
        .contains("SignedHeaders=");
    assertThat(h.get("X-amz-invocation-type")).containsExactly("RequestResponse");
    assertThat(h).containsKey("X-amz-date");
  }

  @Test
  void invokeCompleteErrorsAreFunctionErrorsOrTimeouts() throws Exception {
    List<String> completions =
        List.of(
            "{\"ErrorCode\":\"Unhandled\",\"ErrorDetails\":"
                + Json.write(
                    "{\"errorMessage\":\"boom\",\"errorType\":\"java.lang.IllegalStateException\"}")
                + "}",
            "{\"ErrorCode\":\"Runtime.ExitError\",\"ErrorDetails\":\"exited with status 1\"}",
            "{\"ErrorCode\":\"Sandbox.Timedout\",\"ErrorDetails\":\"Task timed out after 3.00 seconds\"}");
    List<InvocationOutcome> outcomes = new ArrayList<>();
    int[] next = {0};
    InvokeWithResponseStreamClient client =
        start(
            exchange -> {
              OutputStream out = begin(exchange);
              out.write(chunk("{\"type\":\"progress\",\"progress\":1}\n"));
              out.write(complete(completions.get(next[0]++)));
            });
    for (int i = 0; i < completions.size(); i++) {
      outcomes.add(client.invoke("f", Json.object(), null, ToolEventListener.IGNORE));
    }
    assertThat(outcomes)
        .containsExactly(
            new InvocationOutcome.FunctionError("java.lang.IllegalStateException", "boom"),
            new InvocationOutcome.FunctionError("Runtime.ExitError", "exited with status 1"),
            new InvocationOutcome.Timeout("the function timed out"));
  }

  @Test
  void httpErrorsMapToTheSealedOutcomes() throws Exception {
    int[] statuses = {429, 404, 403, 500};
    String[] types = {
      "TooManyRequestsException",
      "ResourceNotFoundException",
      "AccessDeniedException",
      "ServiceException"
    };
    int[] next = {0};
    InvokeWithResponseStreamClient client =
        start(
            exchange -> {
              int i = next[0]++;
              byte[] body =
                  ("{\"Type\":\"User\",\"message\":\"m" + i + "\"}")
                      .getBytes(StandardCharsets.UTF_8);
              exchange.getResponseHeaders().set("X-Amzn-ErrorType", types[i]);
              exchange.sendResponseHeaders(statuses[i], body.length);
              exchange.getResponseBody().write(body);
            });
    List<InvocationOutcome> outcomes = new ArrayList<>();
    for (int i = 0; i < statuses.length; i++) {
      outcomes.add(client.invoke("f", Json.object(), null, ToolEventListener.IGNORE));
    }
    assertThat(outcomes)
        .containsExactly(
            new InvocationOutcome.Throttled("m0"),
            new InvocationOutcome.Unavailable("function not found"),
            new InvocationOutcome.Unavailable("not permitted to invoke the function"),
            new InvocationOutcome.Unavailable("Lambda error ServiceException"));
  }

  @Test
  void aStreamCutBeforeInvokeCompleteIsUnavailableAndGarbageIsMalformed() throws Exception {
    boolean[] garbage = {false};
    InvokeWithResponseStreamClient client =
        start(
            exchange -> {
              OutputStream out = begin(exchange);
              if (garbage[0]) {
                out.write(new byte[] {0, 0, 0, 16, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8});
              } else {
                out.write(chunk("{\"type\":\"result\",\"result\":1}\n"));
              }
            });
    InvocationOutcome cut = client.invoke("f", Json.object(), null, ToolEventListener.IGNORE);
    garbage[0] = true;
    InvocationOutcome bad = client.invoke("f", Json.object(), null, ToolEventListener.IGNORE);
    assertThat(cut)
        .isEqualTo(
            new InvocationOutcome.Unavailable("the response stream ended before InvokeComplete"));
    assertThat(bad)
        .isEqualTo(new InvocationOutcome.Unavailable("Lambda's event stream is malformed"));
  }

  @Test
  void theRegionalEndpointIsUsedWithoutAnOverride() {
    assertThat(InvokeWithResponseStreamClient.regionalEndpoint(Region.EU_WEST_1))
        .isEqualTo(URI.create("https://lambda.eu-west-1.amazonaws.com"));
    assertThat(InvokeWithResponseStreamClient.regionalEndpoint(Region.CN_NORTH_1))
        .isEqualTo(URI.create("https://lambda.cn-north-1.amazonaws.com.cn"));
  }
}
