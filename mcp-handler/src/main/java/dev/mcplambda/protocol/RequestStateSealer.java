package dev.mcplambda.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Protects a function's MRTR {@code requestState} (2026-07-28) against forgery and replay: the
 * client only ever sees {@code v1.<payload>.<mac>} (base64url), where the payload binds the
 * function's own state to the caller's principal, the method, the tool/prompt name or resource uri,
 * and an expiry; the MAC is HMAC-SHA256 under a key derived from {@code MCP_STATE_SECRET}. Not
 * encrypted: the function's state is integrity-protected, not confidential (functions must not put
 * secrets in it).
 */
public final class RequestStateSealer {

  private static final Logger LOG = LoggerFactory.getLogger(RequestStateSealer.class);
  private static final String PREFIX = "v1.";
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private final SecretKeySpec key;

  /**
   * @param secret the shared secret; {@code null} or blank → a random per-process key (state issued
   *     by one container is then refused by another), logged at WARN
   */
  public RequestStateSealer(String secret) {
    byte[] material;
    if (secret == null || secret.isBlank()) {
      material = new byte[32];
      new SecureRandom().nextBytes(material);
      LOG.warn(
          "MCP_STATE_SECRET is not set: MRTR requestState is signed with a random per-process key;"
              + " retries that reach another container will be refused");
    } else {
      material = secret.getBytes(StandardCharsets.UTF_8);
    }
    try {
      this.key =
          new SecretKeySpec(MessageDigest.getInstance("SHA-256").digest(material), "HmacSHA256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /** Seals {@code functionState} for a retry by {@code principal} of {@code method} on target. */
  public String seal(
      String functionState, String principal, String method, String target, long expiresAtMillis) {
    ObjectNode payload = Json.object();
    payload.put("p", principal == null ? "" : principal);
    payload.put("m", method);
    payload.put("t", target);
    payload.put("e", expiresAtMillis);
    payload.put("s", functionState);
    String body = B64.encodeToString(Json.write(payload).getBytes(StandardCharsets.UTF_8));
    return PREFIX + body + "." + B64.encodeToString(mac(body));
  }

  /**
   * The function's state if {@code sealed} is authentic, unexpired and was issued for this
   * principal, method and target; empty otherwise.
   */
  public Optional<String> open(
      String sealed, String principal, String method, String target, long nowMillis) {
    if (sealed == null || !sealed.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String rest = sealed.substring(PREFIX.length());
    int dot = rest.indexOf('.');
    if (dot <= 0 || dot != rest.lastIndexOf('.')) {
      return Optional.empty();
    }
    String body = rest.substring(0, dot);
    byte[] given;
    try {
      given = B64D.decode(rest.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (!MessageDigest.isEqual(mac(body), given)) {
      return Optional.empty();
    }
    JsonNode payload;
    try {
      payload = Json.mapper().readTree(B64D.decode(body));
    } catch (Exception e) {
      return Optional.empty();
    }
    if (payload == null
        || !payload.isObject()
        || !(principal == null ? "" : principal).equals(payload.path("p").asText(null))
        || !method.equals(payload.path("m").asText(null))
        || !target.equals(payload.path("t").asText(null))
        || !payload.path("e").canConvertToLong()
        || payload.path("e").asLong() < nowMillis
        || !payload.path("s").isTextual()) {
      return Optional.empty();
    }
    return Optional.of(payload.get("s").asText());
  }

  private byte[] mac(String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(body.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
