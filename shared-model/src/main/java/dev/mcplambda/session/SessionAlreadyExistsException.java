package dev.mcplambda.session;

/**
 * {@link SessionStore#create} for an id that belongs to a live session. An {@link
 * IllegalStateException} so that callers written against the first version of the interface keep
 * working.
 */
public final class SessionAlreadyExistsException extends IllegalStateException {
  public SessionAlreadyExistsException(String message) {
    super(message);
  }
}
