package dev.mcplambda.protocol;

import java.util.List;

/** The MCP protocol revisions this server speaks. */
public final class ProtocolVersions {

  private ProtocolVersions() {}

  public static final String V2026_07_28 = "2026-07-28";
  public static final String V2025_11_25 = "2025-11-25";
  public static final String V2025_06_18 = "2025-06-18";
  public static final String V2025_03_26 = "2025-03-26";
  public static final String V2024_11_05 = "2024-11-05";

  /** Stateless revisions, served through the per-request {@code _meta} envelope. */
  public static final List<String> STATELESS = List.of(V2026_07_28);

  /** Handshake revisions, negotiated by {@code initialize}; newest first. */
  public static final List<String> SESSION =
      List.of(V2025_11_25, V2025_06_18, V2025_03_26, V2024_11_05);

  /** Everything, newest first ({@code server/discover}, -32022 {@code data.supported}). */
  public static final List<String> ALL =
      List.of(V2026_07_28, V2025_11_25, V2025_06_18, V2025_03_26, V2024_11_05);

  /** The answer to {@code initialize}: the requested version if supported, else the latest. */
  public static String negotiate(String requested) {
    return requested != null && SESSION.contains(requested) ? requested : SESSION.get(0);
  }

  /**
   * Whether {@code version} is at least {@code since} (revision ids are ISO dates and sort as
   * strings). A {@code null} version counts as the latest.
   */
  public static boolean atLeast(String version, String since) {
    return version == null || version.compareTo(since) >= 0;
  }
}
