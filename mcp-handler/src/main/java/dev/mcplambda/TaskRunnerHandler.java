package dev.mcplambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mcplambda.config.Environment;
import dev.mcplambda.invoke.FunctionInvoker;
import dev.mcplambda.invoke.LambdaFunctionInvoker;
import dev.mcplambda.json.Json;
import dev.mcplambda.protocol.TaskLauncher;
import dev.mcplambda.protocol.TaskRunner;
import dev.mcplambda.store.dynamodb.DynamoDbClients;
import dev.mcplambda.store.dynamodb.DynamoDbTaskStore;
import dev.mcplambda.store.memory.InMemoryTaskStore;
import dev.mcplambda.task.TaskStatus;
import dev.mcplambda.task.TaskStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task-runner Lambda (docs/tasks.md): invoked asynchronously ({@code InvocationType: Event}) by
 * the MCP function with {@code {"mcpLambdaTask": {"taskId", "round"}}}, it runs that round of the
 * task with {@link TaskRunner} (the tool's function invoked synchronously, for up to this
 * invocation's remaining time) and records the outcome in the task store. It never throws, so
 * Lambda's automatic retries of failed asynchronous invocations never run a tool twice; a malformed
 * event is logged and ignored.
 *
 * <p>Runs on the stock Java runtime (handler {@code
 * dev.mcplambda.TaskRunnerHandler::handleRequest}) from the same JAR as {@link McpHandler}, with
 * the MCP function's {@code SESSION_TABLE} (tasks live there under their own key prefix) and a
 * {@code MCP_FUNCTION_TIMEOUT_MS} as long as its own timeout.
 */
public final class TaskRunnerHandler implements RequestStreamHandler {

  private static final Logger LOG = LoggerFactory.getLogger(TaskRunnerHandler.class);

  /** Kept back from the invocation's deadline so the outcome is still written. */
  static final Duration DEADLINE_MARGIN = Duration.ofSeconds(3);

  private final TaskRunner runner;

  /** The composition root: task store and Lambda client from the environment. */
  public TaskRunnerHandler() {
    this(Environment.system());
  }

  TaskRunnerHandler(Environment env) {
    this(store(env), LambdaFunctionInvoker.fromEnvironment(env), Clock.systemUTC());
  }

  /** For the local server and tests: the collaborators. */
  public TaskRunnerHandler(TaskStore store, FunctionInvoker invoker, Clock clock) {
    this.runner = new TaskRunner(store, invoker, clock);
  }

  private static TaskStore store(Environment env) {
    if ("memory".equalsIgnoreCase(env.getOrDefault(Environment.STORE, ""))) {
      return new InMemoryTaskStore();
    }
    return new DynamoDbTaskStore(
        DynamoDbClients.fromEnvironment(env), env.require(Environment.SESSION_TABLE));
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    JsonNode task;
    try {
      task = Json.mapper().readTree(input).path(TaskLauncher.EVENT_KEY);
    } catch (IOException | RuntimeException e) {
      task = Json.object().missingNode();
    }
    String taskId = task.path("taskId").asText("");
    int round = task.path("round").asInt(0);
    String answer;
    if (taskId.isEmpty() || round < 1) {
      LOG.warn("ignored an event that is not a task run ({})", TaskLauncher.EVENT_KEY);
      answer = "{\"ran\":false}";
    } else {
      Duration budget = null;
      if (context != null) {
        budget =
            Duration.ofMillis(
                Math.max(1, context.getRemainingTimeInMillis() - DEADLINE_MARGIN.toMillis()));
      }
      Optional<TaskStatus> status;
      try {
        status = runner.run(taskId, round, budget);
      } catch (RuntimeException e) {
        // the store failed: retrying would run the tool again, so end here (the task stays working
        // until it expires, or the client cancels it)
        LOG.warn("task run could not be recorded: {}", e.getClass().getSimpleName());
        status = Optional.empty();
      }
      answer =
          status
              .map(s -> "{\"ran\":true,\"status\":\"" + s.wireName() + "\"}")
              .orElse("{\"ran\":false}");
    }
    output.write(answer.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    output.flush();
  }
}
