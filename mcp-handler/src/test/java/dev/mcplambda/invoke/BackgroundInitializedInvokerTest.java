package dev.mcplambda.invoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcplambda.json.Json;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BackgroundInitializedInvokerTest {

  @Test
  void buildsTheInvokerOnceOffTheCallingThreadAndDelegatesEveryCall() throws Exception {
    // given a factory that blocks until released
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger built = new AtomicInteger();
    BackgroundInitializedInvoker invoker =
        new BackgroundInitializedInvoker(
            () -> {
              try {
                release.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              built.incrementAndGet();
              return (arn, event) -> new InvocationOutcome.Success(event);
            });

    // when construction returned before the factory finished, and calls come in after
    assertThat(built.get()).isZero();
    release.countDown();
    JsonNode event = Json.readTree("{\"args\":{\"a\":1}}");
    InvocationOutcome first = invoker.invoke("arn:x", event);
    InvocationOutcome second = invoker.invoke("arn:x", event, Duration.ofSeconds(1));

    // then
    assertThat(first).isEqualTo(new InvocationOutcome.Success(event));
    assertThat(second).isEqualTo(new InvocationOutcome.Success(event));
    assertThat(built.get()).isEqualTo(1);
  }

  @Test
  void aFailedBuildSurfacesOnUse() {
    BackgroundInitializedInvoker invoker =
        new BackgroundInitializedInvoker(
            () -> {
              throw new IllegalStateException("no region");
            });
    assertThatThrownBy(() -> invoker.invoke("arn:x", Json.object())).hasMessage("no region");
  }
}
