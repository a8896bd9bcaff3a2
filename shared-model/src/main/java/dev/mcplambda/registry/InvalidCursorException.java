package dev.mcplambda.registry;

/** Thrown when the cursor is not one this registry handed out. */
public final class InvalidCursorException extends RegistryException {
  public InvalidCursorException(String message) {
    super(message);
  }
}
