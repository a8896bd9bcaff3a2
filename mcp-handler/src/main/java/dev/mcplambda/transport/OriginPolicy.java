package dev.mcplambda.transport;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * DNS-rebinding protection: an {@code Origin} header, when present, must be one of the configured
 * origins. Requests without {@code Origin} (non-browser clients) pass. Loopback origins ({@code
 * localhost}, {@code 127.0.0.1}, {@code [::1]} on any port) pass only when the list contains the
 * entry {@code localhost}; {@code *} allows every origin.
 */
public final class OriginPolicy {

  private final Set<String> exact;
  private final boolean loopback;
  private final boolean any;

  public OriginPolicy(List<String> allowed) {
    this.exact =
        allowed.stream()
            .filter(s -> !s.equals("localhost") && !s.equals("*"))
            .map(OriginPolicy::normalise)
            .collect(Collectors.toUnmodifiableSet());
    this.loopback = allowed.contains("localhost");
    this.any = allowed.contains("*");
  }

  /** Whether a request with this {@code Origin} header value (or none) may proceed. */
  public boolean allows(String origin) {
    if (origin == null) {
      return true;
    }
    if (any) {
      return true;
    }
    String o = normalise(origin.strip());
    if (exact.contains(o)) {
      return true;
    }
    return loopback && isLoopback(o);
  }

  private static boolean isLoopback(String origin) {
    try {
      URI uri = new URI(origin);
      String scheme = uri.getScheme();
      String host = uri.getHost();
      if (scheme == null
          || host == null
          || uri.getRawPath() != null && !uri.getRawPath().isEmpty()) {
        return false;
      }
      if (!scheme.equals("http") && !scheme.equals("https")) {
        return false;
      }
      return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
    } catch (Exception e) {
      return false;
    }
  }

  private static String normalise(String origin) {
    String o = origin.toLowerCase(Locale.ROOT);
    return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
  }
}
