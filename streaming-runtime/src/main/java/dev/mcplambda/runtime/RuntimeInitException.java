package dev.mcplambda.runtime;

/** Start-up failed; reported on {@code /init/error} (or {@code /restore/error}) before exiting. */
final class RuntimeInitException extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient FunctionError error;
  private final int exitCode;

  RuntimeInitException(FunctionError error, int exitCode, Throwable cause) {
    super(error.errorMessage(), cause);
    this.error = error;
    this.exitCode = exitCode;
  }

  FunctionError error() {
    return error;
  }

  int exitCode() {
    return exitCode;
  }
}
