package dev.mcplambda.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcplambda.config.Environment;
import dev.mcplambda.http.FunctionUrlResponse;
import dev.mcplambda.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A handler still running close to the deadline: the runtime ends the response cleanly and
 * interrupts the handler. The events carry a deadline a moment away; nothing asserts on time.
 */
class StreamingRuntimeDeadlineTest {

  RuntimeApiFixture fixture;

  @BeforeEach
  void setUp() throws IOException {
    fixture = new RuntimeApiFixture();
  }

  @AfterEach
  void tearDown() throws IOException {
    fixture.close();
  }

  StreamingRuntime runtime(StreamingHandler handler) {
    return new StreamingRuntime(
        new RuntimeSettings(fixture.hostAndPort(), null, false, null, 1000),
        new Environment(Map.of()),
        new SnapStartHooks(),
        handler);
  }

  RuntimeApiFixture.Event soonDue(String id, String event) {
    RuntimeApiFixture.Event e = RuntimeApiFixture.Event.of(id, event);
    return new RuntimeApiFixture.Event(
        id, System.currentTimeMillis() + 400, e.functionArn(), e.traceId(), e.body());
  }

  /** Blocks until interrupted (the runtime's deadline watchdog does that). */
  static void blockUntilInterrupted(AtomicBoolean interrupted) {
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      interrupted.set(true);
    }
  }

  @Test
  void aStreamStillOpenAtTheDeadlineEndsWithoutErrorTrailers() throws Exception {
    // given a handler that sends one event and then waits for more forever
    AtomicBoolean interrupted = new AtomicBoolean();
    AtomicReference<IOException> lateWrite = new AtomicReference<>();
    StreamingHandler handler =
        (request, response, context) -> {
          response.start(200, Map.of("content-type", "text/event-stream"), List.of());
          OutputStream body = response.body();
          body.write("data: 1\n\n".getBytes(StandardCharsets.UTF_8));
          body.flush();
          blockUntilInterrupted(interrupted);
          try {
            body.write("data: late\n\n".getBytes(StandardCharsets.UTF_8));
            body.flush();
          } catch (IOException e) {
            lateWrite.set(e);
            throw e;
          }
        };
    fixture.enqueue(soonDue("req-1", StreamingRuntimeTest.URL_EVENT));

    // when
    runtime(handler).runOnce();

    // then the stream ended cleanly (no trailers, no /error), the handler was interrupted and its
    // later write failed
    RuntimeApiFixture.Request post = fixture.take("/response");
    assertThat(new String(post.body(), StandardCharsets.UTF_8)).endsWith("\0data: 1\n\n");
    assertThat(post.trailers()).isEmpty();
    assertThat(fixture.paths()).noneMatch(p -> p.endsWith("/error"));
    assertThat(interrupted).isTrue();
    assertThat(lateWrite.get()).hasMessageContaining("deadline");
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  @Test
  void aHandlerThatHasNotStartedAtTheDeadlineGetsA504() throws Exception {
    // given
    AtomicBoolean interrupted = new AtomicBoolean();
    StreamingHandler handler = (request, response, context) -> blockUntilInterrupted(interrupted);
    fixture.enqueue(soonDue("req-2", StreamingRuntimeTest.URL_EVENT));

    // when
    runtime(handler).runOnce();

    // then
    RuntimeApiFixture.Request post = fixture.take("/response");
    assertThat(StreamingRuntimeTest.prelude(post.body()).get("statusCode").asInt()).isEqualTo(504);
    assertThat(new String(post.body(), StandardCharsets.UTF_8))
        .endsWith("\0" + DeadlineWatchdog.DEADLINE_BODY);
    assertThat(post.trailers()).isEmpty();
    assertThat(interrupted).isTrue();
    assertThat(fixture.paths()).noneMatch(p -> p.endsWith("/error"));
  }

  @Test
  void aBufferedInvocationStillRunningAtTheDeadlineIsAnswered504() throws Exception {
    // given a non-URL event and a handler that never answers
    AtomicBoolean interrupted = new AtomicBoolean();
    StreamingHandler handler = (request, response, context) -> blockUntilInterrupted(interrupted);
    fixture.enqueue(soonDue("req-3", "{\"action\":\"ping\"}"));

    // when
    runtime(handler).runOnce();

    // then
    FunctionUrlResponse response =
        Json.mapper().readValue(fixture.take("/response").body(), FunctionUrlResponse.class);
    assertThat(response.statusCode()).isEqualTo(504);
    assertThat(response.body()).isEqualTo(DeadlineWatchdog.DEADLINE_BODY);
    assertThat(interrupted).isTrue();
  }

  @Test
  void theContextExposesTheDeadline() throws Exception {
    // given
    AtomicReference<InvocationContext> seen = new AtomicReference<>();
    StreamingHandler handler =
        (request, response, context) -> {
          seen.set(context);
          response.start(200, Map.of(), List.of());
        };
    RuntimeApiFixture.Event event = soonDue("req-4", StreamingRuntimeTest.URL_EVENT);
    fixture.enqueue(event);

    // when
    runtime(handler).runOnce();

    // then
    assertThat(seen.get().deadlineEpochMillis()).isEqualTo(event.deadlineMs());
    assertThat(fixture.take("/response").trailers()).isEmpty();
  }
}
