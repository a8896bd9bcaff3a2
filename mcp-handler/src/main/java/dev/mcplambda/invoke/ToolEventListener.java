package dev.mcplambda.invoke;

/**
 * Receives a streaming tool function's progress and log events in order, as they arrive, on the
 * invoking thread. Never receives the {@link ToolEvent.Result}: that ends the invocation and comes
 * back as its outcome.
 */
@FunctionalInterface
public interface ToolEventListener {

  void onEvent(ToolEvent event);

  /** A listener that ignores everything. */
  ToolEventListener IGNORE = event -> {};
}
