package dev.mcplambda.protocol;

import dev.mcplambda.invoke.FunctionInvoker;
import dev.mcplambda.json.Json;

/**
 * Starts one round of a task's run somewhere else and returns at once (docs/tasks.md). On AWS and
 * in the local server that is an asynchronous Lambda invocation of the task-runner function; tests
 * may run {@link TaskRunner} on a thread.
 */
@FunctionalInterface
public interface TaskLauncher {

  /**
   * @return true once the run was handed off; false if it could not be started
   */
  boolean launch(String taskId, int round);

  /** The event a task-runner function receives: {@code {"mcpLambdaTask": {taskId, round}}}. */
  String EVENT_KEY = "mcpLambdaTask";

  /**
   * Launches through Lambda: {@code Invoke} of {@code runnerFunction} with {@code InvocationType:
   * Event} and the event {@code {"mcpLambdaTask": {"taskId", "round"}}}.
   */
  static TaskLauncher lambda(FunctionInvoker invoker, String runnerFunction) {
    return (taskId, round) -> {
      var event = Json.object();
      event.putObject(EVENT_KEY).put("taskId", taskId).put("round", round);
      return invoker.invokeAsync(runnerFunction, event);
    };
  }
}
