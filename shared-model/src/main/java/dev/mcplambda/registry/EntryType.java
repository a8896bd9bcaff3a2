package dev.mcplambda.registry;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a registry entry offers to MCP clients. Serialised as {@code tool|resource|prompt}. */
public enum EntryType {
  TOOL,
  RESOURCE,
  PROMPT;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses the wire name; returns {@code null} for anything else (validation reports it). */
  @JsonCreator
  public static EntryType fromWire(String value) {
    if (value == null) {
      return null;
    }
    for (EntryType t : values()) {
      if (t.wireName().equals(value)) {
        return t;
      }
    }
    return null;
  }

  /** The registry id of an entry of this type: the seed's {@code {type}-{name}} rule. */
  public String idFor(String name) {
    return wireName() + "-" + name;
  }
}
