package dev.mcplambda.runtime;

import java.io.IOException;

/**
 * The runtime's side of a {@link ResponseStream}: how the runtime ends the response once the
 * handler returned, failed, or ran into the deadline. Both implementations are thread-safe: the
 * deadline watchdog may end a response while the handler is still writing.
 */
sealed interface InvocationResponse extends ResponseStream
    permits LambdaResponseStream, BufferedInvocationResponse {

  /**
   * The handler returned normally: send what is left and end the response.
   *
   * @return {@code false} if the handler never called {@link #start} (nothing was sent)
   */
  boolean complete() throws IOException;

  /**
   * The handler threw. Ends the response with the error if bytes already left (trailers).
   *
   * @return {@code false} if nothing was sent yet: the caller reports the error on {@code /error}
   */
  boolean fail(FunctionError error) throws IOException;

  /**
   * The deadline is close: end the response cleanly now (a 504 if nothing was started). Later
   * writes by the handler fail with an {@link IOException}.
   */
  void endAtDeadline() throws IOException;

  /** Whether the response was ended (by any of the above). */
  boolean ended();

  /** Whether {@link #endAtDeadline()} ended it. */
  boolean endedAtDeadline();
}
