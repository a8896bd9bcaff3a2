package dev.mcplambda.session;

/**
 * The session does not exist: never created, deleted, or expired. Thrown by {@link
 * SessionStore#append}; an {@link IllegalStateException} so that callers written against the first
 * version of the interface keep working.
 */
public final class SessionNotFoundException extends IllegalStateException {
  public SessionNotFoundException(String message) {
    super(message);
  }
}
