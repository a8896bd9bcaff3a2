package dev.mcplambda.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The server's {@code Implementation} ({@code initialize} {@code serverInfo}, 2026 {@code _meta}
 * {@code io.modelcontextprotocol/serverInfo}) and optional {@code instructions}.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record ServerInfo(String name, String version, String title, String instructions) {

  public static final ServerInfo DEFAULT =
      new ServerInfo("mcp-lambda", "0.1.0", "mcp-lambda", null);
}
