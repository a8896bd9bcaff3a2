package dev.mcplambda.store.memory;

import dev.mcplambda.session.SessionStore;
import dev.mcplambda.session.SessionStoreContractTest;
import java.time.Clock;

/** The shared session-store contract against {@link InMemorySessionStore}. */
class InMemorySessionStoreContractTest extends SessionStoreContractTest {

  @Override
  protected SessionStore newStore(Clock clock) {
    return new InMemorySessionStore(clock);
  }
}
