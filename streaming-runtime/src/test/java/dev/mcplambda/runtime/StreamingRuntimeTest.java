package dev.mcplambda.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mcplambda.config.Environment;
import dev.mcplambda.http.FunctionUrlResponse;
import dev.mcplambda.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The streaming runtime in-process against a Runtime API fixture; asserts the wire bytes. */
class StreamingRuntimeTest {

  static final String URL_EVENT =
      """
      {"version":"2.0","routeKey":"$default","rawPath":"/mcp","rawQueryString":"",
       "headers":{"accept":"text/event-stream","content-type":"application/json"},
       "requestContext":{"accountId":"123456789012","apiId":"abc","domainName":"abc.lambda-url.us-east-1.on.aws",
         "http":{"method":"POST","path":"/mcp","protocol":"HTTP/1.1","sourceIp":"203.0.113.7","userAgent":"test"},
         "requestId":"r-1","routeKey":"$default","stage":"$default","timeEpoch":1700000000000,
         "authorizer":{"iam":{"userArn":"arn:aws:iam::123456789012:user/alice"}}},
       "body":"{}","isBase64Encoded":false}
      """;

  static final byte[] NUL8 = new byte[8];

  RuntimeApiFixture fixture;
  ExecutorService executor;

  @BeforeEach
  void setUp() throws IOException {
    fixture = new RuntimeApiFixture();
    executor = Executors.newSingleThreadExecutor();
  }

  @AfterEach
  void tearDown() throws IOException {
    executor.shutdownNow();
    fixture.close();
  }

  StreamingRuntime runtime(Object handler) {
    return new StreamingRuntime(
        new RuntimeSettings(fixture.hostAndPort(), null, false, null, 1000),
        new Environment(Map.of()),
        new SnapStartHooks(),
        handler);
  }

  Future<Void> runOnceInBackground(StreamingRuntime runtime) {
    return executor.submit(
        () -> {
          runtime.runOnce();
          return null;
        });
  }

