package dev.mcplambda.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.json.Json;
import dev.mcplambda.registry.EntryType;
import dev.mcplambda.registry.RegistryEntry;

/** Registry entries the benchmarks register: the echo tool and numbered catalog fillers. */
public final class EchoEntries {

  public static final String ECHO_ARN = "arn:aws:lambda:us-east-1:123456789012:function:echo";

  private EchoEntries() {}

  public static JsonNode messageSchema() {
    ObjectNode s = Json.mapper().createObjectNode();
    s.put("type", "object");
    s.putObject("properties").putObject("message").put("type", "string");
    s.putArray("required").add("message");
    return s;
  }

  public static RegistryEntry tool(String name, String description, String arn) {
    return RegistryEntry.builder(EntryType.TOOL, name)
        .id("tool-" + name)
        .description(description)
        .lambdaArn(arn)
        .inputSchema(messageSchema())
        .build();
  }

  public static RegistryEntry echo() {
    return tool("echo", "Echoes the message back", ECHO_ARN);
  }
}
