package dev.mcplambda.protocol;

import dev.mcplambda.jsonrpc.ErrorCodes;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque list cursors: base64url of {@code <list>\n<sort key of the last item served>}. Keyed by
 * the sort key (not an index) so paging stays consistent when entries are added or removed between
 * pages. A cursor from another list, or one that does not decode, is -32602.
 */
final class ListCursor {

  private static final int MAX_LENGTH = 4096;

  private ListCursor() {}

  static String encode(String list, String lastKey) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((list + "\n" + lastKey).getBytes(StandardCharsets.UTF_8));
  }

  /** The last key served, or {@code null} for the first page. */
  static String decode(String list, String cursor) {
    if (cursor == null) {
      return null;
    }
    if (cursor.isEmpty() || cursor.length() > MAX_LENGTH) {
      throw invalid();
    }
    String text;
    try {
      text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    String prefix = list + "\n";
    if (!text.startsWith(prefix) || text.length() == prefix.length()) {
      throw invalid();
    }
    return text.substring(prefix.length());
  }

  private static ProtocolException invalid() {
    return new ProtocolException(ErrorCodes.INVALID_PARAMS, "Invalid cursor", null, "bad_cursor");
  }
}
