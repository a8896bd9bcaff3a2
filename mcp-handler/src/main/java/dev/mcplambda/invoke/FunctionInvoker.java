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

  /**
   * Invokes a streaming tool function (registry {@code invokeMode: "stream"}): its progress and log
   * events reach {@code listener} as they arrive, in order, on the calling thread; the outcome
   * carries the {@code result} event's value (docs/streaming-tools.md). A function that writes a
   * plain JSON document instead ends as {@link InvocationOutcome.Success} of that document.
   *
   * <p>The default invokes with {@link #invoke(String, JsonNode, Duration)} and decodes a framed
   * {@code result} document, so implementations without response streaming keep working (their
   * events, if any, are lost).
   *
   * @param timeout the caller's remaining budget, or {@code null}
   */
  default InvocationOutcome invokeStreaming(
      String functionArn, JsonNode event, Duration timeout, ToolEventListener listener) {
    InvocationOutcome outcome =
        timeout == null ? invoke(functionArn, event) : invoke(functionArn, event, timeout);
    if (outcome instanceof InvocationOutcome.Success s) {
      return ToolEventDecoder.decode(
          dev.mcplambda.json.Json.write(s.payload())
              .getBytes(java.nio.charset.StandardCharsets.UTF_8),
          listener);
    }
    return outcome;
  }

  /**
   * Starts a function asynchronously (Lambda {@code Invoke} with {@code InvocationType: Event}):
   * Lambda queues the event and answers at once; the function's result goes nowhere. Used to start
   * MCP task runs (docs/tasks.md).
   *
   * @return true once the event was accepted; false if it was refused or could not be sent, or if
   *     this invoker cannot invoke asynchronously (the default)
   */
  default boolean invokeAsync(String functionArn, JsonNode event) {
    return false;
  }
}
