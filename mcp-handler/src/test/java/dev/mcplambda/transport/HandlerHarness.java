package dev.mcplambda.transport;

import dev.mcplambda.McpHandler;
import dev.mcplambda.McpWiring;
import dev.mcplambda.http.FunctionUrlRequest;
import dev.mcplambda.protocol.McpDispatcher;
import dev.mcplambda.runtime.BufferedResponseStream;
import dev.mcplambda.runtime.InvocationContext;
import dev.mcplambda.session.SessionStore;
import dev.mcplambda.store.memory.InMemorySessionStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link McpHandler} on a fake dispatcher and an in-memory session store, with predictable
 * session ids ({@code sess1}, {@code sess2}, …), a fixed clock for session timestamps and no
 * deadline margin, so a stream ends exactly at the deadline a test gives it.
 */
final class HandlerHarness {

  /**
   * The handler's fixed clock. It must be the real time of the run: the session stores judge expiry
   * by their own clock, so a date in the past would make every session expire once the wall clock
   * passes it.
   */
  static final Instant NOW = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

  final McpDispatcher dispatcher;
  final SessionStore store;
  final McpHandler handler;
  private final AtomicInteger ids = new AtomicInteger();

  HandlerHarness() {
    this(new FakeDispatcher(), new InMemorySessionStore(), settings(), ListChangeFeed.NONE);
  }

  HandlerHarness(
      McpDispatcher dispatcher,
      SessionStore store,
      TransportSettings settings,
      ListChangeFeed changes) {
    this(dispatcher, store, settings, changes, ToolInputSchemas.NONE);
  }

  HandlerHarness(
      McpDispatcher dispatcher,
      SessionStore store,
      TransportSettings settings,
      ListChangeFeed changes,
      ToolInputSchemas schemas) {
    this.dispatcher = dispatcher;
    this.store = store;
    this.handler =
        new McpHandler(
            McpWiring.builder(dispatcher, store, settings)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .sessionIds(() -> "sess" + ids.incrementAndGet())
                .changes(changes)
                .schemas(schemas)
                .build());
  }

  static TransportSettings settings() {
    return TransportSettings.defaults()
        .withDeadlineMargin(Duration.ZERO)
        .withHeartbeat(Duration.ofSeconds(30));
  }

  /** Serves a request that must not stream for long (a deadline one minute away). */
  BufferedResponseStream send(FunctionUrlRequest request) {
    return send(request, 60_000);
  }

  /** Serves a request whose streams end {@code streamMillis} from now. */
  BufferedResponseStream send(FunctionUrlRequest request, long streamMillis) {
    BufferedResponseStream out = new BufferedResponseStream();
    try {
      handler.handle(request, out, invocation(streamMillis));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Serves a (streaming) request on another thread. */
  CompletableFuture<Void> sendAsync(
      FunctionUrlRequest request, BufferedResponseStream out, long streamMillis) {
    return CompletableFuture.runAsync(
        () -> {
          try {
            handler.handle(request, out, invocation(streamMillis));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  static InvocationContext invocation(long streamMillis) {
    return new InvocationContext(
        "req-1", System.currentTimeMillis() + streamMillis, "arn:aws:lambda:fn", null);
  }
}
