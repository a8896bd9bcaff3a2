package dev.mcplambda.protocol;

import dev.mcplambda.registry.RegistryException;
import dev.mcplambda.registry.RegistryStore;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry as this warm container sees it: loaded with {@link RegistryStore#listAll()} once,
 * then revalidated with exactly one {@link RegistryStore#catalogVersion()} read per call of {@link
 * #current()} (one per request) and reloaded when the version moved, or when the loaded catalog is
 * older than the maximum age ({@link #DEFAULT_MAX_AGE}) whatever the version says. The age cap
 * bounds how long a write whose catalog-version bump was lost (e.g. a revocation by DELETE) can
 * stay invisible to a warm container; a reload that finds the same entries keeps the cached catalog
 * object, so change feeds see no change.
 *
 * <p>Thread-safe: concurrent reloads may both load, the newest wins. When the store cannot be read
 * and a catalog was loaded before, the cached one is served (logged at WARN) rather than failing
 * the request.
 */
public final class CatalogCache {

  /** Default maximum age of a loaded catalog: one full reload per minute per warm container. */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(60);

  private static final Logger LOG = LoggerFactory.getLogger(CatalogCache.class);

  /** A catalog and when it was loaded or last found unchanged ({@code nanos} clock). */
  private record Loaded(Catalog catalog, long atNanos) {}

  private final RegistryStore store;
  private final long maxAgeNanos;
  private final LongSupplier nanos;
  private volatile Loaded loaded;

  public CatalogCache(RegistryStore store) {
    this(store, DEFAULT_MAX_AGE, System::nanoTime);
  }

  /**
   * @param maxAge reload at least this often even when the catalog version has not moved
   * @param nanos a monotonic clock in nanoseconds
   */
  public CatalogCache(RegistryStore store, Duration maxAge, LongSupplier nanos) {
    if (maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("maxAge must be positive");
    }
    this.store = store;
    this.maxAgeNanos = maxAge.toNanos();
    this.nanos = nanos;
    this.loaded = new Loaded(Catalog.empty(), nanos.getAsLong());
  }

  /** The current catalog (one version read; a full load when it changed or got too old). */
  public Catalog current() {
    Loaded cached = loaded;
    long version;
    Catalog fresh;
    long now = nanos.getAsLong();
    try {
      version = store.catalogVersion();
      if (cached.catalog().version() == version && now - cached.atNanos() < maxAgeNanos) {
        return cached.catalog();
      }
      fresh = new Catalog(version, store.listAll());
    } catch (RegistryException e) {
      if (cached.catalog().version() < 0) {
        throw e;
      }
      LOG.warn(
          "registry unreadable ({}); serving cached catalog version {}",
          e.getClass().getSimpleName(),
          cached.catalog().version());
      return cached.catalog();
    }
    synchronized (this) {
      Catalog current = loaded.catalog();
      if (current.version() == fresh.version() && current.sameEntries(fresh)) {
        loaded = new Loaded(current, Math.max(now, loaded.atNanos()));
        return current;
      }
      if (current.version() == fresh.version()) {
        LOG.warn(
            "catalog version {} now has other entries: a registry write was not announced (its"
                + " version bump failed); reloaded by age",
            version);
        loaded = new Loaded(fresh, now);
      } else if (current.version() < fresh.version() || current.version() > version) {
        loaded = new Loaded(fresh, now);
      }
    }
    return fresh;
  }
}
