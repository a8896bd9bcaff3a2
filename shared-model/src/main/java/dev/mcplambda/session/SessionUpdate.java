package dev.mcplambda.session;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The meta-item attributes one {@link SessionStore#update} sets; {@code null} components are left
 * as stored. Writing only what changed is what keeps concurrent updates of different attributes (a
 * touch of {@code lastSeenAt} racing a {@code logging/setLevel}) from undoing each other.
 * Subscriptions change through {@link SessionStore#updateSubscriptions} instead.
 *
 * @param expiresAt epoch seconds; {@code 0} removes the expiry
 */
public record SessionUpdate(
    String protocolVersion,
    JsonNode clientInfo,
    JsonNode clientCapabilities,
    String logLevel,
    Long lastSeenAt,
    Long expiresAt) {

  /** {@code logging/setLevel}. */
  public static SessionUpdate logLevel(String level) {
    return new SessionUpdate(null, null, null, level, null, null);
  }

  /** A request arrived: {@code lastSeenAt} (epoch millis) and the expiry it extends to. */
  public static SessionUpdate seen(long lastSeenAt, long expiresAt) {
    return new SessionUpdate(null, null, null, null, lastSeenAt, expiresAt);
  }

  /** What a (legacy) {@code initialize} negotiated, and the time it was seen. */
  public static SessionUpdate initialized(
      String protocolVersion,
      JsonNode clientInfo,
      JsonNode clientCapabilities,
      long lastSeenAt,
      long expiresAt) {
    return new SessionUpdate(
        protocolVersion, clientInfo, clientCapabilities, null, lastSeenAt, expiresAt);
  }

  /** {@code record} with these changes applied. */
  public SessionRecord applyTo(SessionRecord record) {
    SessionRecord.Builder next = record.toBuilder();
    if (protocolVersion != null) {
      next.protocolVersion(protocolVersion);
    }
    if (clientInfo != null) {
      next.clientInfo(clientInfo);
    }
    if (clientCapabilities != null) {
      next.clientCapabilities(clientCapabilities);
    }
    if (logLevel != null) {
      next.logLevel(logLevel);
    }
    if (lastSeenAt != null) {
      next.lastSeenAt(lastSeenAt);
    }
    if (expiresAt != null) {
      next.expiresAt(expiresAt);
    }
    return next.build();
  }
}
