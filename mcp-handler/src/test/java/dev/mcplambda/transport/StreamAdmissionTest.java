package dev.mcplambda.transport;

import static dev.mcplambda.transport.FunctionUrlRequests.get;
import static dev.mcplambda.transport.FunctionUrlRequests.modern;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcplambda.McpHandler;
import dev.mcplambda.runtime.InvocationContext;
import dev.mcplambda.session.StreamLeases;
import dev.mcplambda.store.memory.InMemorySessionStore;
import dev.mcplambda.store.memory.InMemoryStreamLeases;
import dev.mcplambda.testing.MutableClock;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Per-principal stream caps (429 + Retry-After) and the stream lifetime. */
class StreamAdmissionTest {

  private static final String ALICE = FunctionUrlRequests.ALICE;
  private static final String BOB = FunctionUrlRequests.BOB;

  private final InMemoryStreamLeases leases = new InMemoryStreamLeases(Clock.systemUTC());
  private final InMemoryStreamLeases sessionSlots = new InMemoryStreamLeases(Clock.systemUTC());
  private final AtomicInteger ids = new AtomicInteger();

  private McpHandler handler(Duration lifetime, int max) {
    return new McpHandler(
        new FakeDispatcher(),
        new InMemorySessionStore(),
        HandlerHarness.settings(),
        Clock.systemUTC(),
        () -> "sess" + ids.incrementAndGet(),
        ListChangeFeed.NONE,
        ToolInputSchemas.NONE,
        new StreamAdmission(leases, lifetime, max, Clock.systemUTC()),
        new SessionAdmission(sessionSlots, 2, Duration.ofHours(1), Clock.systemUTC()));
  }

  private static BufferedResponseStream send(
      McpHandler handler, dev.mcplambda.http.FunctionUrlRequest request, long deadlineMillis) {
    BufferedResponseStream out = new BufferedResponseStream();
    try {
      handler.handle(request, out, HandlerHarness.invocation(deadlineMillis));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out;
  }

  @Test
  void aPrincipalAtItsCapGets429WithRetryAfterOnEveryKindOfStream() {
    // given alice's only slot is held by a stream of another container that ends in 90 s
    McpHandler handler = handler(StreamAdmission.DEFAULT_LIFETIME, 1);
    var held = (StreamLeases.Granted) leases.acquire(ALICE, 1, System.currentTimeMillis() + 90_000);

    // when alice opens each kind of stream, and bob opens one
    BufferedResponseStream sse = send(handler, get("/sse").build(), 0);
    BufferedResponseStream getMcp =
        send(handler, get("/mcp").header("mcp-session-id", "sess-x").build(), 0);
    BufferedResponseStream listen =
        send(
            handler,
            modern(
                    "subscriptions/listen",
                    null,
                    StatelessHttpTransportContractTest.request(
                        "subscriptions/listen", "\"notifications\":{\"toolsListChanged\":true},"))
                .build(),
            0);
    BufferedResponseStream bobs = send(handler, get("/sse").principal(BOB).build(), 0);

    // then alice is refused with the time until her slot frees, bob is served
    for (BufferedResponseStream refused : new BufferedResponseStream[] {sse, getMcp, listen}) {
      assertThat(refused.status()).isEqualTo(429);
      assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(89L, 92L);
      assertThat(refused.bodyText()).contains("at most 1 open streams per caller");
    }
    assertThat(bobs.status()).isEqualTo(200);

    // and once the other stream ends, alice is served again
    leases.release(held);
    assertThat(send(handler, get("/sse").build(), 0).status()).isEqualTo(200);
  }

  @Test
  void aStreamEndsCleanlyAtItsLifetimeLongBeforeTheInvocationDeadlineAndFreesItsSlot() {
    // given a one-second stream lifetime and an invocation that could run for ten minutes
    McpHandler handler = handler(Duration.ofSeconds(1), 1);

    // when alice opens a legacy SSE stream
    BufferedResponseStream out = send(handler, get("/sse").build(), 600_000);

    // then it ended by itself with the reconnect hint, and her slot is free again
    assertThat(out.status()).isEqualTo(200);
    assertThat(out.bodyText()).startsWith("event: endpoint\n").endsWith("retry: 1000\n\n");
    assertThat(leases.acquire(ALICE, 1, System.currentTimeMillis() + 1000))
        .isInstanceOf(StreamLeases.Granted.class);
  }

  @Test
  void aPrincipalStartsAtMostTheCappedNumberOfSessionsPerSessionLifetime() {
    // given a cap of two sessions per principal
    McpHandler handler = handler(StreamAdmission.DEFAULT_LIFETIME, 1);
    String init =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
            + "\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
            + "\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";

    // when alice initializes three times and bob once
    BufferedResponseStream first = send(handler, FunctionUrlRequests.post("/mcp", init).build(), 0);
    BufferedResponseStream second =
        send(handler, FunctionUrlRequests.post("/mcp", init).build(), 0);
    BufferedResponseStream third = send(handler, FunctionUrlRequests.post("/mcp", init).build(), 0);
    BufferedResponseStream bobs =
        send(handler, FunctionUrlRequests.post("/mcp", init).principal(BOB).build(), 0);

    // then the third is refused until the first slot frees (one session TTL)
    assertThat(first.status()).isEqualTo(200);
    assertThat(second.status()).isEqualTo(200);
    assertThat(third.status()).isEqualTo(429);
    assertThat(Long.parseLong(third.header("Retry-After"))).isBetween(3590L, 3601L);
    assertThat(third.bodyText()).contains("at most 2 sessions per caller");
    assertThat(bobs.status()).isEqualTo(200);
  }

  @Test
  void theServedDeadlineIsTheNearerOfTheLifetimeAndTheInvocationDeadline() {
    // given
    MutableClock clock = new MutableClock(Instant.now());
    StreamAdmission admission =
        new StreamAdmission(new InMemoryStreamLeases(clock), Duration.ofSeconds(240), 5, clock);
    long now = clock.millis();
    Duration margin = Duration.ofSeconds(5);

    // when one invocation may run 15 minutes and another only 1 minute
    var far =
        (StreamAdmission.Admitted)
            admission.admit(ALICE, new InvocationContext("r1", now + 900_000, null, null), margin);
    var near =
        (StreamAdmission.Admitted)
            admission.admit(ALICE, new InvocationContext("r2", now + 60_000, null, null), margin);

    // then the first stream ends after its lifetime (the transport subtracts the margin), the
    // second at its own deadline; each lease lasts until its stream's end (plus a second)
    assertThat(far.context().deadlineEpochMillis()).isEqualTo(now + 245_000);
    assertThat(far.context().requestId()).isEqualTo("r1");
    assertThat(far.lease().expiresAtMillis()).isEqualTo(now + 241_000);
    assertThat(near.context().deadlineEpochMillis()).isEqualTo(now + 60_000);
    assertThat(near.lease().expiresAtMillis()).isEqualTo(now + 56_000);
  }
}
