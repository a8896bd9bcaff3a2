package dev.mcplambda.session;

import java.util.Locale;

/**
 * The MCP logging levels (RFC 5424 severities), least to most severe. A client asks for a minimum
 * level ({@code logging/setLevel} on a 2025 session, kept in {@link SessionRecord#logLevel()};
 * {@code _meta} {@code io.modelcontextprotocol/logLevel} on 2026-07-28); {@code
 * notifications/message} at a lower level is not sent. On the wire a level is its lower-case name.
 */
public enum LogLevel {
  DEBUG,
  INFO,
  NOTICE,
  WARNING,
  ERROR,
  CRITICAL,
  ALERT,
  EMERGENCY;

  private static final String NAMES =
      "debug, info, notice, warning, error, critical, alert, emergency";

  /** The wire name, e.g. {@code warning}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The level with this wire name; {@code null} for anything else (case matters). */
  public static LogLevel ofWireName(String wireName) {
    if (wireName == null) {
      return null;
    }
    for (LogLevel level : values()) {
      if (level.wireName().equals(wireName)) {
        return level;
      }
    }
    return null;
  }

  /** Whether {@code wireName} names a level. */
  public static boolean isWireName(String wireName) {
    return ofWireName(wireName) != null;
  }

  /**
   * Whether a message at {@code level} goes to a client that asked for {@code minimum}: never when
   * either is not a level (a client that asked for none gets no log messages).
   */
  public static boolean passes(String level, String minimum) {
    LogLevel l = ofWireName(level);
    LogLevel m = ofWireName(minimum);
    return l != null && m != null && l.compareTo(m) >= 0;
  }

  /** All wire names, least severe first, comma-separated: for error messages. */
  public static String wireNames() {
    return NAMES;
  }
}
