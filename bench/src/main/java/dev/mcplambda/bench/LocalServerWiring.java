package dev.mcplambda.bench;

/**
 * Recognises the local server's start-up error while its {@code HandlerWiring} (marked "LEAD —
 * COMPLETE AFTER MERGE") cannot yet construct the merged {@code McpHandler}: the measurements on
 * the local server then report "not available" instead of a failure.
 */
final class LocalServerWiring {

  static final String REASON =
      "the local server cannot construct dev.mcplambda.McpHandler yet: local-server's HandlerWiring"
          + " (LEAD - COMPLETE AFTER MERGE) still fills constructors by type";

  private LocalServerWiring() {}

  static boolean incomplete(Throwable e) {
    String m = String.valueOf(e.getMessage());
    return m.contains("complete HandlerWiring");
  }
}
