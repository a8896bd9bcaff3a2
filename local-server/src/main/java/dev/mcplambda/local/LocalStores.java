package dev.mcplambda.local;

import dev.mcplambda.registry.RegistryStore;
import dev.mcplambda.session.SessionStore;
import dev.mcplambda.store.memory.InMemoryTaskStore;
import dev.mcplambda.task.TaskStore;

/**
 * The stores both planes share.
 *
 * @param description for the banner, e.g. {@code in memory}
 */
public record LocalStores(
    RegistryStore registry, SessionStore sessions, TaskStore tasks, String description) {

  /** With an in-memory task store. */
  public LocalStores(RegistryStore registry, SessionStore sessions, String description) {
    this(registry, sessions, new InMemoryTaskStore(), description);
  }
}
