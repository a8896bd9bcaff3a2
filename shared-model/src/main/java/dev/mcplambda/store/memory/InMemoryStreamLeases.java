package dev.mcplambda.store.memory;

import dev.mcplambda.session.StreamLeases;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** {@link StreamLeases} in memory, for one process (the local server, tests). */
public final class InMemoryStreamLeases implements StreamLeases {

  private record Slot(String holder, long expiresAtMillis) {}

  private final Map<String, Map<Integer, Slot>> slots = new HashMap<>();
  private final Clock clock;

  public InMemoryStreamLeases() {
    this(Clock.systemUTC());
  }

  public InMemoryStreamLeases(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized Outcome acquire(String principal, int max, long expiresAtMillis) {
    long now = clock.millis();
    Map<Integer, Slot> held = slots.computeIfAbsent(principal, p -> new HashMap<>());
    held.values().removeIf(s -> s.expiresAtMillis() < now);
    held.keySet().removeIf(i -> i >= max);
    for (int i = 0; i < max; i++) {
      if (!held.containsKey(i)) {
        String holder = UUID.randomUUID().toString();
        held.put(i, new Slot(holder, expiresAtMillis));
        return new Granted(principal, i, holder, expiresAtMillis);
      }
    }
    long earliest = held.values().stream().mapToLong(Slot::expiresAtMillis).min().orElse(now);
    return new Full(Math.max(1, (earliest - now + 999) / 1000));
  }

  @Override
  public synchronized void release(Granted lease) {
    Map<Integer, Slot> held = slots.get(lease.principal());
    if (held != null) {
      Slot s = held.get(lease.slot());
      if (s != null && s.holder().equals(lease.holder())) {
        held.remove(lease.slot());
      }
      if (held.isEmpty()) {
        slots.remove(lease.principal());
      }
    }
  }
}
