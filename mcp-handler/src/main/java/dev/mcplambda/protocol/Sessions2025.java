package dev.mcplambda.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.invoke.InvocationOutcome;
import dev.mcplambda.jsonrpc.ErrorCodes;
import java.util.function.BiFunction;

/**
 * The session eras: 2024-11-05 over legacy SSE and 2025-03-26 … 2025-11-25 over Streamable HTTP.
 * The client's version, capabilities and log level come from the session ({@code initialize},
 * {@code logging/setLevel}); a function's {@code input_required} is relayed to the client as
 * server-to-client requests on the request's stream.
 */
final class Sessions2025 implements EraPolicy {

  private final InputRequestRelay inputRelay;

  Sessions2025(InputRequestRelay inputRelay) {
    this.inputRelay = inputRelay;
  }

  /** Everything but 2026-07-28's {@code server/discover} and the tasks extension's methods. */
  @Override
  public boolean offers(String method) {
    return !method.equals("server/discover") && !method.startsWith("tasks/");
  }

  @Override
  public void readEnvelope(Exchange x) {
    // the session carries it
  }

  @Override
  public void finish(Exchange x, ObjectNode result) {
    // 2025 results go out as the methods build them
  }

  @Override
  public boolean stateless() {
    return false;
  }

  @Override
  public int resourceNotFoundCode() {
    return ErrorCodes.RESOURCE_NOT_FOUND_2025;
  }

  @Override
  public MultiRoundTrip.Retry retry(Exchange x, ObjectNode params, String method, String target) {
    return MultiRoundTrip.Retry.NONE;
  }

  @Override
  public InputRequestRelay.Relayed relayInput(
      Exchange x,
      InvocationOutcome outcome,
      BiFunction<ObjectNode, String, InvocationOutcome> reinvoke) {
    if (!InputRequestRelay.asksForInput(outcome)) {
      return new InputRequestRelay.Relayed.Done(outcome);
    }
    return inputRelay.relay(x.context, x.channel, outcome, reinvoke);
  }

  @Override
  public boolean returnsInputRequired() {
    return false;
  }

  @Override
  public Outcome.InputRequired inputRequired(
      Exchange x, JsonNode payload, String method, String target) {
    throw new IllegalStateException("input_required results exist in 2026-07-28 only");
  }
}
