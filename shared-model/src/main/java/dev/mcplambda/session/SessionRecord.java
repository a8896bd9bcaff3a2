package dev.mcplambda.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The {@code meta} item of a session (DESIGN §4). Wire record: append fields only.
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
    JsonNode subscriptions) {}
