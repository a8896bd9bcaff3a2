package dev.mcplambda.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The {@code meta} item of a session (tables: template.yaml, storage). Wire record: append fields
 * only.
 *
 * @param principal the IAM ARN that created the session; other principals get 404
 * @param era {@code legacy-sse} (2024-11-05 HTTP+SSE) or {@code streamable-http} (2025 revisions)
 * @param protocolVersion the negotiated MCP protocol version
 * @param logLevel the level set by {@code logging/setLevel}, or {@code null}
 * @param createdAt epoch millis
 * @param lastSeenAt epoch millis
 * @param expiresAt epoch seconds (the DynamoDB TTL attribute)
 * @param subscriptions JSON state the protocol layer keeps (e.g. resource subscriptions)
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record SessionRecord(
    String sessionId,
    String principal,
    String era,
    String protocolVersion,
    JsonNode clientInfo,
    JsonNode clientCapabilities,
    String logLevel,
    long createdAt,
    long lastSeenAt,
    long expiresAt,
    JsonNode subscriptions) {

  /** A builder for a session with this id, bound to this principal; other fields start empty. */
  public static Builder builder(String sessionId, String principal) {
    return new Builder().sessionId(sessionId).principal(principal);
  }

  /** A builder holding this record's fields. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.sessionId = sessionId;
    b.principal = principal;
    b.era = era;
    b.protocolVersion = protocolVersion;
    b.clientInfo = clientInfo;
    b.clientCapabilities = clientCapabilities;
    b.logLevel = logLevel;
    b.createdAt = createdAt;
    b.lastSeenAt = lastSeenAt;
    b.expiresAt = expiresAt;
    b.subscriptions = subscriptions;
    return b;
  }

  /** Builds a {@link SessionRecord} by field name instead of by position. */
  public static final class Builder {
    private String sessionId;
    private String principal;
    private String era;
    private String protocolVersion;
    private JsonNode clientInfo;
    private JsonNode clientCapabilities;
    private String logLevel;
    private long createdAt;
    private long lastSeenAt;
    private long expiresAt;
    private JsonNode subscriptions;

    private Builder() {}

    public Builder sessionId(String sessionId) {
      this.sessionId = sessionId;
      return this;
    }

    public Builder principal(String principal) {
      this.principal = principal;
      return this;
    }

    public Builder era(String era) {
      this.era = era;
      return this;
    }

    public Builder protocolVersion(String protocolVersion) {
      this.protocolVersion = protocolVersion;
      return this;
    }

    public Builder clientInfo(JsonNode clientInfo) {
      this.clientInfo = clientInfo;
      return this;
    }

    public Builder clientCapabilities(JsonNode clientCapabilities) {
      this.clientCapabilities = clientCapabilities;
      return this;
    }

    public Builder logLevel(String logLevel) {
      this.logLevel = logLevel;
      return this;
    }

    public Builder createdAt(long createdAt) {
      this.createdAt = createdAt;
      return this;
    }

    public Builder lastSeenAt(long lastSeenAt) {
      this.lastSeenAt = lastSeenAt;
      return this;
    }

    public Builder expiresAt(long expiresAt) {
      this.expiresAt = expiresAt;
      return this;
    }

    public Builder subscriptions(JsonNode subscriptions) {
      this.subscriptions = subscriptions;
      return this;
    }

    public SessionRecord build() {
      return new SessionRecord(
          sessionId,
          principal,
          era,
          protocolVersion,
          clientInfo,
          clientCapabilities,
          logLevel,
          createdAt,
          lastSeenAt,
          expiresAt,
          subscriptions);
    }
  }
}
