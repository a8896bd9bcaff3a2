package dev.mcplambda.protocol;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC keys for MRTR {@code requestState}: the current key, which seals, and optionally the
 * previous one, which is still accepted when opening (two-key rotation: states sealed just before a
 * rotation stay valid for their short lifetime). Each key has an id derived from its material, so
 * every container that holds the same secret names it the same way and a state says which key
 * sealed it.
 */
public final class StateKeyRing {

  /** One key: its public id and the HMAC-SHA256 key derived from the secret. */
  public record Key(String id, SecretKeySpec spec) {}

  private final Key current;
  private final Key previous;

  private StateKeyRing(Key current, Key previous) {
    this.current = current;
    this.previous = previous;
  }

  /**
   * @param current the secret that seals (and opens); not blank
   * @param previous the secret before the last rotation (opens only), or {@code null}/blank
   */
  public static StateKeyRing of(String current, String previous) {
    if (current == null || current.isBlank()) {
      throw new IllegalArgumentException("the current state secret must not be blank");
    }
    Key c = key(current.getBytes(StandardCharsets.UTF_8));
    Key p =
        previous == null || previous.isBlank() || previous.equals(current)
            ? null
            : key(previous.getBytes(StandardCharsets.UTF_8));
    return new StateKeyRing(c, p);
  }

  /** A random key that lives only in this process (the local server, tests). */
  public static StateKeyRing random() {
    byte[] material = new byte[32];
    ProcessSecureRandom.get().nextBytes(material);
    return new StateKeyRing(key(material), null);
  }

  /** The key that seals. */
  public Key current() {
    return current;
  }

  /** The key with this id (current or previous), or {@code null}. */
  public Key key(String id) {
    if (current.id().equals(id)) {
      return current;
    }
    return previous != null && previous.id().equals(id) ? previous : null;
  }

  /** Whether a previous key is held (diagnostics). */
  public boolean hasPrevious() {
    return previous != null;
  }

  private static Key key(byte[] material) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] hmacKey = sha.digest(material);
      // the id must not reveal the key: a separate, domain-separated digest
      sha.reset();
      sha.update("mcp-lambda/state-key-id\0".getBytes(StandardCharsets.US_ASCII));
      byte[] id = sha.digest(material);
      return new Key(HexFormat.of().formatHex(id, 0, 6), new SecretKeySpec(hmacKey, "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
