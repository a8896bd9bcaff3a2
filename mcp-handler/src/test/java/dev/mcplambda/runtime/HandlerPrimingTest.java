package dev.mcplambda.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HandlerPrimingTest {

  private static final byte[] EVENT =
      ("{\"version\":\"2.0\",\"rawPath\":\"/mcp\",\"headers\":{},\"requestContext\":"
              + "{\"http\":{\"method\":\"POST\"}},\"body\":\"{}\",\"isBase64Encoded\":false}")
          .getBytes(StandardCharsets.UTF_8);

  @Test
  void servesEveryEventEachRoundAndTouchesTheClientsOnce() {
    // given a handler that records what it is asked
    List<String> paths = new ArrayList<>();
    AtomicInteger touched = new AtomicInteger();
    StreamingHandler handler =
        (request, response, context) -> {
          paths.add(request.rawPath());
          response.start(200, null, null);
          response.body().write('x');
        };

    // when the hook runs before a snapshot
    new HandlerPriming(handler, List.of(EVENT, EVENT), 3, touched::incrementAndGet)
        .beforeSnapshot();

    // then
    assertThat(paths).hasSize(6).containsOnly("/mcp");
    assertThat(touched).hasValue(1);
  }

  @Test
  void aFailingPrimingRequestDoesNotFailTheSnapshot() {
    AtomicInteger calls = new AtomicInteger();
    StreamingHandler failing =
        (request, response, context) -> {
          calls.incrementAndGet();
          throw new IllegalStateException("store down");
        };
    HandlerPriming priming =
        new HandlerPriming(
            failing,
            List.of(EVENT),
            2,
            () -> {
              throw new IllegalStateException("no client");
            });

    priming.beforeSnapshot();

    assertThat(calls).hasValue(2);
    assertThat(priming.serve(EVENT)).isFalse();
  }
}