  static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] all = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, all, at, p.length);
      at += p.length;
    }
    return all;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Splits an http-integration-response body at the first 8 NUL bytes. */
  static JsonNode prelude(byte[] body) throws IOException {
    int at = indexOf(body, NUL8);
    assertThat(at).as("8 NUL delimiter present").isPositive();
    return Json.mapper().readTree(Arrays.copyOfRange(body, 0, at));
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Test
  void streamsPreludeDelimiterAndBodyWithTheStreamingHeaders() throws Exception {
    // given a handler that answers an SSE response with a cookie
    StreamingHandler handler =
        (request, response, context) -> {
          response.start(
              200,
              Map.of("content-type", "text/event-stream"),
              List.of("session=abc; Secure; HttpOnly"));
          OutputStream body = response.body();
          body.write(utf8("event: message\ndata: {\"id\":1}\n\n"));
          body.write(utf8("event: message\ndata: {\"id\":2}\n\n"));
        };
    fixture.enqueue(RuntimeApiFixture.Event.of("req-1", URL_EVENT));

    // when the runtime serves one invocation
    runtime(handler).runOnce();

    // then it asked for the event, then posted a streamed response with the declared trailers
    assertThat(fixture.take().path()).isEqualTo("/2018-06-01/runtime/invocation/next");
    RuntimeApiFixture.Request post = fixture.take();
    assertThat(post.method()).isEqualTo("POST");
    assertThat(post.path()).isEqualTo("/2018-06-01/runtime/invocation/req-1/response");
    assertThat(post.headLines())
        .contains(
            "Lambda-Runtime-Function-Response-Mode: streaming",
            "Transfer-Encoding: chunked",
            "Content-Type: application/vnd.awslambda.http-integration-response",
            "Trailer: Lambda-Runtime-Function-Error-Type, Lambda-Runtime-Function-Error-Body");
    assertThat(post.header("content-length")).isNull();
    byte[] preludeJson =
        utf8(
            "{\"statusCode\":200,\"headers\":{\"content-type\":\"text/event-stream\"},"
                + "\"cookies\":[\"session=abc; Secure; HttpOnly\"]}");
    assertThat(post.body())
        .isEqualTo(
            concat(
                preludeJson,
                NUL8,
                utf8("event: message\ndata: {\"id\":1}\n\n"),
                utf8("event: message\ndata: {\"id\":2}\n\n")));
    assertThat(post.chunks().get(0)).isEqualTo(concat(preludeJson, NUL8));
    assertThat(post.trailers()).isEmpty();
  }

  @Test
  void eachFlushLeavesAtOnceWhileTheHandlerIsStillRunning() throws Exception {
    // given a handler that flushes one SSE event and then blocks until the test releases it
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean returned = new AtomicBoolean();
    StreamingHandler handler =
        (request, response, context) -> {
          response.start(200, Map.of("content-type", "text/event-stream"), List.of());
          OutputStream body = response.body();
          body.write(utf8("data: first\n\n"));
          body.flush();
          try {
            release.await(RuntimeApiFixture.WAIT_SECONDS, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          body.write(utf8("data: second\n\n"));
          returned.set(true);
        };
    fixture.enqueue(RuntimeApiFixture.Event.of("req-2", URL_EVENT));

    // when the runtime serves the invocation in the background
    Future<Void> done = runOnceInBackground(runtime(handler));

    // then the prelude chunk and the first event arrive while the handler is still blocked
    RuntimeApiFixture.Chunk prelude = fixture.awaitChunk();
    assertThat(prelude.data()).endsWith(NUL8);
    RuntimeApiFixture.Chunk first = fixture.awaitChunk();
    assertThat(first.text()).isEqualTo("data: first\n\n");
    assertThat(returned).isFalse();
    assertThat(done.isDone()).isFalse();

    // and the rest follows once the handler is released
    release.countDown();
    done.get(RuntimeApiFixture.WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(fixture.awaitChunk().text()).isEqualTo("data: second\n\n");
    RuntimeApiFixture.Request post = fixture.take("/response");
    assertThat(post.chunks()).hasSize(3);
    assertThat(post.trailers()).isEmpty();
  }

  @Test
  void aFailureAfterTheFirstByteEndsTheStreamWithErrorTrailers() throws Exception {
    // given a handler that sends one event and then throws
    StreamingHandler handler =
        (request, response, context) -> {
          response.start(200, Map.of("content-type", "text/event-stream"), List.of());
          response.body().write(utf8("data: partial\n\n"));
          response.body().flush();
          throw new IllegalStateException("store unavailable");
        };
    fixture.enqueue(RuntimeApiFixture.Event.of("req-3", URL_EVENT));

    // when
    runtime(handler).runOnce();

    // then the body keeps what was sent and the trailers carry the error type and base64 JSON
    RuntimeApiFixture.Request post = fixture.take("/response");
    assertThat(new String(post.body(), StandardCharsets.UTF_8)).endsWith("data: partial\n\n");
    assertThat(post.trailers())
        .containsEntry("lambda-runtime-function-error-type", "Runtime.UserException");
    JsonNode error =
        Json.mapper()
            .readTree(
                Base64.getDecoder()
                    .decode(post.trailers().get("lambda-runtime-function-error-body")));
    assertThat(error.get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(error.get("errorMessage").asText()).isEqualTo("store unavailable");
    assertThat(error.has("stackTrace")).isFalse();
    assertThat(fixture.paths()).noneMatch(p -> p.endsWith("/error"));
  }

  @Test
  void aFailureBeforeAnythingWasSentIsReportedOnTheErrorEndpoint() throws Exception {
    // given a handler that throws before starting the response
    StreamingHandler handler =
        (request, response, context) -> {
          throw new IllegalArgumentException("no route");
        };
    fixture.enqueue(RuntimeApiFixture.Event.of("req-4", URL_EVENT));

    // when
    runtime(handler).runOnce();

    // then only /error was posted, with the error type header and a JSON body without a trace
    assertThat(fixture.paths())
        .containsExactly(
            "GET /2018-06-01/runtime/invocation/next",
            "POST /2018-06-01/runtime/invocation/req-4/error");
    RuntimeApiFixture.Request error = fixture.take("/error");
    assertThat(error.header("Lambda-Runtime-Function-Error-Type"))
        .isEqualTo("Runtime.UserException");
    assertThat(error.header("content-type")).isEqualTo("application/json");
    JsonNode body = Json.mapper().readTree(error.body());
    assertThat(body.get("errorType").asText()).isEqualTo("java.lang.IllegalArgumentException");
    assertThat(body.get("errorMessage").asText()).isEqualTo("no route");
    assertThat(body.size()).isEqualTo(2);
  }

  @Test
  void aHandlerThatNeverStartsAResponseIsReportedAsAnError() throws Exception {
    // given a handler that returns without calling start
    StreamingHandler handler = (request, response, context) -> {};
    fixture.enqueue(RuntimeApiFixture.Event.of("req-5", URL_EVENT));

    // when
    runtime(handler).runOnce();

    // then
    RuntimeApiFixture.Request error = fixture.take("/error");
    assertThat(error.header("Lambda-Runtime-Function-Error-Type")).isEqualTo("Runtime.NoResponse");
  }

  @Test
  void anEventThatIsNotJsonIsAnInvalidEventError() throws Exception {
    // given
    fixture.enqueue(RuntimeApiFixture.Event.of("req-6", "[1,2"));
    AtomicBoolean called = new AtomicBoolean();

    // when
    runtime((StreamingHandler) (request, response, context) -> called.set(true)).runOnce();

    // then the handler is not called and the error names no parser internals
    RuntimeApiFixture.Request error = fixture.take("/error");
    assertThat(called).isFalse();
    assertThat(error.header("Lambda-Runtime-Function-Error-Type"))
        .isEqualTo("Runtime.InvalidEvent");
    assertThat(error.text())
        .isEqualTo(
            "{\"errorMessage\":\"the event is not a JSON object\",\"errorType\":\"InvalidEvent\"}");
  }

  @Test
  void anEventThatIsNotAFunctionUrlEventIsAnsweredBuffered() throws Exception {
    // given a direct invoke with a custom event
    AtomicReference<InvocationContext> seen = new AtomicReference<>();
    StreamingHandler handler =
        (request, response, context) -> {
          seen.set(context);
          response.start(404, Map.of("content-type", "application/json"), List.of());
          response.body().write(utf8("{\"error\":\"not found\"}"));
          response.body().flush();
        };
    fixture.enqueue(RuntimeApiFixture.Event.of("req-7", "{\"action\":\"ping\"}"));

    // when
    runtime(handler).runOnce();

    // then one buffered POST carries a payload-2.0 response document
    RuntimeApiFixture.Request post = fixture.take("/response");
    assertThat(post.header("Lambda-Runtime-Function-Response-Mode")).isNull();
    assertThat(post.header("transfer-encoding")).isNull();
    assertThat(post.header("content-type")).isEqualTo("application/json");
    assertThat(post.header("content-length")).isEqualTo(Integer.toString(post.body().length));
    FunctionUrlResponse response = Json.mapper().readValue(post.body(), FunctionUrlResponse.class);
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.header("content-type")).isEqualTo("application/json");
    assertThat(response.body()).isEqualTo("{\"error\":\"not found\"}");
    assertThat(response.base64Encoded()).isFalse();
    assertThat(seen.get().requestId()).isEqualTo("req-7");
    assertThat(seen.get().functionArn())
        .isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:mcp");
  }

  @Test
  void aBufferedBinaryBodyIsBase64Encoded() throws Exception {
    // given
    StreamingHandler handler =
        (request, response, context) -> {
          response.start(200, Map.of("content-type", "application/octet-stream"), List.of());
          response.body().write(new byte[] {(byte) 0xff, 0, (byte) 0xfe});
        };
    fixture.enqueue(RuntimeApiFixture.Event.of("req-8", "{}"));

    // when
    runtime(handler).runOnce();

    // then
    FunctionUrlResponse response =
        Json.mapper().readValue(fixture.take("/response").body(), FunctionUrlResponse.class);
    assertThat(response.base64Encoded()).isTrue();
    assertThat(Base64.getDecoder().decode(response.body()))
        .containsExactly((byte) 0xff, 0, (byte) 0xfe);
  }

  @Test
  void aPlainRequestStreamHandlerIsServedBufferedWithALambdaContext() throws Exception {
    // given a stock-style stream handler that echoes the event with context data
    RequestStreamHandler handler =
        (in, out, context) -> {
          out.write(
              utf8(
                  context.getAwsRequestId()
                      + "|"
                      + context.getInvokedFunctionArn()
                      + "|"
                      + (context.getRemainingTimeInMillis() > 0)
                      + "|"));
          in.transferTo(out);
        };
    fixture.enqueue(RuntimeApiFixture.Event.of("req-9", "{\"a\":1}"));

    // when
    runtime(handler).runOnce();

    // then the output bytes are the response, posted whole
    RuntimeApiFixture.Request post = fixture.take("/response");
    assertThat(post.header("transfer-encoding")).isNull();
    assertThat(post.text())
        .isEqualTo("req-9|arn:aws:lambda:us-east-1:123456789012:function:mcp|true|{\"a\":1}");
  }

  @Test
  void aFailingRequestStreamHandlerIsReportedOnTheErrorEndpoint() throws Exception {
    // given
    RequestStreamHandler handler =
        (in, out, context) -> {
          throw new IOException("downstream broke");
        };
    fixture.enqueue(RuntimeApiFixture.Event.of("req-10", "{}"));

    // when
    runtime(handler).runOnce();

    // then
    RuntimeApiFixture.Request error = fixture.take("/error");
    assertThat(error.path()).isEqualTo("/2018-06-01/runtime/invocation/req-10/error");
    assertThat(Json.mapper().readTree(error.body()).get("errorType").asText())
        .isEqualTo("java.io.IOException");
  }

  @Test
  void theTraceIdBecomesTheXraySystemProperty() throws Exception {
    // given
    AtomicReference<String> property = new AtomicReference<>();
    StreamingHandler handler =
        (request, response, context) -> {
          property.set(System.getProperty(StreamingRuntime.TRACE_PROPERTY));
          response.start(204, Map.of(), List.of());
        };
    fixture.enqueue(RuntimeApiFixture.Event.of("req-11", URL_EVENT));

    // when
    runtime(handler).runOnce();

    // then
    assertThat(property.get()).startsWith("Root=1-5759e988-bd862e3fe1be46a994272793");
    assertThat(fixture.take("/response").trailers()).isEmpty();
  }

  @Test
  void aStreamedResponseClosesItsConnectionWhileBufferedOnesKeepItAlive() throws Exception {
    // given two streamed and then two buffered invocations
    StreamingHandler handler =
        (request, response, context) -> response.start(200, Map.of(), List.of());
    StreamingRuntime runtime = runtime(handler);
    fixture.enqueue(RuntimeApiFixture.Event.of("a", URL_EVENT));
    fixture.enqueue(RuntimeApiFixture.Event.of("b", URL_EVENT));

    // when
    runtime.runOnce();
    runtime.runOnce();
    int afterStreamed = fixture.connectionsOpened();
    fixture.enqueue(RuntimeApiFixture.Event.of("c", "{}"));
    fixture.enqueue(RuntimeApiFixture.Event.of("d", "{}"));
    runtime.runOnce();
    runtime.runOnce();

    // then every response went out in order; each streamed POST ended its connection (as the
    // Runtime API asks), the buffered exchanges shared one keep-alive connection
    assertThat(fixture.paths())
        .containsExactly(
            "GET /2018-06-01/runtime/invocation/next",
            "POST /2018-06-01/runtime/invocation/a/response",
            "GET /2018-06-01/runtime/invocation/next",
            "POST /2018-06-01/runtime/invocation/b/response",
            "GET /2018-06-01/runtime/invocation/next",
            "POST /2018-06-01/runtime/invocation/c/response",
            "GET /2018-06-01/runtime/invocation/next",
            "POST /2018-06-01/runtime/invocation/d/response");
    assertThat(afterStreamed).isEqualTo(2);
    assertThat(fixture.connectionsOpened()).isEqualTo(3);
  }

  @Test
  void bodyBeforeStartIsAHandlerBug() throws Exception {
    // given
    StreamingHandler handler = (request, response, context) -> response.body();
    fixture.enqueue(RuntimeApiFixture.Event.of("req-12", URL_EVENT));

    // when
    runtime(handler).runOnce();

    // then
    assertThat(Json.mapper().readTree(fixture.take("/error").body()).get("errorType").asText())
        .isEqualTo("java.lang.IllegalStateException");
  }

  @Test
  void aHandlerObjectOfTheWrongTypeIsRefused() {
    assertThatThrownBy(() -> runtime("not a handler"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("implements neither");
  }
}
