package dev.mcplambda.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.json.Json;
import java.util.Map;

/** The JSON-RPC bodies and the Function URL event the benchmarks send. */
public final class McpMessages {

  public static final String STATELESS_VERSION = "2026-07-28";
  public static final String SESSION_VERSION = "2025-11-25";
  public static final String PRINCIPAL = "arn:aws:iam::123456789012:user/bench";

  private McpMessages() {}

  /** A 2026-07-28 stateless request: {@code _meta} envelope in params. */
  public static ObjectNode stateless(int id, String method, ObjectNode params) {
    ObjectNode p = params == null ? Json.mapper().createObjectNode() : params;
    ObjectNode meta = p.putObject("_meta");
    meta.put("io.modelcontextprotocol/protocolVersion", STATELESS_VERSION);
    meta.putObject("io.modelcontextprotocol/clientCapabilities");
    meta.putObject("io.modelcontextprotocol/clientInfo")
        .put("name", "mcp-lambda-bench")
        .put("version", "1");
    return request(id, method, p);
  }

  /** The params of a 2024-11-05 {@code initialize} (legacy HTTP+SSE sessions). */
  public static ObjectNode legacyInitializeParams() {
    ObjectNode params = Json.mapper().createObjectNode();
    params.put("protocolVersion", "2024-11-05");
    params.putObject("capabilities");
    params.putObject("clientInfo").put("name", "mcp-lambda-bench").put("version", "1");
    return params;
  }

  public static ObjectNode request(int id, String method, ObjectNode params) {
    ObjectNode r = Json.mapper().createObjectNode();
    r.put("jsonrpc", "2.0");
    r.put("id", id);
    r.put("method", method);
    if (params != null) {
      r.set("params", params);
    }
    return r;
  }

  public static ObjectNode echoCallParams(String message) {
    ObjectNode p = Json.mapper().createObjectNode();
    p.put("name", "echo");
    p.putObject("arguments").put("message", message);
    return p;
  }

  /** Headers of a 2026 stateless POST /mcp. */
  public static Map<String, String> statelessHeaders(String method, String name) {
    return name == null
        ? Map.of(
            "Content-Type",
            "application/json",
            "Accept",
            "application/json, text/event-stream",
            "MCP-Protocol-Version",
            STATELESS_VERSION,
            "Mcp-Method",
            method)
        : Map.of(
            "Content-Type", "application/json",
            "Accept", "application/json, text/event-stream",
            "MCP-Protocol-Version", STATELESS_VERSION,
            "Mcp-Method", method,
            "Mcp-Name", name);
  }

  /** Headers of a 2025-11-25 stateless Streamable HTTP POST (peers). */
  public static Map<String, String> sessionEraHeaders() {
    return Map.of(
        "Content-Type", "application/json",
        "Accept", "application/json, text/event-stream",
        "MCP-Protocol-Version", SESSION_VERSION);
  }

  /** A Function URL (payload 2.0) event for {@code POST /mcp} with this body and headers. */
  public static byte[] functionUrlEvent(String body, Map<String, String> headers) {
    ObjectNode e = Json.mapper().createObjectNode();
    e.put("version", "2.0");
    e.put("routeKey", "$default");
    e.put("rawPath", "/mcp");
    e.put("rawQueryString", "");
    ObjectNode h = e.putObject("headers");
    headers.forEach((k, v) -> h.put(k.toLowerCase(java.util.Locale.ROOT), v));
    h.put("host", "bench.lambda-url.us-east-1.on.aws");
    ObjectNode rc = e.putObject("requestContext");
    rc.put("accountId", "123456789012");
    rc.put("apiId", "bench");
    ObjectNode iam = rc.putObject("authorizer").putObject("iam");
    iam.put("accessKey", "AKIABENCHBENCHBENCH0");
    iam.put("accountId", "123456789012");
    iam.put("callerId", "AIDABENCHBENCHBENCH0");
    iam.put("userArn", PRINCIPAL);
    iam.put("userId", "AIDABENCHBENCHBENCH0");
    rc.put("domainName", "bench.lambda-url.us-east-1.on.aws");
    rc.put("domainPrefix", "bench");
    ObjectNode http = rc.putObject("http");
    http.put("method", "POST");
    http.put("path", "/mcp");
    http.put("protocol", "HTTP/1.1");
    http.put("sourceIp", "127.0.0.1");
    http.put("userAgent", "mcp-lambda-bench");
    rc.put("requestId", "bench-request-1");
    rc.put("routeKey", "$default");
    rc.put("stage", "$default");
    rc.put("time", "26/Nov/2026:10:00:00 +0000");
    rc.put("timeEpoch", System.currentTimeMillis());
    e.put("body", body);
    e.put("isBase64Encoded", false);
    try {
      return Json.mapper().writeValueAsBytes(e);
    } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
      throw new IllegalStateException(ex);
    }
  }

  public static String json(ObjectNode node) {
    try {
      return Json.mapper().writeValueAsString(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
      throw new IllegalStateException(ex);
    }
  }
}
