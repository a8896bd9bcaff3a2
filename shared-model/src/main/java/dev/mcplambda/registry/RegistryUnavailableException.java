package dev.mcplambda.registry;

/**
 * The backing store failed (throttling, network, service error): a 5xx, never the client's fault.
 */
public final class RegistryUnavailableException extends RegistryException {
  public RegistryUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
