package dev.mcplambda.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.invoke.FunctionInvoker;
import dev.mcplambda.invoke.InvocationOutcome;
import dev.mcplambda.json.Json;
import dev.mcplambda.jsonrpc.ErrorCodes;
import dev.mcplambda.task.TaskRecord;
import dev.mcplambda.task.TaskStatus;
import dev.mcplambda.task.TaskStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one round of an MCP task (docs/tasks.md): reads the task, invokes the tool's function
 * synchronously with the stored event (it may take the whole budget, up to Lambda's 15 minutes) and
 * records what came back:
 *
 * <ul>
 *   <li>a result (also one with {@code isError: true}, a tool execution error) → {@code completed};
 *   <li>{@code input_required} → {@code input_required} with its {@code inputRequests}; the
 *       function's {@code requestState} stays in the task for the next round;
 *   <li>a function error, timeout, throttle, unreachable function or malformed output → {@code
 *       failed} with a JSON-RPC error object (protocol-level failures, as SEP-2663 reserves {@code
 *       failed} for them).
 * </ul>
 *
 * A run does nothing unless the task is still {@code working} in the round it was launched for, so
 * a duplicated or stale asynchronous delivery is harmless; and its outcome is written only if the
 * task is still in that state (a {@code tasks/cancel} meanwhile wins).
 */
public final class TaskRunner {

  private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);
  private static final int MAX_ERROR_CHARS = 2000;
  private static final int WRITE_ATTEMPTS = 10;

  /**
   * Largest result or input-request set (JSON characters) a task keeps: a DynamoDB item holds 400
   * KB in all, and the task's event is stored next to it.
   */
  static final int MAX_STORED_CHARS = 300_000;

  private final TaskStore store;
  private final FunctionInvoker invoker;
  private final Clock clock;

  public TaskRunner(TaskStore store, FunctionInvoker invoker, Clock clock) {
    this.store = store;
    this.invoker = invoker;
    this.clock = clock;
  }

  /**
   * Runs round {@code round} of task {@code taskId}.
   *
   * @param budget how long the function may take ({@code null}: the invoker's own limit)
   * @return the task's status afterwards, empty if the run did nothing
   */
  public Optional<TaskStatus> run(String taskId, int round, Duration budget) {
    TaskRecord task = store.get(taskId, clock.instant()).orElse(null);
    if (task == null || task.status() != TaskStatus.WORKING || task.round() != round) {
      LOG.debug("task run skipped: unknown, not working or another round");
      return Optional.empty();
    }
    InvocationOutcome outcome;
    try {
      outcome =
          budget == null
              ? invoker.invoke(task.lambdaArn(), task.event())
              : invoker.invoke(task.lambdaArn(), task.event(), budget);
    } catch (RuntimeException e) {
      LOG.warn("task function invocation failed: {}", e.getClass().getSimpleName());
      outcome = new InvocationOutcome.Unavailable("the invocation failed");
    }
    return record(taskId, round, outcomeTransition(task.toolName(), outcome));
  }

  private Optional<TaskStatus> record(
      String taskId, int round, UnaryOperator<TaskRecord> transition) {
    for (int attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
      TaskRecord current = store.get(taskId, clock.instant()).orElse(null);
      if (current == null || current.status() != TaskStatus.WORKING || current.round() != round) {
        LOG.debug("task outcome dropped: the task was cancelled, expired or moved on");
        return Optional.empty();
      }
      TaskRecord next = transition.apply(current);
      if (store.replace(next)) {
        return Optional.of(next.status());
      }
    }
    LOG.warn("task outcome not recorded after {} conflicting writes", WRITE_ATTEMPTS);
    return Optional.empty();
  }

  private UnaryOperator<TaskRecord> outcomeTransition(String tool, InvocationOutcome outcome) {
    return switch (outcome) {
      case InvocationOutcome.Success s -> payloadTransition(tool, s.payload());
      case InvocationOutcome.FunctionError f ->
          failed("Tool '" + tool + "' failed: " + f.errorType() + ": " + f.errorMessage());
      case InvocationOutcome.Timeout t -> failed("Tool '" + tool + "' timed out: " + t.detail());
      case InvocationOutcome.Throttled t ->
          failed("Tool '" + tool + "' is throttled by AWS Lambda (too many requests)");
      case InvocationOutcome.Unavailable u ->
          failed("Tool '" + tool + "' could not be invoked: " + u.reason());
      case InvocationOutcome.MalformedOutput m ->
          failed("Tool '" + tool + "' returned malformed output: " + m.reason());
    };
  }

  private UnaryOperator<TaskRecord> payloadTransition(String tool, JsonNode payload) {
    if (MultiRoundTrip.isInputRequired(payload)) {
      JsonNode requests = payload.get("inputRequests");
      if (!(requests instanceof ObjectNode o) || o.isEmpty()) {
        return failed("Tool '" + tool + "' asked for input without any inputRequests");
      }
      if (Json.write(requests).length() > MAX_STORED_CHARS) {
        return failed("Tool '" + tool + "' asked for more input than a task can hold");
      }
      JsonNode state = payload.get("requestState");
      String functionState = state != null && state.isTextual() ? state.asText() : null;
      return t -> t.awaitingInput(requests, functionState, clock.instant());
    }
    if (TaskMethods.asksForTask(payload)) {
      return failed("Tool '" + tool + "' asked to become a task while running as one");
    }
    ObjectNode result;
    try {
      result = FunctionResults.callTool(payload, true, true);
    } catch (MalformedResultException e) {
      return failed("Tool '" + tool + "' returned malformed output: " + e.getMessage());
    }
    result.remove("resultType");
    if (Json.write(result).length() > MAX_STORED_CHARS) {
      return failed(
          "Tool '"
              + tool
              + "' returned a result too large for a task (over "
              + MAX_STORED_CHARS
              + " characters)");
    }
    return t -> t.finished(TaskStatus.COMPLETED, result, null, clock.instant());
  }

  private UnaryOperator<TaskRecord> failed(String message) {
    ObjectNode error = error(message);
    return t -> t.failed(error, clock.instant());
  }

  private static ObjectNode error(String message) {
    ObjectNode error = Json.object();
    error.put("code", ErrorCodes.INTERNAL_ERROR);
    error.put("message", ProtocolDispatcher.clip(message, MAX_ERROR_CHARS));
    return error;
  }
}
