package dev.mcplambda.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * Invokes a registered entry's function synchronously with an event of DESIGN §3. Implementations
 * never throw for anything the function or Lambda does: every ending is an {@link
 * InvocationOutcome}.
 */
public interface FunctionInvoker {

  InvocationOutcome invoke(String functionArn, JsonNode event);

  /**
   * Like {@link #invoke(String, JsonNode)} but gives up after {@code timeout} (the caller's own
   * deadline), reporting {@link InvocationOutcome.Timeout}. Implementations without per-call
   * timeouts may ignore it.
   */
  default InvocationOutcome invoke(String functionArn, JsonNode event, Duration timeout) {
    return invoke(functionArn, event);
  }
}
