package dev.mcplambda.transport;

import dev.mcplambda.protocol.Catalog;
import dev.mcplambda.protocol.CatalogCache;
import dev.mcplambda.protocol.CatalogChanges;
import dev.mcplambda.registry.RegistryException;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ListChangeFeed} backed by the registry's catalog version: every {@code pollInterval} a
 * watch asks the shared {@link CatalogCache} for the current catalog (one catalog-version read; the
 * catalog is reloaded once per container when the version moved) and diffs it against the snapshot
 * it saw last ({@link CatalogChanges#between}). Registry writes made anywhere, by the registration
 * function in another Lambda invocation included, therefore reach every open stream within one
 * interval.
 */
public final class CatalogChangeFeed implements ListChangeFeed {

  private static final Logger LOG = LoggerFactory.getLogger(CatalogChangeFeed.class);

  /** Default interval between catalog-version reads of one stream. */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);

  private final CatalogCache catalog;
  private final long pollMillis;
  private final LongSupplier clock;

  public CatalogChangeFeed(CatalogCache catalog, Duration pollInterval) {
    this(catalog, pollInterval, System::currentTimeMillis);
  }

  CatalogChangeFeed(CatalogCache catalog, Duration pollInterval, LongSupplier clock) {
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("pollInterval must be positive");
    }
    this.catalog = catalog;
    this.pollMillis = pollInterval.toMillis();
    this.clock = clock;
  }

  @Override
  public Watch watch(String principal) {
    Catalog start;
    try {
      start = catalog.current();
    } catch (RegistryException e) {
      LOG.warn("registry unreadable when a stream opened: {}", e.getClass().getSimpleName());
      start = null;
    }
    return new CatalogWatch(start, principal);
  }

  private final class CatalogWatch implements Watch {

    private final String principal;
    private Catalog seen;
    private long next;

    CatalogWatch(Catalog start, String principal) {
      this.seen = start;
      this.principal = principal;
      this.next = clock.getAsLong() + pollMillis;
    }

    @Override
    public long nextCheckAt() {
      return next;
    }

    @Override
    public CatalogChanges check() {
      next = clock.getAsLong() + pollMillis;
      Catalog now;
      try {
        now = catalog.current();
      } catch (RegistryException e) {
        LOG.debug("registry unreadable during a change check: {}", e.getClass().getSimpleName());
        return CatalogChanges.NONE;
      }
      Catalog before = seen;
      if (before != null && (now == before || now.version() < before.version())) {
        // the same snapshot, or an older one served by a racing cache reload: nothing new
        return CatalogChanges.NONE;
      }
      // a newer version, or the same version with other entries (the cache reloaded by age
      // after a lost version bump): diff
      seen = now;
      return before == null ? CatalogChanges.NONE : CatalogChanges.between(before, now, principal);
    }
  }
}
