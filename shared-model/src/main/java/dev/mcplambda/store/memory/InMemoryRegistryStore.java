package dev.mcplambda.store.memory;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcplambda.registry.EntryAlreadyExistsException;
import dev.mcplambda.registry.EntryNotFoundException;
import dev.mcplambda.registry.EntryTooLargeException;
import dev.mcplambda.registry.PromptArgument;
import dev.mcplambda.registry.RegistryCursor;
import dev.mcplambda.registry.RegistryEntry;
import dev.mcplambda.registry.RegistryPage;
import dev.mcplambda.registry.RegistryStore;
import dev.mcplambda.registry.StaleVersionException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link RegistryStore} in a sorted map; entries are listed in id order. Thread-safe. Entries are
 * copied on the way in and out (JSON trees are mutable), so callers never share state with the
 * store, as with the DynamoDB store. Like the DynamoDB store, it refuses entries over {@link
 * #MAX_ENTRY_BYTES} and bumps the catalog version after every write call, failed ones included.
 */
public final class InMemoryRegistryStore implements RegistryStore {

  private static final String CURSOR_SCOPE = "memory";

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
    EntryTooLargeException.check(entry);
    try {
      if (entries.containsKey(entry.id())) {
        throw new EntryAlreadyExistsException("entry '" + entry.id() + "' already exists");
      }
      String now = clock.instant().toString();
      RegistryEntry stored = detached(entry.withStoreFields(entry.id(), 1L, now, now));
      entries.put(stored.id(), stored);
      return detached(stored);
    } finally {
      catalogVersion.incrementAndGet();
    }
  }

  @Override
  public Optional<RegistryEntry> get(String id) {
    return Optional.ofNullable(entries.get(id)).map(InMemoryRegistryStore::detached);
  }

  @Override
  public synchronized RegistryEntry update(RegistryEntry entry, Long expectedVersion) {
    EntryTooLargeException.check(entry);
    try {
      return replace(entry, expectedVersion);
    } finally {
      catalogVersion.incrementAndGet();
    }
  }

  private RegistryEntry replace(RegistryEntry entry, Long expectedVersion) {
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
        detached(
            entry.withStoreFields(
                entry.id(),
                current.version() + 1,
                current.createdAt(),
                clock.instant().toString()));
    entries.put(stored.id(), stored);
    return detached(stored);
  }

  @Override
  public synchronized void delete(String id, Long expectedVersion) {
    try {
      RegistryEntry current = entries.get(id);
      if (current == null) {
        throw new EntryNotFoundException("no entry '" + id + "'");
      }
      if (expectedVersion != null && !expectedVersion.equals(current.version())) {
        throw new StaleVersionException(
            "entry '" + id + "' is at version " + current.version() + ", not " + expectedVersion);
      }
      entries.remove(id);
    } finally {
      catalogVersion.incrementAndGet();
    }
  }

  @Override
  public RegistryPage list(int limit, String cursor) {
    if (limit < 1 || limit > 1000) {
      throw new IllegalArgumentException("limit must be 1..1000");
    }
    var view =
        cursor == null
            ? entries
            : entries.tailMap(RegistryCursor.decode(CURSOR_SCOPE, cursor), false);
    List<RegistryEntry> page = new ArrayList<>(Math.min(limit, 64));
    String last = null;
    for (RegistryEntry e : view.values()) {
      if (page.size() == limit) {
        break;
      }
      page.add(detached(e));
      last = e.id();
    }
    boolean more = last != null && entries.higherKey(last) != null && page.size() == limit;
    return new RegistryPage(page, more ? RegistryCursor.encode(CURSOR_SCOPE, last) : null);
  }

  @Override
  public long catalogVersion() {
    return catalogVersion.get();
  }

  /** A copy sharing no mutable state (JSON trees, lists) with {@code e}. */
  private static RegistryEntry detached(RegistryEntry e) {
    return new RegistryEntry(
        e.id(),
        e.type(),
        e.name(),
        e.title(),
        e.description(),
        e.lambdaArn(),
        copy(e.parameters()),
        copy(e.inputSchema()),
        copy(e.outputSchema()),
        copy(e.annotations()),
        e.uri(),
        e.uriTemplate(),
        e.mimeType(),
        e.arguments() == null
            ? null
            : e.arguments().stream()
                .map(
                    a ->
                        a == null
                            ? null
                            : new PromptArgument(
                                a.name(),
                                a.title(),
                                a.description(),
                                a.required(),
                                a.enumValues() == null ? null : unmodifiable(a.enumValues())))
                .toList(),
        e.allowedPrincipals() == null ? null : unmodifiable(e.allowedPrincipals()),
        e.version(),
        e.createdAt(),
        e.updatedAt(),
        e.completions() == null ? null : copyCompletions(e.completions()),
        e.invokeMode());
  }

  private static Map<String, List<String>> copyCompletions(Map<String, List<String>> map) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(k, v == null ? null : unmodifiable(v)));
    return Collections.unmodifiableMap(out);
  }

  private static JsonNode copy(JsonNode node) {
    return node == null ? null : node.deepCopy();
  }

  private static <T> List<T> unmodifiable(List<T> list) {
    return Collections.unmodifiableList(new ArrayList<>(list));
  }
}
