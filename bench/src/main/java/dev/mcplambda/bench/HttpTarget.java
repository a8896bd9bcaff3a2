package dev.mcplambda.bench;

import java.util.List;
import java.util.Map;

/**
 * A server under HTTP load: how to start it (command without pinning; {@code {port}} replaced),
 * where to POST, the body and headers of one echo {@code tools/call}.
 */
public record HttpTarget(
    String id,
    String label,
    List<String> command,
    java.nio.file.Path workDir,
    String path,
    String body,
    Map<String, String> headers,
    String unavailableReason) {

  public boolean available() {
    return unavailableReason == null;
  }
}
