package dev.mcplambda.registry;

import java.util.List;
import java.util.Optional;

/**
 * Stores registry entries. Implementations: {@code store.memory.InMemoryRegistryStore} and {@code
 * store.dynamodb.DynamoDbRegistryStore}; both pass {@code RegistryStoreContractTest}.
 *
 * <p>Every successful write bumps the catalog version, so a runtime can revalidate its cached
 * catalog with one {@link #catalogVersion()} read. The entry is written before the catalog version
 * is bumped: whoever sees the new catalog version also sees the entry.
 */
public interface RegistryStore {

  /**
   * Stores a new entry with {@code version = 1} and sets {@code createdAt}/{@code updatedAt}.
   *
   * @throws EntryAlreadyExistsException if {@code entry.id()} is taken
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
