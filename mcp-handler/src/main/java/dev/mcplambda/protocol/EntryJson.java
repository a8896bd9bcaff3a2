package dev.mcplambda.protocol;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.json.Json;
import dev.mcplambda.registry.PromptArgument;
import dev.mcplambda.registry.RegistryEntry;

/**
 * Registry entries as MCP list items ({@code Tool}, {@code Resource}, {@code ResourceTemplate},
 * {@code Prompt}) for a protocol revision: {@code title} and {@code outputSchema} from 2025-06-18,
 * tool {@code annotations} from 2025-03-26; the registration-only fields ({@code lambdaArn}, {@code
 * allowedPrincipals}, {@code enumValues}, {@code completions}, …) never appear.
 */
final class EntryJson {

  private EntryJson() {}

  static ObjectNode tool(RegistryEntry e, String version) {
    boolean v0618 = ProtocolVersions.atLeast(version, ProtocolVersions.V2025_06_18);
    ObjectNode t = Json.object();
    t.put("name", e.name());
    if (v0618 && e.title() != null) {
      t.put("title", e.title());
    }
    if (e.description() != null) {
      t.put("description", e.description());
    }
    if (e.inputSchema() != null && e.inputSchema().isObject()) {
      t.set("inputSchema", e.inputSchema());
    } else {
      t.putObject("inputSchema").put("type", "object");
    }
    if (v0618 && e.outputSchema() != null) {
      t.set("outputSchema", e.outputSchema());
    }
    if (e.annotations() != null
        && e.annotations().isObject()
        && ProtocolVersions.atLeast(version, ProtocolVersions.V2025_03_26)) {
      t.set("annotations", e.annotations());
    }
    return t;
  }

  static ObjectNode resource(RegistryEntry e, String version, boolean template) {
    ObjectNode r = Json.object();
    if (template) {
      r.put("uriTemplate", e.uriTemplate());
    } else {
      r.put("uri", e.uri());
    }
    r.put("name", e.name());
    if (e.title() != null && ProtocolVersions.atLeast(version, ProtocolVersions.V2025_06_18)) {
      r.put("title", e.title());
    }
    if (e.description() != null) {
      r.put("description", e.description());
    }
    if (e.mimeType() != null) {
      r.put("mimeType", e.mimeType());
    }
    return r;
  }

  static ObjectNode prompt(RegistryEntry e, String version) {
    boolean v0618 = ProtocolVersions.atLeast(version, ProtocolVersions.V2025_06_18);
    ObjectNode p = Json.object();
    p.put("name", e.name());
    if (v0618 && e.title() != null) {
      p.put("title", e.title());
    }
    if (e.description() != null) {
      p.put("description", e.description());
    }
    if (e.arguments() != null && !e.arguments().isEmpty()) {
      ArrayNode args = p.putArray("arguments");
      for (PromptArgument a : e.arguments()) {
        ObjectNode arg = args.addObject();
        arg.put("name", a.name());
        if (v0618 && a.title() != null) {
          arg.put("title", a.title());
        }
        if (a.description() != null) {
          arg.put("description", a.description());
        }
        if (a.required() != null) {
          arg.put("required", a.required());
        }
      }
    }
    return p;
  }
}
