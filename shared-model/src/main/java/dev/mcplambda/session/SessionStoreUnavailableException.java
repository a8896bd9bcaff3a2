package dev.mcplambda.session;

/**
 * The session store's backing service failed (throttling, network, service error, unreadable item):
 * a 5xx, never the client's fault. The message never contains session ids or payloads.
 */
public final class SessionStoreUnavailableException extends RuntimeException {
  public SessionStoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
