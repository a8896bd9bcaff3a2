package dev.mcplambda.transport;

import dev.mcplambda.protocol.Era;
import dev.mcplambda.protocol.RequestSummary;

/**
 * What a transport reports about one HTTP request, for the request log line. Never carries
 * arguments, results or credentials.
 *
 * @param status the HTTP status sent
 * @param era the era the request was served in, or {@code null} when it was refused before
 * @param rpcMethod the JSON-RPC method, or {@code null}
 * @param target the tool or prompt name or resource uri, or {@code null}
 * @param lambdaMillis time spent invoking a function, or {@code null}
 * @param outcome {@code ok}, {@code error}, {@code tool_error}, {@code input_required}, {@code
 *     notification}, {@code accepted}, {@code stream}, {@code rejected}, …
 * @param errorCode the JSON-RPC error code, or {@code null}
 * @param detail a short machine-friendly reason, or {@code null}
 */
public record TransportOutcome(
    int status,
    Era era,
    String rpcMethod,
    String target,
    Long lambdaMillis,
    String outcome,
    Integer errorCode,
    String detail) {

  /** Refused by the transport itself (bad input, unknown session, …). */
  public static TransportOutcome rejected(int status, Era era, String detail) {
    return new TransportOutcome(status, era, null, null, null, "rejected", null, detail);
  }

  /** Refused with a JSON-RPC error before reaching the dispatcher. */
  public static TransportOutcome rejected(
      int status, Era era, String rpcMethod, int errorCode, String detail) {
    return new TransportOutcome(status, era, rpcMethod, null, null, "rejected", errorCode, detail);
  }

  /** A request served by the dispatcher. */
  public static TransportOutcome served(int status, Era era, RequestSummary summary) {
    return new TransportOutcome(
        status,
        era,
        summary.method(),
        summary.target(),
        summary.lambdaMillis(),
        summary.outcome(),
        summary.errorCode(),
        summary.detail());
  }

  /** A message without a response to send (notification, client response): 202. */
  public static TransportOutcome accepted(Era era, String rpcMethod, String outcome) {
    return new TransportOutcome(202, era, rpcMethod, null, null, outcome, null, null);
  }

  /** A long-lived stream that ran to its end (200); {@code detail} says how it ended. */
  public static TransportOutcome stream(Era era, String rpcMethod, String detail) {
    return new TransportOutcome(200, era, rpcMethod, null, null, "stream", null, detail);
  }

  /** Handled without a JSON-RPC exchange ({@code DELETE} of a session, …). */
  public static TransportOutcome handled(int status, Era era, String outcome) {
    return new TransportOutcome(status, era, null, null, null, outcome, null, null);
  }

  public TransportOutcome withOutcome(String newOutcome) {
    return new TransportOutcome(
        status, era, rpcMethod, target, lambdaMillis, newOutcome, errorCode, detail);
  }
}
