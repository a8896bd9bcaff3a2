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
    InvocationContext invocation) {}
