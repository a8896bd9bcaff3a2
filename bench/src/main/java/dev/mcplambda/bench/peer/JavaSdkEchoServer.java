package dev.mcplambda.bench.peer;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Peer for the HTTP benchmark: the official MCP Java SDK's stateless Streamable HTTP transport (a
 * servlet) on Jetty 12, serving an echo tool equivalent to ours. Usage: {@code JavaSdkEchoServer
 * PORT}; serves {@code POST /mcp} on 127.0.0.1.
 */
public final class JavaSdkEchoServer {

  private JavaSdkEchoServer() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    HttpServletStatelessServerTransport transport =
        HttpServletStatelessServerTransport.builder().messageEndpoint("/mcp").build();
    McpSchema.Tool echo =
        McpSchema.Tool.builder()
            .name("echo")
            .description("Echoes the message back")
            .inputSchema(
                Map.of(
                    "type", "object",
                    "properties", Map.of("message", Map.of("type", "string")),
                    "required", List.of("message")))
            .build();
    McpServer.sync(transport)
        .serverInfo("java-sdk-echo", "1.0.0")
        .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
        .tools(
            McpStatelessServerFeatures.SyncToolSpecification.builder()
                .tool(echo)
                .callHandler(
                    (ctx, request) -> {
                      Object message = request.arguments().get("message");
                      String text = message == null ? "" : message.toString();
                      return McpSchema.CallToolResult.builder()
                          .addTextContent(text)
                          .structuredContent(Map.of("message", text))
                          .build();
                    })
                .build())
        .build();

    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    context.addServlet(new ServletHolder(transport), "/mcp");
    server.setHandler(context);
    server.start();
    System.out.println("java-sdk-echo listening on " + port);
    server.join();
  }
}
