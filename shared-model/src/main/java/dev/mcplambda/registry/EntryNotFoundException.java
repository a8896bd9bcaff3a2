package dev.mcplambda.registry;

/** Thrown when no entry with this id. */
public final class EntryNotFoundException extends RegistryException {
  public EntryNotFoundException(String message) {
    super(message);
  }
}
