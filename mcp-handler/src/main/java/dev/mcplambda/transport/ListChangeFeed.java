package dev.mcplambda.transport;

import java.time.Duration;
import java.util.Set;

/**
 * Where a 2026-07-28 {@code subscriptions/listen} stream learns about catalog changes. The default
 * feed reports none; a feed backed by the registry's catalog version (or a listener on the local
 * server) plugs in here.
 */
public interface ListChangeFeed {

  String TOOLS = "notifications/tools/list_changed";
  String PROMPTS = "notifications/prompts/list_changed";
  String RESOURCES = "notifications/resources/list_changed";

  /**
   * Waits up to {@code maxWait} for changes and returns the notification methods that became due
   * ({@link #TOOLS}, {@link #PROMPTS}, {@link #RESOURCES}); empty when nothing changed.
   */
  Set<String> await(Duration maxWait) throws InterruptedException;

  /** No change notifications: waits out {@code maxWait} and reports nothing. */
  ListChangeFeed NONE =
      maxWait -> {
        Thread.sleep(Math.max(1, maxWait.toMillis()));
        return Set.of();
      };
}
