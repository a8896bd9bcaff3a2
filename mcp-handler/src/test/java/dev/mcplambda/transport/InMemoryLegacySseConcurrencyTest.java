package dev.mcplambda.transport;

import dev.mcplambda.session.SessionStore;
import dev.mcplambda.store.memory.InMemorySessionStore;

/** The concurrency contract on one shared in-memory store (one process, many threads). */
class InMemoryLegacySseConcurrencyTest extends LegacySseConcurrencyContract {

  private final InMemorySessionStore store = new InMemorySessionStore();

  @Override
  protected SessionStore newStore() {
    return store;
  }
}
