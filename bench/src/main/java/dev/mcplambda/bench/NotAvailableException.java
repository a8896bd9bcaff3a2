package dev.mcplambda.bench;

/** A section cannot run because a piece it measures is missing (never a measurement failure). */
public final class NotAvailableException extends Exception {

  public NotAvailableException(String message) {
    super(message);
  }
}
