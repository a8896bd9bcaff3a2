package dev.mcplambda.session;

import java.nio.charset.StandardCharsets;

/**
 * A message over {@link SessionStore#MAX_MESSAGE_BYTES}: a DynamoDB item cannot hold it, and every
 * store refuses it alike so that local runs fail where AWS would. An {@link
 * IllegalArgumentException}: the caller chose the size.
 */
public final class MessageTooLargeException extends IllegalArgumentException {

  private final long bytes;

  public MessageTooLargeException(String what, long bytes) {
    super(
        what
            + " of "
            + bytes
            + " bytes is larger than the "
            + SessionStore.MAX_MESSAGE_BYTES
            + " bytes the session store can hold");
    this.bytes = bytes;
  }

  /** Its size in UTF-8 bytes. */
  public long bytes() {
    return bytes;
  }

  /** Throws if {@code json} is over {@link SessionStore#MAX_MESSAGE_BYTES} UTF-8 bytes. */
  public static void check(String what, String json) {
    if (json.length() * 3L > SessionStore.MAX_MESSAGE_BYTES) {
      int bytes = json.getBytes(StandardCharsets.UTF_8).length;
      if (bytes > SessionStore.MAX_MESSAGE_BYTES) {
        throw new MessageTooLargeException(what, bytes);
      }
    }
  }
}
