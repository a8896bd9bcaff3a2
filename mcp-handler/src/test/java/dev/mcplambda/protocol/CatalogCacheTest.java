package dev.mcplambda.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcplambda.json.Json;
import dev.mcplambda.registry.EntryType;
import dev.mcplambda.registry.RegistryEntry;
import dev.mcplambda.registry.RegistryPage;
import dev.mcplambda.registry.RegistryStore;
import dev.mcplambda.store.memory.InMemoryRegistryStore;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The age cap of the warm container's catalog. The registry here loses every catalog-version bump
 * after the first write (its version stays at 1), as when the bump after a DELETE fails and nobody
 * retries.
 */
class CatalogCacheTest {

  static final String FN = "arn:aws:lambda:us-east-1:111122223333:function:f";

  final InMemoryRegistryStore registry = new InMemoryRegistryStore();
  final AtomicLong frozenVersion = new AtomicLong(-1);
  final AtomicLong nanos = new AtomicLong(0);
  final CatalogCache cache =
      new CatalogCache(lostBumps(registry), Duration.ofSeconds(60), nanos::get);

  @Test
  void aRevocationWhoseBumpWasLostIsSeenOnceTheCatalogReachesItsMaximumAge() {
    // given a tool in the cached catalog
    registry.create(tool("secret"));
    frozenVersion.set(registry.catalogVersion());
    assertThat(cache.current().tool("secret")).isPresent();

    // when it is deleted but the catalog version does not move
    registry.delete("tool-secret", null);

    // then the cache keeps serving it until the maximum age, not longer
    nanos.set(Duration.ofSeconds(59).toNanos());
    assertThat(cache.current().tool("secret")).isPresent();
    nanos.set(Duration.ofSeconds(60).toNanos());
    assertThat(cache.current().tool("secret")).isEmpty();
  }

  @Test
  void aReloadByAgeThatFindsTheSameEntriesKeepsTheCatalogObject() {
    // given
    registry.create(tool("echo"));
    frozenVersion.set(registry.catalogVersion());
    Catalog first = cache.current();

    // when the age passes twice without a change
    nanos.set(Duration.ofSeconds(61).toNanos());
    Catalog second = cache.current();
    nanos.set(Duration.ofSeconds(122).toNanos());
    Catalog third = cache.current();

    // then the same object is served (change feeds compare snapshots)
    assertThat(second).isSameAs(first);
    assertThat(third).isSameAs(first);
  }

  @Test
  void aVersionChangeStillReloadsAtOnce() {
    registry.create(tool("a"));
    assertThat(cache.current().tool("a")).isPresent();

    registry.create(tool("b"));

    assertThat(cache.current().tool("b")).isPresent();
  }

  static RegistryEntry tool(String name) {
    return new RegistryEntry(
        "tool-" + name,
        EntryType.TOOL,
        name,
        null,
        "the " + name + " tool",
        FN,
        null,
        Json.object().put("type", "object"),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /** The registry, but once {@code frozenVersion} is set its catalog version stays there. */
  private RegistryStore lostBumps(RegistryStore delegate) {
    return new RegistryStore() {
      @Override
      public RegistryEntry create(RegistryEntry entry) {
        return delegate.create(entry);
      }

      @Override
      public Optional<RegistryEntry> get(String id) {
        return delegate.get(id);
      }

      @Override
      public RegistryEntry update(RegistryEntry entry, Long expectedVersion) {
        return delegate.update(entry, expectedVersion);
      }

      @Override
      public void delete(String id, Long expectedVersion) {
        delegate.delete(id, expectedVersion);
      }

      @Override
      public RegistryPage list(int limit, String cursor) {
        return delegate.list(limit, cursor);
      }

      @Override
      public long catalogVersion() {
        long frozen = frozenVersion.get();
        return frozen >= 0 ? frozen : delegate.catalogVersion();
      }
    };
  }
}
