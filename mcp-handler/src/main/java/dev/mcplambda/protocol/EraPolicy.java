package dev.mcplambda.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.invoke.InvocationOutcome;
import java.util.function.BiFunction;

/**
 * What differs between the session eras (2024-11-05 legacy SSE and the 2025 Streamable HTTP
 * revisions: {@link Sessions2025}) and the stateless 2026-07-28 revision ({@link Stateless2026}):
 * which methods exist, how the per-request {@code _meta} envelope is read and results are
 * decorated, how a function asks the client for input, and which error codes apply.
 */
sealed interface EraPolicy permits Sessions2025, Stateless2026 {

  /** Whether {@code method} (one the dispatcher serves in some era) exists in this era. */
  boolean offers(String method);

  /**
   * Reads what the request itself says about the client (2026-07-28 {@code _meta}: version,
   * capabilities, log level) into {@code x}; throws a {@link ProtocolException} when it is
   * malformed.
   */
  void readEnvelope(Exchange x);

  /** Completes a result for the wire (2026-07-28: {@code resultType}, caching, serverInfo). */
  void finish(Exchange x, ObjectNode result);

  /** Whether results use the stateless revision's shapes ({@link FunctionResults}). */
  boolean stateless();

  /** The error code of "Resource not found". */
  int resourceNotFoundCode();

  /**
   * The input responses and function state a 2026-07-28 retry carries ({@link
   * MultiRoundTrip.Retry#NONE} otherwise).
   */
  MultiRoundTrip.Retry retry(Exchange x, ObjectNode params, String method, String target);

  /**
   * A function's {@code input_required} outcome in the session eras: asks the client through
   * server-to-client requests and runs the function again with the answers ({@link
   * InputRequestRelay}). Returns {@code outcome} unchanged where it does not apply.
   */
  InputRequestRelay.Relayed relayInput(
      Exchange x,
      InvocationOutcome outcome,
      BiFunction<ObjectNode, String, InvocationOutcome> reinvoke);

  /** Whether a function's {@code input_required} result goes to the client as it is (MRTR). */
  boolean returnsInputRequired();

  /**
   * The client's {@code InputRequiredResult} for a function's {@code input_required} payload; only
   * when {@link #returnsInputRequired()}.
   */
  Outcome.InputRequired inputRequired(Exchange x, JsonNode payload, String method, String target)
      throws MalformedResultException;
}
