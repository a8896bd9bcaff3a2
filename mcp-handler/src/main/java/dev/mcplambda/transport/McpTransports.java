package dev.mcplambda.transport;

import dev.mcplambda.protocol.McpDispatcher;
import dev.mcplambda.session.SessionStore;
import java.time.Clock;
import java.util.function.Supplier;

/** The three transports on one dispatcher and one session store. */
public final class McpTransports {

  private final StatelessHttpTransport stateless;
  private final StreamableHttpTransport streamable;
  private final LegacySseTransport legacy;

  public McpTransports(
      McpDispatcher dispatcher,
      SessionStore store,
      TransportSettings settings,
      Clock clock,
      Supplier<String> sessionIds,
      ListChangeFeed changes,
      ToolInputSchemas schemas) {
    SessionLifecycle sessions =
        new SessionLifecycle(store, clock, settings.sessionTtl(), sessionIds);
    this.stateless = new StatelessHttpTransport(dispatcher, settings, changes, schemas);
    this.streamable = new StreamableHttpTransport(dispatcher, sessions, settings, changes);
    this.legacy = new LegacySseTransport(dispatcher, sessions, settings, changes);
  }

  public StatelessHttpTransport stateless() {
    return stateless;
  }

  public StreamableHttpTransport streamable() {
    return streamable;
  }

  public LegacySseTransport legacy() {
    return legacy;
  }
}
