package dev.mcplambda.registry;

/** Thrown when the entry's version is not the expected one. */
public final class StaleVersionException extends RegistryException {
  public StaleVersionException(String message) {
    super(message);
  }
}
