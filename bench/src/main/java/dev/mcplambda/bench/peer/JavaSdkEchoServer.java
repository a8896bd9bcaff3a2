package dev.mcplambda.bench.peer;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;

/**
 * Peer for the HTTP benchmark: the official MCP Java SDK's stateless Streamable HTTP transport on
 * Jetty 12, serving an echo tool equivalent to ours in process. Usage: {@code JavaSdkEchoServer
 * PORT}; serves {@code POST /mcp} on 127.0.0.1.
 */
public final class JavaSdkEchoServer {

  private JavaSdkEchoServer() {}

  public static void main(String[] args) throws Exception {
    JavaSdkPeerServer.serve(
        Integer.parseInt(args[0]),
        "java-sdk-echo",
        arguments -> {
          Object message = arguments.get("message");
          String text = message == null ? "" : message.toString();
          return McpSchema.CallToolResult.builder()
              .addTextContent(text)
              .structuredContent(Map.of("message", text))
              .build();
        });
  }
}
