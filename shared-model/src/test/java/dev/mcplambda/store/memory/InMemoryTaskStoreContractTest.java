package dev.mcplambda.store.memory;

import dev.mcplambda.task.TaskStore;
import dev.mcplambda.task.TaskStoreContractTest;

/** The shared task-store contract against {@link InMemoryTaskStore}. */
class InMemoryTaskStoreContractTest extends TaskStoreContractTest {

  @Override
  protected TaskStore newStore() {
    return new InMemoryTaskStore();
  }
}
