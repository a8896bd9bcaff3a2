package dev.mcplambda.registry;

import dev.mcplambda.json.Json;
import java.nio.charset.StandardCharsets;

/**
 * An entry over {@link RegistryStore#MAX_ENTRY_BYTES}: it would not fit one DynamoDB item (400 KB).
 * Every store refuses it alike, before writing anything; the admin API answers 413.
 */
public final class EntryTooLargeException extends RegistryException {

  private final long bytes;

  public EntryTooLargeException(String id, long bytes) {
    super(
        "entry '"
            + id
            + "' is "
            + bytes
            + " bytes as JSON; a registry entry holds at most "
            + RegistryStore.MAX_ENTRY_BYTES);
    this.bytes = bytes;
  }

  /** The entry's size as JSON, in UTF-8 bytes. */
  public long bytes() {
    return bytes;
  }

  /**
   * Throws if {@code entry} is over {@link RegistryStore#MAX_ENTRY_BYTES} as JSON. The JSON form is
   * never smaller than the DynamoDB item (same texts, plus quotes and escapes), so an entry that
   * passes always fits an item with room for the attribute names and store fields.
   */
  public static void check(RegistryEntry entry) {
    String json = Json.write(entry);
    if (json.length() * 3L > RegistryStore.MAX_ENTRY_BYTES) {
      int bytes = json.getBytes(StandardCharsets.UTF_8).length;
      if (bytes > RegistryStore.MAX_ENTRY_BYTES) {
        throw new EntryTooLargeException(entry.id(), bytes);
      }
    }
  }
}
