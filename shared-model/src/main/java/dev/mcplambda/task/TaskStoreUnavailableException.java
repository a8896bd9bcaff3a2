package dev.mcplambda.task;

/**
 * The task store's backing service failed (throttling, network, service error, unreadable item):
 * never the client's fault. The message never contains task ids or payloads.
 */
public final class TaskStoreUnavailableException extends RuntimeException {
  public TaskStoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
