package dev.mcplambda.local;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An HTTP request as the local server received it, body read (within the cap).
 *
 * @param method the HTTP method
 * @param rawPath the path, still percent-encoded
 * @param rawQuery the query string without {@code ?}, still encoded, or {@code null}
 * @param headers header names lower-cased, values in arrival order
 * @param body the body bytes (empty if none)
 * @param sourceIp the client's address
 */
public record ReceivedRequest(
    String method,
    String rawPath,
    String rawQuery,
    Map<String, List<String>> headers,
    byte[] body,
    String sourceIp) {

  public ReceivedRequest {
    TreeMap<String, List<String>> lower = new TreeMap<>();
    headers.forEach(
        (name, values) ->
            lower
                .computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new java.util.ArrayList<>())
                .addAll(values));
    lower.replaceAll((k, v) -> List.copyOf(v));
    headers = java.util.Collections.unmodifiableMap(lower);
    body = body == null ? new byte[0] : body;
  }

  /** The first value of a header (name case-insensitive), or {@code null}. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.getFirst();
  }
}
