package dev.mcplambda.bench.peer;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The MCP Java SDK peers' common part: the SDK's stateless Streamable HTTP transport (a servlet) on
 * Jetty 12, serving {@code POST /mcp} on 127.0.0.1 with one {@code echo} tool whose arguments go to
 * the given handler.
 */
final class JavaSdkPeerServer {

  private JavaSdkPeerServer() {}

  /** Starts the server and blocks until it stops. */
  static void serve(
      int port, String name, Function<Map<String, Object>, McpSchema.CallToolResult> echo)
      throws Exception {
    HttpServletStatelessServerTransport transport =
        HttpServletStatelessServerTransport.builder().messageEndpoint("/mcp").build();
    McpSchema.Tool tool =
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
        .serverInfo(name, "1.0.0")
        .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
        .tools(
            McpStatelessServerFeatures.SyncToolSpecification.builder()
                .tool(tool)
                .callHandler((ctx, request) -> echo.apply(request.arguments()))
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
    System.out.println(name + " listening on " + port);
    server.join();
  }
}
