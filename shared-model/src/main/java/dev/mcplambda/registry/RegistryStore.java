package dev.mcplambda.registry;

import java.util.List;
import java.util.Optional;

/**
 * Stores registry entries. Implementations: {@code store.memory.InMemoryRegistryStore} and {@code
 * store.dynamodb.DynamoDbRegistryStore}; both pass {@code RegistryStoreContractTest}.
 *
 * <p>Every write call ({@link #create}, {@link #update}, {@link #delete}) bumps the catalog version
 * when it ends, whether it succeeded or failed (not found, stale version, already exists, store
 * unavailable), so a runtime can revalidate its cached catalog with one {@link #catalogVersion()}
 * read. The entry is written before the catalog version is bumped: whoever sees the new catalog
 * version also sees the entry. Bumping after failed writes too is what makes a lost announcement
 * recoverable: if a write succeeded but its bump failed (the call throws {@link
 * RegistryUnavailableException} saying so), retrying the same request bumps the version even though
 * the retry itself now fails (a DELETE finds nothing, a create finds the entry), and a write whose
 * outcome is unknown (a timeout) is announced whatever happened. An entry refused for its size
 * ({@link EntryTooLargeException}) leaves the version alone (nothing was attempted).
 */
public interface RegistryStore {

  /**
   * Largest entry a store accepts, as UTF-8 JSON ({@link EntryTooLargeException#check}): a DynamoDB
   * item holds 409,600 bytes including attribute names.
   */
  int MAX_ENTRY_BYTES = 400_000;

  /**
   * Stores a new entry with {@code version = 1} and sets {@code createdAt}/{@code updatedAt}.
   *
   * @throws EntryAlreadyExistsException if {@code entry.id()} is taken
   * @throws EntryTooLargeException if the entry is over {@link #MAX_ENTRY_BYTES}
   */
  RegistryEntry create(RegistryEntry entry);

  Optional<RegistryEntry> get(String id);

  /**
   * Replaces an entry, bumping its version by one and keeping {@code createdAt}.
   *
   * @param expectedVersion the version the caller read, or {@code null} to overwrite whatever is
   *     stored
   * @throws EntryNotFoundException if there is no entry with that id
   * @throws StaleVersionException if the stored version differs from {@code expectedVersion}
   * @throws EntryTooLargeException if the entry is over {@link #MAX_ENTRY_BYTES}
   */
  RegistryEntry update(RegistryEntry entry, Long expectedVersion);

  /**
   * Deletes an entry.
   *
   * @param expectedVersion as for {@link #update}
   * @throws EntryNotFoundException if there is no entry with that id
   * @throws StaleVersionException if the stored version differs from {@code expectedVersion}
   */
  void delete(String id, Long expectedVersion);

  /**
   * One page of entries. Walking every page from {@code cursor = null} visits each entry that
   * exists for the whole walk exactly once. Order is the store's own.
   *
   * @param limit 1..1000 entries per page; every page but the last is full
   * @param cursor {@code null} for the first page, else the previous page's {@code nextCursor}
   * @throws InvalidCursorException if the cursor was not produced by this store (garbage,
   *     truncated, edited, or another store's): see {@link RegistryCursor}
   * @throws IllegalArgumentException if {@code limit} is outside 1..1000
   */
  RegistryPage list(int limit, String cursor);

  /** Every entry (walks all pages); for runtime catalog caches. */
  default List<RegistryEntry> listAll() {
    var all = new java.util.ArrayList<RegistryEntry>();
    String cursor = null;
    do {
      RegistryPage page = list(1000, cursor);
      all.addAll(page.entries());
      cursor = page.nextCursor();
    } while (cursor != null);
    return all;
  }

  /** The catalog version: 0 for an empty, never-written registry; grows on every write. */
  long catalogVersion();
}
