package dev.mcplambda.local.host;

import java.util.List;

/** How one invocation of a hosted function ended. */
sealed interface InvocationOutcome {

  /** The function returned this payload. */
  record Returned(byte[] payload) implements InvocationOutcome {}

  /** The function threw; reported like the Java runtime reports an unhandled exception. */
  record Threw(String errorType, String errorMessage, List<String> stackTrace)
      implements InvocationOutcome {}

  /** The function ran past its timeout and was abandoned. */
  record TimedOut(long timeoutMillis) implements InvocationOutcome {}

  /** The function returned more than the service's response limit. */
  record ResponseTooLarge(int size) implements InvocationOutcome {}
}
