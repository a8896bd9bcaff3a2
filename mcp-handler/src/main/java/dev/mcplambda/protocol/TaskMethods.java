package dev.mcplambda.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.json.Json;
import dev.mcplambda.jsonrpc.ErrorCodes;
import dev.mcplambda.registry.RegistryEntry;
import dev.mcplambda.task.TaskRecord;
import dev.mcplambda.task.TaskStatus;
import dev.mcplambda.task.TaskStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MCP tasks extension ({@value #EXTENSION}, SEP-2663) on 2026-07-28 requests: creating a task
 * for a {@code tools/call} and serving {@code tasks/get}, {@code tasks/update} and {@code
 * tasks/cancel}. The dispatcher only routes here; everything about tasks is in this class, {@link
 * TaskRunner} (the asynchronous run) and the {@link TaskStore} (docs/tasks.md).
 *
 * <ul>
 *   <li>A task belongs to the principal that created it; for anyone else, and once expired, its id
 *       is unknown: -32602.
 *   <li>{@code tasks/get} answers the DetailedTask: {@code taskId}, {@code status}, {@code
 *       createdAt}, {@code lastUpdatedAt}, {@code ttlMs}, {@code pollIntervalMs}, plus {@code
 *       inputRequests} ({@code input_required}), {@code result} ({@code completed}) or {@code
 *       error} ({@code failed}). Never the function's {@code requestState}.
 *   <li>{@code tasks/update} takes the answers to pending input requests (unknown keys are
 *       ignored); when none is pending any more the next round starts. {@code tasks/cancel} moves a
 *       non-terminal task to {@code cancelled}; on a terminal task it changes nothing. Both answer
 *       an empty result (the dispatcher adds {@code resultType: "complete"}).
 *   <li>Without the extension in the request's client capabilities the three methods are -32021
 *       with {@code data.requiredCapabilities}.
 * </ul>
 */
public final class TaskMethods implements TaskStatusFeed {

  /** The extension's identifier under {@code capabilities.extensions}. */
  public static final String EXTENSION = "io.modelcontextprotocol/tasks";

  /** Default {@code ttlMs} of a task: one hour. */
  public static final long DEFAULT_TTL_MS = 3_600_000;

  /** Default {@code pollIntervalMs} advised to clients. */
  public static final long DEFAULT_POLL_INTERVAL_MS = 1000;

  private static final Logger LOG = LoggerFactory.getLogger(TaskMethods.class);
  private static final int WRITE_ATTEMPTS = 10;

  private final TaskStore store;
  private final TaskLauncher launcher;
  private final Clock clock;
  private final long ttlMs;
  private final long pollIntervalMs;

  public TaskMethods(
      TaskStore store, TaskLauncher launcher, Clock clock, long ttlMs, long pollIntervalMs) {
    if (ttlMs <= 0 || pollIntervalMs <= 0) {
      throw new IllegalArgumentException("ttlMs and pollIntervalMs must be positive");
    }
    this.store = store;
    this.launcher = launcher;
    this.clock = clock;
    this.ttlMs = ttlMs;
    this.pollIntervalMs = pollIntervalMs;
  }

  /** Whether the client capabilities declare the tasks extension. */
  public static boolean negotiated(JsonNode clientCapabilities) {
    return clientCapabilities != null
        && clientCapabilities.path("extensions").path(EXTENSION).isObject();
  }

  /**
   * Whether a function's result asks to continue as a task: {@code {"resultType": "task"}} from a
   * buffered tool (an MRTR exchange that escalates to a task on its last round).
   */
  public static boolean asksForTask(JsonNode payload) {
    return payload != null
        && payload.isObject()
        && "task".equals(payload.path("resultType").asText(null));
  }

  /** The extension's entry for {@code capabilities.extensions}. */
  static void advertise(ObjectNode capabilities) {
    ObjectNode extensions =
        capabilities.get("extensions") instanceof ObjectNode e
            ? e
            : capabilities.putObject("extensions");
    extensions.putObject(EXTENSION);
  }

  /** How often a {@code subscriptions/listen} stream re-reads the tasks it watches. */
  static final Duration WATCH_INTERVAL = Duration.ofMillis(250);

  @Override
  public Watch watch(String principal, JsonNode clientCapabilities, JsonNode requestedTaskIds) {
    if (requestedTaskIds == null || !requestedTaskIds.isArray()) {
      return TaskStatusFeed.NOTHING;
    }
    if (!negotiated(clientCapabilities)) {
      return null;
    }
    List<String> ids = new ArrayList<>();
    requestedTaskIds.forEach(
        id -> {
          if (id.isTextual() && !id.asText().isEmpty()) {
            ids.add(id.asText());
          }
        });
    return new TaskStatusWatch(store, clock, WATCH_INTERVAL, principal, ids);
  }

  /** -32021: the request needs the tasks extension and the client did not declare it. */
  static ProtocolException missingCapability(String what) {
    ObjectNode data = Json.object();
    data.putObject("requiredCapabilities").putObject("extensions").putObject(EXTENSION);
    return new ProtocolException(
        ErrorCodes.MISSING_REQUIRED_CLIENT_CAPABILITY,
        what + " requires the client capability extensions." + EXTENSION,
        data,
        "missing_capability");
  }

  // ---------------------------------------------------------------------------------------------
  // tools/call → CreateTaskResult

  /**
   * Creates a task that runs {@code entry}'s function with {@code event} (whose {@code extra} gets
   * the {@code taskId}), launches its first round and answers the flat CreateTaskResult. The task
   * is stored before this returns, so an immediate {@code tasks/get} finds it.
   */
  ObjectNode create(RegistryEntry entry, ObjectNode event, String principal) {
    TaskRecord task;
    do {
      String taskId = newTaskId();
      if (event.get("extra") instanceof ObjectNode extra) {
        extra.put("taskId", taskId);
      }
      task =
          TaskRecord.working(
              taskId,
              principal,
              entry.name(),
              entry.lambdaArn(),
              event,
              clock.instant(),
              ttlMs,
              pollIntervalMs);
    } while (!store.create(task));
    if (!launcher.launch(task.taskId(), task.round())) {
      LOG.warn("task run could not be launched for tool {}", entry.id());
      task = markNotStarted(task);
    }
    ObjectNode result = Json.object();
    result.put("resultType", "task");
    envelope(task, result);
    return result;
  }

  // ---------------------------------------------------------------------------------------------
  // tasks/*

  /** {@code tasks/get}, {@code tasks/update} or {@code tasks/cancel}. */
  ObjectNode handle(
      String method, ObjectNode params, String principal, JsonNode clientCapabilities) {
    if (!negotiated(clientCapabilities)) {
      throw missingCapability(method);
    }
    JsonNode id = params.get("taskId");
    if (id == null || !id.isTextual() || id.asText().isEmpty()) {
      throw new ProtocolException(
          ErrorCodes.INVALID_PARAMS, "taskId must be a string", null, "invalid_params");
    }
    String taskId = id.asText();
    return switch (method) {
      case "tasks/get" -> detailed(find(taskId, principal));
      case "tasks/cancel" -> cancel(taskId, principal);
      case "tasks/update" -> update(taskId, principal, params.get("inputResponses"));
      default -> throw new ProtocolException(ErrorCodes.METHOD_NOT_FOUND, "Method not found");
    };
  }

  private TaskRecord find(String taskId, String principal) {
    return store
        .get(taskId, clock.instant())
        .filter(t -> t.principal() == null || t.principal().equals(principal))
        .orElseThrow(
            () ->
                new ProtocolException(
                    ErrorCodes.INVALID_PARAMS,
                    "Unknown task: " + ProtocolDispatcher.clip(taskId, 100),
                    null,
                    "unknown_task"));
  }

  private ObjectNode cancel(String taskId, String principal) {
    for (int attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
      TaskRecord task = find(taskId, principal);
      if (task.status().terminal() || store.replace(task.cancelled(clock.instant()))) {
        return Json.object();
      }
    }
    throw busy();
  }

  private ObjectNode update(String taskId, String principal, JsonNode responses) {
    if (responses == null || !responses.isObject()) {
      throw new ProtocolException(
          ErrorCodes.INVALID_PARAMS, "inputResponses must be an object", null, "invalid_params");
    }
    for (int attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
      TaskRecord task = find(taskId, principal);
      if (task.status() != TaskStatus.INPUT_REQUIRED || task.inputRequests() == null) {
        return Json.object(); // nothing is pending: the answers are not needed
      }
      ObjectNode pending = ((ObjectNode) task.inputRequests()).deepCopy();
      ObjectNode gathered =
          task.inputResponses() instanceof ObjectNode o ? o.deepCopy() : Json.object();
      boolean taken = false;
      for (Iterator<Map.Entry<String, JsonNode>> it = responses.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> answer = it.next();
        if (pending.has(answer.getKey())) {
          pending.remove(answer.getKey());
          gathered.set(answer.getKey(), answer.getValue());
          taken = true;
        }
      }
      if (!taken) {
        return Json.object();
      }
      if (!pending.isEmpty()) {
        if (store.replace(task.answered(pending, gathered, clock.instant()))) {
          return Json.object();
        }
        continue;
      }
      TaskRecord resumed = task.resumed(nextEvent(task, gathered), clock.instant());
      if (store.replace(resumed)) {
        if (!launcher.launch(resumed.taskId(), resumed.round())) {
          LOG.warn("task run could not be launched for tool {}", task.toolName());
          markNotStarted(resumed);
        }
        return Json.object();
      }
    }
    throw busy();
  }

  /** The stored event with this round's answers and the function's state in {@code extra}. */
  private static JsonNode nextEvent(TaskRecord task, ObjectNode answers) {
    ObjectNode event = task.event() instanceof ObjectNode o ? o.deepCopy() : Json.object();
    ObjectNode extra = event.get("extra") instanceof ObjectNode e ? e : event.putObject("extra");
    extra.set("inputResponses", answers);
    if (task.requestState() != null) {
      extra.put("requestState", task.requestState());
    } else {
      extra.remove("requestState");
    }
    return event;
  }

  private TaskRecord markNotStarted(TaskRecord task) {
    ObjectNode error = Json.object();
    error.put("code", ErrorCodes.INTERNAL_ERROR);
    error.put("message", "Tool '" + task.toolName() + "' could not be started");
    TaskRecord failed = task.failed(error, clock.instant());
    return store.replace(failed) ? failed : task;
  }

  private static ProtocolException busy() {
    return new ProtocolException(
        ErrorCodes.INTERNAL_ERROR, "The task is changing too often; retry", null, "task_busy");
  }

  // ---------------------------------------------------------------------------------------------
  // wire shapes

  /** The DetailedTask of {@code tasks/get}. */
  static ObjectNode detailed(TaskRecord task) {
    ObjectNode result = Json.object();
    envelope(task, result);
    switch (task.status()) {
      case INPUT_REQUIRED -> {
        if (task.inputRequests() != null) {
          result.set("inputRequests", task.inputRequests());
        }
      }
      case COMPLETED -> {
        if (task.result() != null) {
          result.set("result", task.result());
        }
      }
      case FAILED -> {
        if (task.error() != null) {
          result.set("error", task.error());
        }
      }
      default -> {}
    }
    return result;
  }

  /** The Task fields every task-shaped answer carries. */
  private static void envelope(TaskRecord task, ObjectNode out) {
    out.put("taskId", task.taskId());
    out.put("status", task.status().wireName());
    if (task.statusMessage() != null) {
      out.put("statusMessage", task.statusMessage());
    }
    out.put("createdAt", task.createdAt().toString());
    out.put("lastUpdatedAt", task.lastUpdatedAt().toString());
    out.put("ttlMs", task.ttlMs());
    out.put("pollIntervalMs", task.pollIntervalMs());
  }

  private static String newTaskId() {
    byte[] bytes = new byte[16];
    ProcessSecureRandom.get().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
