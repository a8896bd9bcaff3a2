package dev.mcplambda.store.memory;

import dev.mcplambda.session.StreamLeases;
import dev.mcplambda.session.StreamLeasesContractTest;
import java.time.Clock;

class InMemoryStreamLeasesContractTest extends StreamLeasesContractTest {

  @Override
  protected StreamLeases newLeases(Clock clock) {
    return new InMemoryStreamLeases(clock);
  }
}
