package dev.mcplambda.transport;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * A tool's {@code inputSchema} by name, for validating {@code Mcp-Param-*} headers ({@code
 * x-mcp-header}) against a 2026-07-28 {@code tools/call} body.
 */
@FunctionalInterface
public interface ToolInputSchemas {

  Optional<JsonNode> inputSchema(String toolName);

  /** No schemas: no {@code Mcp-Param-*} validation. */
  ToolInputSchemas NONE = name -> Optional.empty();
}
