package dev.mcplambda.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.invoke.FunctionEvents;
import dev.mcplambda.invoke.FunctionInvoker;
import dev.mcplambda.invoke.InvocationOutcome;
import dev.mcplambda.invoke.ToolEventListener;
import dev.mcplambda.registry.RegistryEntry;
import dev.mcplambda.runtime.InvocationContext;
import java.time.Duration;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Invokes the function behind an entry for a request: the event's {@code extra}, the time the
 * function may take (what is left of the handler's deadline minus a margin), the era's input
 * rounds, and the failures of the methods without an {@code isError} result.
 */
final class FunctionCalls {

  private static final Logger LOG = LoggerFactory.getLogger(FunctionCalls.class);

  private final FunctionInvoker invoker;
  private final DispatcherConfig config;

  FunctionCalls(FunctionInvoker invoker, DispatcherConfig config) {
    this.invoker = invoker;
    this.config = config;
  }

  /** The {@code extra} object of a function event. */
  ObjectNode extra(Exchange x, String kind, String name, MultiRoundTrip.Retry retry) {
    return FunctionEvents.extra(
        kind,
        name,
        x.principal(),
        x.version,
        eraName(x.context.era()),
        x.request.id(),
        x.clientCapabilities,
        retry.inputResponses(),
        retry.functionState());
  }

  static String eraName(Era era) {
    return switch (era) {
      case LEGACY_SSE -> "legacy-sse";
      case STREAMABLE_HTTP -> "streamable-http";
      case STATELESS -> "stateless";
    };
  }

  /**
   * Invokes {@code entry}'s function with {@code event}; if it asks for input and the era relays
   * input requests, asks the client and invokes it again with {@code retryEvent} of the answers.
   *
   * @param events {@code null} for a buffered function; else the function is a streaming tool and
   *     its events go here as they arrive ({@link ToolNotifications})
   */
  InputRequestRelay.Relayed call(
      Exchange x,
      RegistryEntry entry,
      JsonNode event,
      Function<MultiRoundTrip.Retry, JsonNode> retryEvent,
      ToolEventListener events) {
    InvocationOutcome outcome = invoke(x, entry, event, events, null);
    return x.era.relayInput(
        x,
        outcome,
        (responses, state) ->
            invoke(
                x,
                entry,
                retryEvent.apply(new MultiRoundTrip.Retry(responses, state)),
                events,
                null));
  }

  /** Invokes {@code entry}'s function, taking at most {@code cap} (or the deadline's budget). */
  InvocationOutcome invoke(
      Exchange x, RegistryEntry entry, JsonNode event, ToolEventListener events, Duration cap) {
    if (entry.lambdaArn() == null || entry.lambdaArn().isBlank()) {
      return new InvocationOutcome.Unavailable("no function is registered for it");
    }
    long start = System.nanoTime();
    try {
      Duration budget = budget(x);
      if (cap != null && (budget == null || budget.compareTo(cap) > 0)) {
        budget = cap;
      }
      if (budget != null && budget.toMillis() <= 0) {
        return new InvocationOutcome.Timeout("no time left before this request's deadline");
      }
      if (events != null) {
        return invoker.invokeStreaming(entry.lambdaArn(), event, budget, events);
      }
      return budget == null
          ? invoker.invoke(entry.lambdaArn(), event)
          : invoker.invoke(entry.lambdaArn(), event, budget);
    } catch (RuntimeException e) {
      LOG.warn("function invoker failed for {}: {}", entry.id(), e.getClass().getSimpleName());
      return new InvocationOutcome.Unavailable("the invocation failed");
    } finally {
      x.lambdaMillis = (System.nanoTime() - start) / 1_000_000;
    }
  }

  /**
   * Time the function may take: what is left of this invocation minus {@link
   * DispatcherConfig#deadlineMargin()} (so the answer still goes out before Lambda cuts the handler
   * off); {@code null} without a known deadline.
   */
  private Duration budget(Exchange x) {
    InvocationContext invocation = x.context.invocation();
    if (invocation == null
        || invocation.deadlineEpochMillis() <= 0
        || invocation.deadlineEpochMillis() == Long.MAX_VALUE) {
      return null;
    }
    long left =
        invocation.deadlineEpochMillis()
            - System.currentTimeMillis()
            - config.deadlineMargin().toMillis();
    return Duration.ofMillis(Math.max(left, 0));
  }

  /**
   * For {@code resources/read} and {@code prompts/get}, which have no {@code isError} result: the
   * payload, or a -32603 error for any failure (after the input rounds, if any).
   */
  JsonNode payloadOrThrow(Exchange x, InputRequestRelay.Relayed relayed, String what) {
    InvocationOutcome outcome =
        switch (relayed) {
          case InputRequestRelay.Relayed.Done done -> done.outcome();
          case InputRequestRelay.Relayed.Failed failed ->
              throw x.internal(failed.detail(), what + " " + failed.message());
        };
    return switch (outcome) {
      case InvocationOutcome.Success s -> s.payload();
      case InvocationOutcome.FunctionError f ->
          throw x.internal(
              "function_error", what + " failed: " + f.errorType() + ": " + f.errorMessage());
      case InvocationOutcome.Timeout t ->
          throw x.internal("timeout", what + " timed out: " + t.detail());
      case InvocationOutcome.Throttled t ->
          throw x.internal(
              "throttled", what + " is throttled by AWS Lambda (too many requests); retry later");
      case InvocationOutcome.Unavailable u ->
          throw x.internal("unavailable", what + " could not be invoked: " + u.reason());
      case InvocationOutcome.MalformedOutput m ->
          throw x.internal("malformed_output", what + " returned malformed output: " + m.reason());
    };
  }
}
