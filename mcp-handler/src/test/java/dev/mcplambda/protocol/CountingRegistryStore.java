package dev.mcplambda.protocol;

import dev.mcplambda.registry.RegistryEntry;
import dev.mcplambda.registry.RegistryPage;
import dev.mcplambda.registry.RegistryStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** Delegates to a store and counts catalog-version reads and full loads. */
class CountingRegistryStore implements RegistryStore {

  private final RegistryStore delegate;
  final AtomicInteger versionReads = new AtomicInteger();
  final AtomicInteger fullLoads = new AtomicInteger();

  CountingRegistryStore(RegistryStore delegate) {
    this.delegate = delegate;
  }

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
  public List<RegistryEntry> listAll() {
    fullLoads.incrementAndGet();
    return delegate.listAll();
  }

  @Override
  public long catalogVersion() {
    versionReads.incrementAndGet();
    return delegate.catalogVersion();
  }
}
