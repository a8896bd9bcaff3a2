package dev.mcplambda.store.memory;

import dev.mcplambda.registry.RegistryStore;
import dev.mcplambda.registry.RegistryStoreContractTest;
import java.time.Clock;

/** The registry contract against {@link InMemoryRegistryStore}. */
class InMemoryRegistryStoreContractTest extends RegistryStoreContractTest {

  @Override
  protected RegistryStore newStore(Clock clock) {
    return new InMemoryRegistryStore(clock);
  }
}
