package dev.mcplambda.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The 2026-07-28 header value encoding (Streamable HTTP "Value Encoding"): a value that is not
 * plain header-safe ASCII travels as {@code =?base64?<Base64 of the UTF-8 bytes>?=}. The markers
 * are case-sensitive.
 */
final class HeaderValueCodec {

  private static final String PREFIX = "=?base64?";
  private static final String SUFFIX = "?=";

  private HeaderValueCodec() {}

  /**
   * The decoded value, or empty when the value is malformed: characters outside visible ASCII,
   * space and tab, or a sentinel with invalid Base64 or invalid UTF-8 inside.
   */
  public static Optional<String> decode(String headerValue) {
    if (headerValue == null || !isHeaderSafe(headerValue)) {
      return Optional.empty();
    }
    if (headerValue.length() < PREFIX.length() + SUFFIX.length()
        || !headerValue.startsWith(PREFIX)
        || !headerValue.endsWith(SUFFIX)) {
      return Optional.of(headerValue);
    }
    String b64 = headerValue.substring(PREFIX.length(), headerValue.length() - SUFFIX.length());
    if (b64.length() % 4 != 0) {
      return Optional.empty(); // padding is required (the JDK decoder would accept it missing)
    }
    try {
      byte[] bytes = Base64.getDecoder().decode(b64);
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString());
    } catch (IllegalArgumentException | CharacterCodingException e) {
      return Optional.empty();
    }
  }

  /** Visible ASCII (0x21-0x7E), space and horizontal tab only (RFC 9110 field values). */
  public static boolean isHeaderSafe(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!(c == '\t' || (c >= 0x20 && c <= 0x7e))) {
        return false;
      }
    }
    return true;
  }
}
