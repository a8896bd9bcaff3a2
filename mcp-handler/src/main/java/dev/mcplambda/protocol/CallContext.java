package dev.mcplambda.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcplambda.runtime.InvocationContext;
import dev.mcplambda.session.SessionRecord;

/**
 * Who is asking and in what context, as the transport established it.
 *
 * @param era the transport era
 * @param protocolVersion the negotiated (2025 sessions) or per-request (2026 {@code _meta})
 *     protocol version; {@code null} before {@code initialize}
 * @param principal the caller's IAM ARN ({@code requestContext.authorizer.iam.userArn})
 * @param session the session, or {@code null} for stateless requests and {@code initialize}
 * @param clientCapabilities from the session or from the 2026 {@code _meta}; may be {@code null}
 * @param clientInfo from the session or from the 2026 {@code _meta}; may be {@code null}
 * @param logLevel the minimum log level to forward ({@code logging/setLevel} or 2026 {@code _meta}
 *     {@code io.modelcontextprotocol/logLevel}); {@code null} means send no log notifications
 * @param invocation the Lambda invocation (request id, deadline)
 */
public record CallContext(
    Era era,
    String protocolVersion,
    String principal,
    SessionRecord session,
    JsonNode clientCapabilities,
    JsonNode clientInfo,
    String logLevel,
    InvocationContext invocation) {

  /** A request on a 2025 session (or a 2024-11-05 one): version, client and log level from it. */
  public static CallContext ofSession(
      Era era, SessionRecord session, String principal, InvocationContext invocation) {
    return new CallContext(
        era,
        session.protocolVersion(),
        principal,
        session,
        session.clientCapabilities(),
        session.clientInfo(),
        session.logLevel(),
        invocation);
  }

  /** An {@code initialize} request: no session yet, the client as its params describe it. */
  public static CallContext initializing(
      Era era,
      JsonNode clientCapabilities,
      JsonNode clientInfo,
      String principal,
      InvocationContext invocation) {
    return new CallContext(
        era, null, principal, null, clientCapabilities, clientInfo, null, invocation);
  }

  /**
   * A 2026-07-28 stateless message: version, client and log level from the envelope {@link
   * Stateless2026#read} returned, or none for a notification ({@code envelope} {@code null}: the
   * dispatcher reads nothing of a notification's envelope).
   */
  public static CallContext stateless(
      Stateless2026.Envelope envelope, String principal, InvocationContext invocation) {
    return envelope == null
        ? new CallContext(Era.STATELESS, null, principal, null, null, null, null, invocation)
        : new CallContext(
            Era.STATELESS,
            envelope.protocolVersion(),
            principal,
            null,
            envelope.clientCapabilities(),
            envelope.clientInfo(),
            envelope.logLevel(),
            invocation);
  }
}
