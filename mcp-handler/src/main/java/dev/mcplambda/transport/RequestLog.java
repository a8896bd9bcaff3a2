package dev.mcplambda.transport;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.json.Json;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One structured JSON line per MCP request on the logger {@code dev.mcplambda.requests}: request
 * id, principal, HTTP method and path, era, JSON-RPC method, tool/resource/prompt name, Lambda
 * latency, HTTP status, outcome and total duration. Never arguments, results, session ids or
 * credentials. Every value that came from the request is clipped and JSON-escaped (control
 * characters included), so a client cannot forge or split log lines.
 */
public final class RequestLog {

  private static final Logger LOG = LoggerFactory.getLogger("dev.mcplambda.requests");
  private static final int MAX_VALUE = 256;

  /** The line's fields. */
  public record Entry(
      String requestId,
      String principal,
      String httpMethod,
      String path,
      TransportOutcome outcome,
      long durationMillis) {}

  /** Writes the line at INFO. */
  public void write(Entry entry) {
    if (LOG.isInfoEnabled()) {
      LOG.info("{}", line(entry));
    }
  }

  /** The JSON line (exposed for tests). */
  public static String line(Entry e) {
    ObjectNode n = Json.object();
    put(n, "requestId", e.requestId());
    put(n, "principal", e.principal());
    put(n, "httpMethod", e.httpMethod());
    put(n, "path", e.path());
    TransportOutcome o = e.outcome();
    n.put("status", o.status());
    if (o.era() != null) {
      n.put("era", o.era().name().toLowerCase(Locale.ROOT));
    }
    put(n, "method", o.rpcMethod());
    put(n, "target", o.target());
    if (o.lambdaMillis() != null) {
      n.put("lambdaMs", o.lambdaMillis());
    }
    put(n, "outcome", o.outcome());
    if (o.errorCode() != null) {
      n.put("errorCode", o.errorCode());
    }
    put(n, "detail", o.detail());
    n.put("durationMs", e.durationMillis());
    return Json.write(n);
  }

  private static void put(ObjectNode n, String key, String value) {
    if (value != null) {
      n.put(key, value.length() <= MAX_VALUE ? value : value.substring(0, MAX_VALUE) + "…");
    }
  }
}
