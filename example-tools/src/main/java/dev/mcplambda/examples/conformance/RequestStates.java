package dev.mcplambda.examples.conformance;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Integrity-protected MRTR {@code requestState}: {@code base64url(payload).base64url(hmac)}. The
 * key is a fixture constant; a real tool would read its key from a secret.
 */
final class RequestStates {

  private static final byte[] KEY =
      "mcp-lambda conformance fixture key".getBytes(StandardCharsets.UTF_8);

  private RequestStates() {}

  static String seal(String payload) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    return b64.encodeToString(bytes) + "." + b64.encodeToString(mac(bytes));
  }

  /** The payload of a state this class sealed, or {@code null} if it was altered or is not one. */
  static String open(String state) {
    if (state == null) {
      return null;
    }
    int dot = state.indexOf('.');
    if (dot < 0) {
      return null;
    }
    try {
      Base64.Decoder b64 = Base64.getUrlDecoder();
      byte[] payload = b64.decode(state.substring(0, dot));
      byte[] tag = b64.decode(state.substring(dot + 1));
      return MessageDigest.isEqual(tag, mac(payload))
          ? new String(payload, StandardCharsets.UTF_8)
          : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static byte[] mac(byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
