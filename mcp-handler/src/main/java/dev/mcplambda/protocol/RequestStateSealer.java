package dev.mcplambda.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Protects a function's MRTR {@code requestState} (2026-07-28) against forgery and replay: the
 * client only ever sees {@code v2.<keyId>.<payload>.<mac>} (base64url), where the payload binds the
 * function's own state to the caller's principal, the method, the tool/prompt name or resource uri,
 * a digest of the request's {@code arguments} ({@link ArgumentDigest}), a random nonce and an
 * expiry; the MAC is HMAC-SHA256 over {@code v2.<keyId>.<payload>} under the key {@code keyId}
 * names ({@link StateKeyRing}: the current key seals, the previous one still opens). A state
 * therefore cannot be replayed by another principal, for another target, with other arguments,
 * after its expiry, or after both keys that could have sealed it were rotated away. Not encrypted:
 * the function's state is integrity-protected, not confidential (functions must not put secrets in
 * it).
 */
public final class RequestStateSealer {

  private static final Logger LOG = LoggerFactory.getLogger(RequestStateSealer.class);
  private static final String PREFIX = "v2.";
  private static final int NONCE_BYTES = 16;
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private final StateKeySource keys;

  /**
   * @param secret the shared secret; {@code null} or blank → a random per-process key (state issued
   *     by one container is then refused by another), logged at WARN
   */
  public RequestStateSealer(String secret) {
    this(
        secret == null || secret.isBlank()
            ? null
            : StateKeySource.fixed(StateKeyRing.of(secret, null)));
  }

  /**
   * @param keys where the keys come from; {@code null} → a random per-process key, logged at WARN
   */
  public RequestStateSealer(StateKeySource keys) {
    if (keys == null) {
      LOG.warn(
          "no MRTR state key is configured (MCP_STATE_SECRET_ARN): requestState is signed with a"
              + " random per-process key; retries that reach another container will be refused");
      keys = StateKeySource.fixed(StateKeyRing.random());
    }
    this.keys = keys;
  }

  /**
   * Seals {@code functionState} for a retry by {@code principal} of {@code method} on {@code
   * target} with the same {@code arguments}.
   */
  public String seal(
      String functionState,
      String principal,
      String method,
      String target,
      JsonNode arguments,
      long expiresAtMillis) {
    byte[] nonce = new byte[NONCE_BYTES];
    keys.nonces().nextBytes(nonce);
    ObjectNode payload = Json.object();
    payload.put("p", principal == null ? "" : principal);
    payload.put("m", method);
    payload.put("t", target);
    payload.put("a", ArgumentDigest.of(arguments));
    payload.put("n", B64.encodeToString(nonce));
    payload.put("e", expiresAtMillis);
    payload.put("s", functionState);
    StateKeyRing.Key key = keys.keys().current();
    String signed =
        PREFIX
            + key.id()
            + "."
            + B64.encodeToString(Json.write(payload).getBytes(StandardCharsets.UTF_8));
    return signed + "." + B64.encodeToString(mac(key, signed));
  }

  /**
   * The function's state if {@code sealed} is authentic (under the current or the previous key),
   * unexpired and was issued for this principal, method, target and arguments; empty otherwise.
   */
  public Optional<String> open(
      String sealed,
      String principal,
      String method,
      String target,
      JsonNode arguments,
      long nowMillis) {
    if (sealed == null || !sealed.startsWith(PREFIX)) {
      return Optional.empty();
    }
    int keyEnd = sealed.indexOf('.', PREFIX.length());
    int macStart = sealed.lastIndexOf('.');
    if (keyEnd <= PREFIX.length() || macStart <= keyEnd + 1) {
      return Optional.empty();
    }
    String keyId = sealed.substring(PREFIX.length(), keyEnd);
    String signed = sealed.substring(0, macStart);
    String body = sealed.substring(keyEnd + 1, macStart);
    StateKeyRing.Key key = keys.keys().key(keyId);
    if (key == null) {
      key = keys.refreshed().key(keyId); // sealed by a container that already rotated
    }
    if (key == null) {
      return Optional.empty();
    }
    byte[] given;
    try {
      given = B64D.decode(sealed.substring(macStart + 1));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (!MessageDigest.isEqual(mac(key, signed), given)) {
      return Optional.empty();
    }
    JsonNode payload;
    try {
      payload = Json.readTree(B64D.decode(body));
    } catch (Exception e) {
      return Optional.empty();
    }
    if (payload == null
        || !payload.isObject()
        || !(principal == null ? "" : principal).equals(payload.path("p").asText(null))
        || !method.equals(payload.path("m").asText(null))
        || !target.equals(payload.path("t").asText(null))
        || !ArgumentDigest.of(arguments).equals(payload.path("a").asText(null))
        || !payload.path("n").isTextual()
        || !payload.path("e").canConvertToLong()
        || payload.path("e").asLong() < nowMillis
        || !payload.path("s").isTextual()) {
      return Optional.empty();
    }
    return Optional.of(payload.get("s").asText());
  }

  private static byte[] mac(StateKeyRing.Key key, String signed) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key.spec());
      return mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
