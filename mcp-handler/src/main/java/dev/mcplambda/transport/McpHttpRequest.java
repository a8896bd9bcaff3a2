package dev.mcplambda.transport;

import dev.mcplambda.runtime.InvocationContext;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP request as the transports see it, after the handler checked the basics (route, header
 * hygiene, origin, principal, body size): header names lower-cased, the body decoded.
 *
 * @param method the HTTP method, upper case
 * @param path the request path ({@code /mcp}, {@code /sse}, {@code /message})
 * @param headers header values by lower-cased name
 * @param query query parameters
 * @param body the decoded body (empty, never {@code null})
 * @param principal the caller's IAM ARN
 * @param invocation the invocation (request id, deadline)
 */
public record McpHttpRequest(
    String method,
    String path,
    Map<String, String> headers,
    Map<String, String> query,
    byte[] body,
    String principal,
    InvocationContext invocation) {

  /** The header's value with surrounding whitespace removed (RFC 9110 OWS), or {@code null}. */
  public String header(String name) {
    String v = headers.get(name.toLowerCase(Locale.ROOT));
    return v == null ? null : v.strip();
  }

  /** This request served under another invocation context (a stream's shorter deadline). */
  public McpHttpRequest withInvocation(InvocationContext context) {
    return new McpHttpRequest(method, path, headers, query, body, principal, context);
  }

  public String queryParameter(String name) {
    return query.get(name);
  }
}
