package dev.mcplambda.protocol;

import dev.mcplambda.registry.RegistryStore;

/**
 * The registry as this warm container sees it: loaded with {@link RegistryStore#listAll()} once,
 * then revalidated with exactly one {@link RegistryStore#catalogVersion()} read per call of {@link
 * #current()} (one per request) and reloaded only when the version moved. Thread-safe: concurrent
 * reloads may both load, the newest version wins.
 */
public final class CatalogCache {

  private final RegistryStore store;
  private volatile Catalog catalog = Catalog.empty();

  public CatalogCache(RegistryStore store) {
    this.store = store;
  }

  /** The current catalog (one version read; a full load when it changed). */
  public Catalog current() {
    long version = store.catalogVersion();
    Catalog cached = catalog;
    if (cached.version() == version) {
      return cached;
    }
    Catalog loaded = new Catalog(version, store.listAll());
    synchronized (this) {
      if (catalog.version() < loaded.version() || catalog.version() > version) {
        catalog = loaded;
      }
    }
    return loaded;
  }
}
