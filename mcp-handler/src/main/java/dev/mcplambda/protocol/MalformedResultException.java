package dev.mcplambda.protocol;

/** A function's output does not have the shape of the MCP result it stands for. No stack trace. */
final class MalformedResultException extends Exception {

  MalformedResultException(String message) {
    super(message, null, false, false);
  }
}
