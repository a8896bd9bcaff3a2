package dev.mcplambda.registry;

/** Thrown when an entry with this id already exists. */
public final class EntryAlreadyExistsException extends RegistryException {
  public EntryAlreadyExistsException(String message) {
    super(message);
  }
}
