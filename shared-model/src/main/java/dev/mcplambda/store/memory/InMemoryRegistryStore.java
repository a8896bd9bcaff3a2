package dev.mcplambda.store.memory;

import dev.mcplambda.registry.EntryAlreadyExistsException;
import dev.mcplambda.registry.EntryNotFoundException;
import dev.mcplambda.registry.InvalidCursorException;
import dev.mcplambda.registry.RegistryEntry;
import dev.mcplambda.registry.RegistryPage;
import dev.mcplambda.registry.RegistryStore;
import dev.mcplambda.registry.StaleVersionException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link RegistryStore} in a sorted map; entries are listed in id order. Thread-safe. */
public final class InMemoryRegistryStore implements RegistryStore {

  private static final String CURSOR_PREFIX = "mem:";

  private final ConcurrentSkipListMap<String, RegistryEntry> entries =
      new ConcurrentSkipListMap<>();
  private final AtomicLong catalogVersion = new AtomicLong();
  private final Clock clock;

  public InMemoryRegistryStore() {
    this(Clock.systemUTC());
  }

  public InMemoryRegistryStore(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized RegistryEntry create(RegistryEntry entry) {
    Objects.requireNonNull(entry.id(), "id");
    if (entries.containsKey(entry.id())) {
      throw new EntryAlreadyExistsException("entry '" + entry.id() + "' already exists");
    }
    String now = clock.instant().toString();
    RegistryEntry stored = entry.withStoreFields(entry.id(), 1L, now, now);
    entries.put(stored.id(), stored);
    catalogVersion.incrementAndGet();
    return stored;
  }

  @Override
  public Optional<RegistryEntry> get(String id) {
    return Optional.ofNullable(entries.get(id));
  }

  @Override
  public synchronized RegistryEntry update(RegistryEntry entry, Long expectedVersion) {
    RegistryEntry current = entries.get(entry.id());
    if (current == null) {
      throw new EntryNotFoundException("no entry '" + entry.id() + "'");
    }
    if (expectedVersion != null && !expectedVersion.equals(current.version())) {
      throw new StaleVersionException(
          "entry '"
              + entry.id()
              + "' is at version "
              + current.version()
              + ", not "
              + expectedVersion);
    }
    RegistryEntry stored =
        entry.withStoreFields(
            entry.id(), current.version() + 1, current.createdAt(), clock.instant().toString());
    entries.put(stored.id(), stored);
    catalogVersion.incrementAndGet();
    return stored;
  }

  @Override
  public synchronized void delete(String id, Long expectedVersion) {
    RegistryEntry current = entries.get(id);
    if (current == null) {
      throw new EntryNotFoundException("no entry '" + id + "'");
    }
    if (expectedVersion != null && !expectedVersion.equals(current.version())) {
      throw new StaleVersionException(
          "entry '" + id + "' is at version " + current.version() + ", not " + expectedVersion);
    }
    entries.remove(id);
    catalogVersion.incrementAndGet();
  }

  @Override
  public RegistryPage list(int limit, String cursor) {
    if (limit < 1 || limit > 1000) {
      throw new IllegalArgumentException("limit must be 1..1000");
    }
    var view = cursor == null ? entries : entries.tailMap(decode(cursor), false);
    List<RegistryEntry> page = new ArrayList<>(Math.min(limit, 64));
    String last = null;
    for (RegistryEntry e : view.values()) {
      if (page.size() == limit) {
        break;
      }
      page.add(e);
      last = e.id();
    }
    boolean more = last != null && entries.higherKey(last) != null && page.size() == limit;
    return new RegistryPage(page, more ? encode(last) : null);
  }

  @Override
  public long catalogVersion() {
    return catalogVersion.get();
  }

  private static String encode(String lastId) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((CURSOR_PREFIX + lastId).getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String cursor) {
    try {
      String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (!s.startsWith(CURSOR_PREFIX) || s.length() == CURSOR_PREFIX.length()) {
        throw new InvalidCursorException("invalid cursor");
      }
      return s.substring(CURSOR_PREFIX.length());
    } catch (IllegalArgumentException e) {
      throw new InvalidCursorException("invalid cursor");
    }
  }
}
