package dev.mcplambda.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.json.Json;

/**
 * The server's {@code Implementation} ({@code initialize} {@code serverInfo}, 2026 {@code _meta}
 * {@code io.modelcontextprotocol/serverInfo}) and optional {@code instructions}.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record ServerInfo(String name, String version, String title, String instructions) {

  public static final ServerInfo DEFAULT =
      new ServerInfo("mcp-lambda", "0.1.0", "mcp-lambda", null);

  /** The {@code Implementation} object for a client speaking {@code version}. */
  ObjectNode implementation(String version) {
    ObjectNode info = Json.object();
    info.put("name", name);
    info.put("version", this.version);
    if (title != null && ProtocolVersions.atLeast(version, ProtocolVersions.V2025_06_18)) {
      info.put("title", title);
    }
    return info;
  }
}
