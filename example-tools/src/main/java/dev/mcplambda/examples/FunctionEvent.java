package dev.mcplambda.examples;

import java.util.Map;

/**
 * Reads the orchestrator's event (README: Writing tool functions): tools and prompts get {@code
 * {"args", "extra"}}, resources {@code {"action", "uri", "variables", "extra"}}. Missing parts read
 * as empty.
 */
public record FunctionEvent(Map<String, Object> raw) {

  public FunctionEvent {
    raw = raw == null ? Map.of() : raw;
  }

  public Map<String, Object> args() {
    return mapAt(raw, "args");
  }

  public Map<String, Object> extra() {
    return mapAt(raw, "extra");
  }

  public Map<String, Object> variables() {
    return mapAt(raw, "variables");
  }

  public String action() {
    return stringAt(raw, "action");
  }

  public String uri() {
    return stringAt(raw, "uri");
  }

  /** An argument as a string, or {@code null}. */
  public String arg(String name) {
    return stringAt(args(), name);
  }

  /** The MRTR answers the client gave, keyed like the {@code inputRequests} that asked. */
  public Map<String, Object> inputResponses() {
    return mapAt(extra(), "inputResponses");
  }

  /** The opaque state the function returned in the previous round, or {@code null}. */
  public String requestState() {
    return stringAt(extra(), "requestState");
  }

  /** The caller's declared client capabilities (2026-07-28 {@code _meta}), or empty. */
  public Map<String, Object> clientCapabilities() {
    return mapAt(extra(), "clientCapabilities");
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> mapAt(Map<String, Object> map, String key) {
    Object v = map == null ? null : map.get(key);
    return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  public static String stringAt(Map<String, Object> map, String key) {
    Object v = map == null ? null : map.get(key);
    return v == null ? null : String.valueOf(v);
  }
}
