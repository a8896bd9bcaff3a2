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
    return new SessionRecord(
        record.sessionId(),
        record.principal(),
        record.era(),
        protocolVersion != null ? protocolVersion : record.protocolVersion(),
        clientInfo != null ? clientInfo : record.clientInfo(),
        clientCapabilities != null ? clientCapabilities : record.clientCapabilities(),
        logLevel != null ? logLevel : record.logLevel(),
        record.createdAt(),
        lastSeenAt != null ? lastSeenAt : record.lastSeenAt(),
        expiresAt != null ? expiresAt : record.expiresAt(),
        record.subscriptions());
  }
}
