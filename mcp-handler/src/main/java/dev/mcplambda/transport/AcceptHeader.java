package dev.mcplambda.transport;

import java.util.Locale;

/**
 * What an {@code Accept} header allows among the two response types MCP uses. A missing or blank
 * header accepts everything; {@code q=0} excludes a type.
 *
 * @param json {@code application/json} is acceptable
 * @param sse {@code text/event-stream} is acceptable
 */
public record AcceptHeader(boolean json, boolean sse) {

  public static AcceptHeader parse(String value) {
    if (value == null || value.isBlank()) {
      return new AcceptHeader(true, true);
    }
    boolean json = false;
    boolean sse = false;
    for (String range : value.split(",")) {
      String[] parts = range.split(";");
      String type = parts[0].strip().toLowerCase(Locale.ROOT);
      if (excluded(parts)) {
        continue;
      }
      switch (type) {
        case "*/*" -> {
          json = true;
          sse = true;
        }
        case "application/*", "application/json" -> json = true;
        case "text/*", "text/event-stream" -> sse = true;
        default -> {
          // other types say nothing about ours
        }
      }
    }
    return new AcceptHeader(json, sse);
  }

  public boolean any() {
    return json || sse;
  }

  private static boolean excluded(String[] parts) {
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].strip().toLowerCase(Locale.ROOT);
      if (p.startsWith("q=")) {
        try {
          return Double.parseDouble(p.substring(2)) <= 0;
        } catch (NumberFormatException e) {
          return false;
        }
      }
    }
    return false;
  }
}
