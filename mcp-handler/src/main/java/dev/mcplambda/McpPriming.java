package dev.mcplambda;

import dev.mcplambda.invoke.LambdaEndpoint;
import dev.mcplambda.protocol.McpDispatcher;
import dev.mcplambda.runtime.HandlerPriming;
import dev.mcplambda.runtime.StreamingHandler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What the MCP function primes before a SnapStart snapshot (issue 11): 2026-07-28 stateless {@code
 * tools/list}, {@code prompts/list}, {@code resources/list} and a {@code tools/call} of a tool that
 * does not exist (the whole call path up to the invoker, without invoking anything), plus the
 * Lambda request signer and {@code HttpURLConnection} ({@link LambdaEndpoint#primeClasses}: no
 * request is sent, so no kept-alive connection goes into the snapshot) and the JSON Schema
 * validator ({@link McpDispatcher#prime}). In the DynamoDB configuration {@code tools/list} reads
 * the registry table, which loads and links the DynamoDB client. No session is created: 2025 {@code
 * initialize} would write one.
 */
final class McpPriming {

  /** Rounds of the synthetic requests: enough for the interpreter profiles, short at init. */
  static final int ROUNDS = 20;

  private McpPriming() {}

  /**
   * The hook: {@code handler} serves the synthetic requests; before them the Lambda signer is
   * loaded and {@code dispatcher} builds what it builds lazily ({@link McpDispatcher#prime}: the
   * schema validator, which the no-such-tool {@code tools/call} does not reach).
   */
  static HandlerPriming hook(StreamingHandler handler, McpDispatcher dispatcher) {
    return new HandlerPriming(
        handler,
        events(),
        ROUNDS,
        () -> {
          LambdaEndpoint.primeClasses();
          dispatcher.prime();
        });
  }

  static List<byte[]> events() {
    List<byte[]> events = new ArrayList<>();
    events.add(post("tools/list", null, "{}"));
    events.add(post("prompts/list", null, "{}"));
    events.add(post("resources/list", null, "{}"));
    events.add(
        post(
            "tools/call",
            "mcp-lambda-priming-no-such-tool",
            "{\"name\":\"mcp-lambda-priming-no-such-tool\",\"arguments\":{}}"));
    return events;
  }

  /** A Function URL event of a 2026-07-28 stateless POST /mcp with an IAM principal. */
  private static byte[] post(String method, String name, String params) {
    String meta =
        "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
            + "\"io.modelcontextprotocol/clientCapabilities\":{},"
            + "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"priming\",\"version\":\"1\"}}";
    String p =
        params.equals("{}")
            ? "{" + meta + "}"
            : params.substring(0, params.length() - 1) + "," + meta + "}";
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + p + "}";
    String headers =
        "\"content-type\":\"application/json\",\"accept\":\"application/json, text/event-stream\","
            + "\"mcp-protocol-version\":\"2026-07-28\",\"mcp-method\":\""
            + method
            + "\""
            + (name == null ? "" : ",\"mcp-name\":\"" + name + "\"")
            + ",\"host\":\"priming.lambda-url.us-east-1.on.aws\"";
    String event =
        "{\"version\":\"2.0\",\"routeKey\":\"$default\",\"rawPath\":\"/mcp\",\"rawQueryString\":\"\","
            + "\"headers\":{"
            + headers
            + "},\"requestContext\":{\"accountId\":\"000000000000\",\"requestId\":\"priming\","
            + "\"authorizer\":{\"iam\":{\"accessKey\":\"AKIAPRIMING\",\"accountId\":\"000000000000\","
            + "\"callerId\":\"AIDAPRIMING\",\"userArn\":\"arn:aws:iam::000000000000:user/priming\","
            + "\"userId\":\"AIDAPRIMING\"}},\"domainName\":\"priming.lambda-url.us-east-1.on.aws\","
            + "\"http\":{\"method\":\"POST\",\"path\":\"/mcp\",\"protocol\":\"HTTP/1.1\","
            + "\"sourceIp\":\"127.0.0.1\",\"userAgent\":\"priming\"},\"timeEpoch\":1},"
            + "\"body\":"
            + dev.mcplambda.json.Json.write(dev.mcplambda.json.Json.nodes().textNode(body))
            + ",\"isBase64Encoded\":false}";
    return event.getBytes(StandardCharsets.UTF_8);
  }
}
