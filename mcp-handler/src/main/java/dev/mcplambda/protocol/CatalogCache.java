package dev.mcplambda.protocol;

import dev.mcplambda.registry.RegistryException;
import dev.mcplambda.registry.RegistryStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry as this warm container sees it: loaded with {@link RegistryStore#listAll()} once,
 * then revalidated with exactly one {@link RegistryStore#catalogVersion()} read per call of {@link
 * #current()} (one per request) and reloaded only when the version moved. Thread-safe: concurrent
 * reloads may both load, the newest version wins. When the store cannot be read and a catalog was
 * loaded before, the cached one is served (logged at WARN) rather than failing the request.
 */
public final class CatalogCache {

  private static final Logger LOG = LoggerFactory.getLogger(CatalogCache.class);

  private final RegistryStore store;
  private volatile Catalog catalog = Catalog.empty();

  public CatalogCache(RegistryStore store) {
    this.store = store;
  }

  /** The current catalog (one version read; a full load when it changed). */
  public Catalog current() {
    Catalog cached = catalog;
    long version;
    Catalog loaded;
    try {
      version = store.catalogVersion();
      if (cached.version() == version) {
        return cached;
      }
      loaded = new Catalog(version, store.listAll());
    } catch (RegistryException e) {
      if (cached.version() < 0) {
        throw e;
      }
      LOG.warn(
          "registry unreadable ({}); serving cached catalog version {}",
          e.getClass().getSimpleName(),
          cached.version());
      return cached;
    }
    synchronized (this) {
      if (catalog.version() < loaded.version() || catalog.version() > version) {
        catalog = loaded;
      }
    }
    return loaded;
  }
}
