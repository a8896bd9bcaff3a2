package dev.mcplambda.registry;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * The opaque paging cursor of the registry stores: base64url (no padding) of a format byte, a
 * 12-byte check tag and the UTF-8 position (the id of the last entry on the page). The tag is a
 * truncated SHA-256 of the store's scope and the position, so garbage, truncated or edited cursors
 * and cursors of another store are refused with {@link InvalidCursorException}.
 *
 * <p>The tag is a checksum, not a secret: a caller who forges a cursor can only start a listing at
 * a position of its choice, which paging lets it do anyway.
 */
public final class RegistryCursor {

  private static final byte FORMAT = 1;
  private static final int TAG_BYTES = 12;
  private static final int MAX_POSITION_BYTES = 2048;
  private static final int MAX_CURSOR_CHARS = 4 * ((1 + TAG_BYTES + MAX_POSITION_BYTES + 2) / 3);

  private RegistryCursor() {}

  /**
   * The cursor for a position in a store.
   *
   * @param scope names the store (its kind and table), so cursors do not travel between stores
   * @param position where the next page starts (exclusive), at most 2048 UTF-8 bytes
   */
  public static String encode(String scope, String position) {
    byte[] pos = position.getBytes(StandardCharsets.UTF_8);
    if (pos.length == 0 || pos.length > MAX_POSITION_BYTES) {
      throw new IllegalArgumentException("cursor position must be 1..2048 UTF-8 bytes");
    }
    ByteBuffer buf = ByteBuffer.allocate(1 + TAG_BYTES + pos.length);
    buf.put(FORMAT).put(tag(scope, pos)).put(pos);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(buf.array());
  }

  /**
   * The position in a cursor produced by {@link #encode} with the same scope.
   *
   * @throws InvalidCursorException for anything else
   */
  public static String decode(String scope, String cursor) {
    if (cursor == null || cursor.isEmpty() || cursor.length() > MAX_CURSOR_CHARS) {
      throw invalid();
    }
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(cursor);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    if (raw.length <= 1 + TAG_BYTES || raw[0] != FORMAT) {
      throw invalid();
    }
    byte[] tag = Arrays.copyOfRange(raw, 1, 1 + TAG_BYTES);
    byte[] pos = Arrays.copyOfRange(raw, 1 + TAG_BYTES, raw.length);
    if (pos.length > MAX_POSITION_BYTES || !MessageDigest.isEqual(tag, tag(scope, pos))) {
      throw invalid();
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(pos))
          .toString();
    } catch (CharacterCodingException e) {
      throw invalid();
    }
  }

  private static byte[] tag(String scope, byte[] position) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update("mcp-lambda registry cursor\0".getBytes(StandardCharsets.UTF_8));
      sha.update(scope.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(position);
      return Arrays.copyOf(sha.digest(), TAG_BYTES);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  private static InvalidCursorException invalid() {
    return new InvalidCursorException("invalid cursor");
  }
}
