package dev.mcplambda.transport;

import dev.mcplambda.protocol.ProcessSecureRandom;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * Session ids: 128 random bits from {@link SecureRandom}, base64url without padding (22 visible
 * ASCII characters, safe in a header and in a query string).
 */
public final class SessionIdGenerator implements Supplier<String> {

  @Override
  public String get() {
    byte[] bytes = new byte[16];
    ProcessSecureRandom.get().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Whether {@code id} could be one of ours (cheap check before a store lookup). */
  public static boolean plausible(String id) {
    if (id == null || id.isEmpty() || id.length() > 64) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_';
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
