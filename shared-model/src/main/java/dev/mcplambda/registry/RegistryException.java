package dev.mcplambda.registry;

/** A registry operation that cannot be done as asked; subclasses say why. */
public abstract sealed class RegistryException extends RuntimeException
    permits EntryAlreadyExistsException,
        EntryNotFoundException,
        StaleVersionException,
        EntryTooLargeException,
        InvalidCursorException,
        RegistryUnavailableException {

  protected RegistryException(String message) {
    super(message, null, false, false);
  }

  protected RegistryException(String message, Throwable cause) {
    super(message, cause);
  }
}
