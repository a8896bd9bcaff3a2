package dev.mcplambda.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.invoke.InvocationOutcome;
import dev.mcplambda.json.Json;
import dev.mcplambda.jsonrpc.JsonRpcRequest;
import dev.mcplambda.jsonrpc.JsonRpcResponse;
import dev.mcplambda.registry.EntryType;
import dev.mcplambda.registry.RegistryEntry;
import dev.mcplambda.runtime.InvocationContext;
import dev.mcplambda.schema.SchemaValidator;
import dev.mcplambda.store.memory.InMemoryRegistryStore;
import dev.mcplambda.store.memory.InMemorySessionStore;
import dev.mcplambda.store.memory.InMemoryTaskStore;
import dev.mcplambda.task.TaskStatus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The tasks extension through the dispatcher, in memory: launches are recorded and the test runs
 * each round itself with {@link TaskRunner}, so every step is deterministic.
 */
class TaskMethodsTest {

  private static final String ALICE = "arn:aws:iam::111122223333:user/alice";
  private static final String BOB = "arn:aws:iam::111122223333:user/bob";
  private static final String FN = "arn:aws:lambda:us-east-1:111122223333:function:";

  private final InMemoryRegistryStore registry = new InMemoryRegistryStore();
  private final FakeFunctionInvoker functions = new FakeFunctionInvoker();
  private final InMemoryTaskStore store = new InMemoryTaskStore();
  private final List<int[]> launchRounds = new ArrayList<>();
  private final List<String> launchIds = new ArrayList<>();
  private final AtomicBoolean launchRefused = new AtomicBoolean();
  private final TaskRunner runner = new TaskRunner(store, functions, Clock.systemUTC());
  private final ProtocolDispatcher dispatcher;
  private final AtomicInteger ids = new AtomicInteger();

  TaskMethodsTest() {
    tool("compute", RegistryEntry.INVOKE_TASK_OPTIONAL);
    functions.register(
        FN + "compute", e -> success("{\"content\":[{\"type\":\"text\",\"text\":\"42\"}]}"));
    tool("job", RegistryEntry.INVOKE_TASK);
    functions.register(
        FN + "job",
        e -> success("{\"content\":[{\"type\":\"text\",\"text\":\"no\"}],\"isError\":true}"));
    tool("crash", RegistryEntry.INVOKE_TASK);
    functions.register(FN + "crash", e -> new InvocationOutcome.FunctionError("Boom", "crashed"));
    tool("confirm", RegistryEntry.INVOKE_TASK);
    functions.register(
        FN + "confirm",
        e -> {
          JsonNode answers = e.path("extra").path("inputResponses");
          if (answers.has("a") && answers.has("b")) {
            return success(
                "{\"content\":[{\"type\":\"text\",\"text\":\"got "
                    + answers.path("a").path("content").path("v").asText()
                    + answers.path("b").path("content").path("v").asText()
                    + " state "
                    + e.path("extra").path("requestState").asText()
                    + "\"}]}");
          }
          return success(
              "{\"resultType\":\"input_required\",\"requestState\":\"s-1\",\"inputRequests\":{"
                  + "\"a\":{\"method\":\"elicitation/create\",\"params\":{}},"
                  + "\"b\":{\"method\":\"elicitation/create\",\"params\":{}}}}");
        });
    tool("escalate", null);
    functions.register(
        FN + "escalate",
        e ->
            e.path("extra").has("taskId")
                ? success(
                    "{\"content\":[{\"type\":\"text\",\"text\":\"late "
                        + e.path("args").path("x").asText()
                        + "\"}]}")
                : success("{\"resultType\":\"task\"}"));
    TaskMethods tasks =
        new TaskMethods(
            store,
            (id, round) -> {
              launchIds.add(id);
              launchRounds.add(new int[] {round});
              return !launchRefused.get();
            },
            Clock.systemUTC(),
            60_000,
            500);
    dispatcher =
        new ProtocolDispatcher(
            new CatalogCache(registry),
            functions,
            new InMemorySessionStore(),
            new SchemaValidator(),
            ServerInfo.DEFAULT,
            DispatcherConfig.defaults().withStateSecret("secret"),
            tasks);
  }

  @Test
  void discoverAdvertisesTheExtensionOnlyWhenTasksAreOn() {
    // when
    JsonNode withTasks = call("server/discover", "{}", true, ALICE).result();
    ProtocolDispatcher without =
        new ProtocolDispatcher(
            new CatalogCache(registry),
            functions,
            new InMemorySessionStore(),
            new SchemaValidator(),
            ServerInfo.DEFAULT,
            DispatcherConfig.defaults().withStateSecret("secret"));
    JsonNode withoutTasks =
        without.handle(request("server/discover", "{}", true), context(ALICE), null).result();

    // then
    assertThat(withTasks.path("capabilities").path("extensions").has(TaskMethods.EXTENSION))
        .isTrue();
    assertThat(withTasks.path("capabilities").has("tasks")).isFalse();
    assertThat(withoutTasks.path("capabilities").has("extensions")).isFalse();
  }

  @Test
  void aTaskToolCallAnswersAFlatCreateTaskResultAndTheRunCompletesIt() {
    // when
    JsonNode created = call("tools/call", "{\"name\":\"compute\"}", true, ALICE).result();

    // then the task exists before the run and the answer is flat
    assertThat(created.path("resultType").asText()).isEqualTo("task");
    assertThat(created.has("task")).isFalse();
    assertThat(created.path("status").asText()).isEqualTo("working");
    assertThat(created.path("ttlMs").asLong()).isEqualTo(60_000);
    assertThat(created.path("pollIntervalMs").asLong()).isEqualTo(500);
    assertThat(created.path("createdAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*");
    String id = created.path("taskId").asText();
    assertThat(launchIds).containsExactly(id);
    assertThat(functions.calls).isEmpty();
    JsonNode working = get(id, ALICE).result();
    assertThat(working.path("status").asText()).isEqualTo("working");
    assertThat(working.path("resultType").asText()).isEqualTo("complete");
    assertThat(working.has("result")).isFalse();

    // when the runner runs round 1
    assertThat(runner.run(id, 1, null)).contains(TaskStatus.COMPLETED);

    // then the function got the task id and tasks/get inlines the result
    assertThat(functions.lastCall().event().path("extra").path("taskId").asText()).isEqualTo(id);
    JsonNode done = get(id, ALICE).result();
    assertThat(done.path("status").asText()).isEqualTo("completed");
    assertThat(done.path("result").path("content").get(0).path("text").asText()).isEqualTo("42");
    assertThat(done.has("requestState")).isFalse();
    assertThat(done.has("error")).isFalse();
  }

  @Test
  void withoutTheExtensionOptionalTaskToolsRunSynchronouslyAndRequiredOnesAreRefused() {
    // when
    JsonNode sync = call("tools/call", "{\"name\":\"compute\"}", false, ALICE).result();
    JsonRpcResponse refused = call("tools/call", "{\"name\":\"job\"}", false, ALICE);

    // then
    assertThat(sync.path("resultType").asText()).isEqualTo("complete");
    assertThat(sync.path("content").get(0).path("text").asText()).isEqualTo("42");
    assertThat(refused.error().code()).isEqualTo(-32021);
    assertThat(
            refused
                .error()
                .data()
                .path("requiredCapabilities")
                .path("extensions")
                .has(TaskMethods.EXTENSION))
        .isTrue();
    assertThat(launchIds).isEmpty();
  }

  @Test
  void tasksMethodsNeedTheExtensionAndAKnownTaskOfTheCaller() {
    // given
    String id =
        call("tools/call", "{\"name\":\"compute\"}", true, ALICE).result().path("taskId").asText();

    // when / then
    for (String method : List.of("tasks/get", "tasks/cancel", "tasks/update")) {
      assertThat(
              call(method, "{\"taskId\":\"" + id + "\",\"inputResponses\":{}}", false, ALICE)
                  .error()
                  .code())
          .as(method)
          .isEqualTo(-32021);
    }
    assertThat(get("no-such-task", ALICE).error().code()).isEqualTo(-32602);
    assertThat(get(id, BOB).error().code()).isEqualTo(-32602);
    assertThat(call("tasks/get", "{}", true, ALICE).error().code()).isEqualTo(-32602);
    assertThat(call("tasks/list", "{}", true, ALICE).error().code()).isEqualTo(-32601);
    assertThat(call("tasks/result", "{\"taskId\":\"" + id + "\"}", true, ALICE).error().code())
        .isEqualTo(-32601);
  }

  @Test
  void cancelWinsOverALateResultAndIsAnIdempotentEmptyAck() {
    // given
    String id =
        call("tools/call", "{\"name\":\"compute\"}", true, ALICE).result().path("taskId").asText();

    // when
    JsonNode ack = call("tasks/cancel", "{\"taskId\":\"" + id + "\"}", true, ALICE).result();
    var late = runner.run(id, 1, null);
    JsonNode again = call("tasks/cancel", "{\"taskId\":\"" + id + "\"}", true, ALICE).result();

    // then
    assertThat(ack.path("resultType").asText()).isEqualTo("complete");
    assertThat(ack.has("taskId") || ack.has("status")).isFalse();
    assertThat(late).isEmpty();
    assertThat(functions.calls).isEmpty();
    assertThat(again.path("resultType").asText()).isEqualTo("complete");
    JsonNode task = get(id, ALICE).result();
    assertThat(task.path("status").asText()).isEqualTo("cancelled");
    assertThat(task.has("result")).isFalse();
  }

  @Test
  void toolErrorsCompleteAndFunctionFailuresFail() {
    // given
    String job =
        call("tools/call", "{\"name\":\"job\"}", true, ALICE).result().path("taskId").asText();
    String crash =
        call("tools/call", "{\"name\":\"crash\"}", true, ALICE).result().path("taskId").asText();

    // when
    runner.run(job, 1, null);
    runner.run(crash, 1, null);

    // then
    JsonNode completed = get(job, ALICE).result();
    assertThat(completed.path("status").asText()).isEqualTo("completed");
    assertThat(completed.path("result").path("isError").asBoolean()).isTrue();
    JsonNode failed = get(crash, ALICE).result();
    assertThat(failed.path("status").asText()).isEqualTo("failed");
    assertThat(failed.path("error").path("code").asInt()).isEqualTo(-32603);
    assertThat(failed.path("error").path("message").asText()).contains("Boom: crashed");
    assertThat(failed.path("statusMessage").asText()).contains("Boom: crashed");
    assertThat(failed.has("result")).isFalse();
  }

  @Test
  void inputRequiredInsideATaskIsAnsweredWithTasksUpdateAndResumesInANewRound() {
    // given a task waiting for two answers
    String id =
        call("tools/call", "{\"name\":\"confirm\"}", true, ALICE).result().path("taskId").asText();
    assertThat(runner.run(id, 1, null)).contains(TaskStatus.INPUT_REQUIRED);
    JsonNode waiting = get(id, ALICE).result();
    assertThat(waiting.path("status").asText()).isEqualTo("input_required");
    assertThat(waiting.path("inputRequests").has("a")).isTrue();
    assertThat(waiting.path("inputRequests").has("b")).isTrue();
    assertThat(waiting.has("requestState")).isFalse();

    // when one answer (and an unknown key) arrives
    JsonNode ack =
        call(
                "tasks/update",
                "{\"taskId\":\""
                    + id
                    + "\",\"inputResponses\":{\"a\":{\"action\":\"accept\",\"content\":{\"v\":\"1\"}},"
                    + "\"zzz\":{}}}",
                true,
                ALICE)
            .result();

    // then only the other one is pending and nothing was launched
    assertThat(ack.path("resultType").asText()).isEqualTo("complete");
    assertThat(ack.has("status")).isFalse();
    JsonNode partly = get(id, ALICE).result();
    assertThat(partly.path("status").asText()).isEqualTo("input_required");
    assertThat(fieldNames(partly.path("inputRequests"))).containsExactly("b");
    assertThat(launchIds).hasSize(1);

    // when the last answer arrives
    call(
        "tasks/update",
        "{\"taskId\":\""
            + id
            + "\",\"inputResponses\":{\"b\":{\"action\":\"accept\",\"content\":{\"v\":\"2\"}}}}",
        true,
        ALICE);

    // then round 2 is launched and runs with both answers and the function's state
    assertThat(launchRounds).hasSize(2);
    assertThat(launchRounds.get(1)[0]).isEqualTo(2);
    assertThat(get(id, ALICE).result().path("status").asText()).isEqualTo("working");
    assertThat(runner.run(id, 1, null)).as("a stale round-1 launch").isEmpty();
    assertThat(runner.run(id, 2, null)).contains(TaskStatus.COMPLETED);
    assertThat(get(id, ALICE).result().path("result").path("content").get(0).path("text").asText())
        .isEqualTo("got 12 state s-1");
  }

  @Test
  void aBufferedToolMayEscalateToATaskThatRunsWithTheSameEvent() {
    // when
    JsonNode created =
        call("tools/call", "{\"name\":\"escalate\",\"arguments\":{\"x\":\"y\"}}", true, ALICE)
            .result();
    JsonRpcResponse undeclared =
        call("tools/call", "{\"name\":\"escalate\",\"arguments\":{\"x\":\"y\"}}", false, ALICE);

    // then
    assertThat(created.path("resultType").asText()).isEqualTo("task");
    assertThat(created.has("requestState")).isFalse();
    String id = created.path("taskId").asText();
    runner.run(id, 1, null);
    assertThat(get(id, ALICE).result().path("result").path("content").get(0).path("text").asText())
        .isEqualTo("late y");
    assertThat(undeclared.error().code()).isEqualTo(-32021);
  }

  @Test
  void aResultTooLargeForTheTaskStoreFailsTheTaskInsteadOfLosingIt() {
    // given a tool whose result exceeds what a task item holds
    functions.register(
        FN + "compute",
        e ->
            success(
                "{\"content\":[{\"type\":\"text\",\"text\":\""
                    + "x".repeat(TaskRunner.MAX_STORED_CHARS)
                    + "\"}]}"));
    String id =
        call("tools/call", "{\"name\":\"compute\"}", true, ALICE).result().path("taskId").asText();

    // when
    runner.run(id, 1, null);

    // then
    JsonNode task = get(id, ALICE).result();
    assertThat(task.path("status").asText()).isEqualTo("failed");
    assertThat(task.path("error").path("message").asText()).contains("too large");
  }

  @Test
  void aTaskWhoseRunCannotBeLaunchedFails() {
    // given
    launchRefused.set(true);

    // when
    JsonNode created = call("tools/call", "{\"name\":\"compute\"}", true, ALICE).result();

    // then
    assertThat(created.path("status").asText()).isEqualTo("failed");
    JsonNode task = get(created.path("taskId").asText(), ALICE).result();
    assertThat(task.path("error").path("message").asText()).contains("could not be started");
  }

  @Test
  void aStatusWatchReportsEachChangeOfTheCallersTasksUntilTheyEnd() {
    // given Alice's task, watched by Alice with one foreign and one unknown id
    String id =
        call("tools/call", "{\"name\":\"compute\"}", true, ALICE).result().path("taskId").asText();
    String bobs =
        call("tools/call", "{\"name\":\"compute\"}", true, BOB).result().path("taskId").asText();
    TaskStatusFeed feed = dispatcher.taskStatus();
    TaskStatusFeed.Watch watch =
        feed.watch(
            ALICE,
            caps(true),
            json("{\"ids\":[\"" + id + "\",\"" + bobs + "\",\"nope\"]}").get("ids"));

    // then only Alice's task is honoured, and nothing changed yet
    assertThat(watch.taskIds()).hasSize(1);
    assertThat(watch.taskIds().get(0).asText()).isEqualTo(id);
    assertThat(watch.check()).isEmpty();

    // when the task completes
    runner.run(id, 1, null);
    List<ObjectNode> changed = watch.check();

    // then one notification with the DetailedTask, and the watch is done
    assertThat(changed).hasSize(1);
    assertThat(changed.get(0).path("taskId").asText()).isEqualTo(id);
    assertThat(changed.get(0).path("status").asText()).isEqualTo("completed");
    assertThat(changed.get(0).path("result").path("content").get(0).path("text").asText())
        .isEqualTo("42");
    assertThat(watch.nextCheckAt()).isEqualTo(Long.MAX_VALUE);
    assertThat(watch.check()).isEmpty();
  }

  @Test
  void taskIdsWithoutTheExtensionAreRefusedAndWithoutTaskIdsNothingIsWatched() {
    JsonNode ids = json("{\"ids\":[\"x\"]}").get("ids");
    assertThat(dispatcher.taskStatus().watch(ALICE, caps(false), ids)).isNull();
    assertThat(dispatcher.taskStatus().watch(ALICE, caps(false), null).taskIds()).isNull();
    assertThat(TaskStatusFeed.missingCapability().code()).isEqualTo(-32021);
  }

  private static JsonNode caps(boolean tasks) {
    ObjectNode caps = Json.object();
    if (tasks) {
      caps.putObject("extensions").putObject(TaskMethods.EXTENSION);
    }
    return caps;
  }

  // ---- fixtures ----

  private JsonRpcResponse get(String id, String principal) {
    return call("tasks/get", "{\"taskId\":\"" + id + "\"}", true, principal);
  }

  private JsonRpcResponse call(String method, String params, boolean tasks, String principal) {
    return dispatcher.handle(request(method, params, tasks), context(principal), null);
  }

  private JsonRpcRequest request(String method, String params, boolean tasks) {
    ObjectNode p = json(params);
    ObjectNode meta = p.putObject("_meta");
    meta.put("io.modelcontextprotocol/protocolVersion", "2026-07-28");
    ObjectNode caps = meta.putObject("io.modelcontextprotocol/clientCapabilities");
    if (tasks) {
      caps.putObject("extensions").putObject(TaskMethods.EXTENSION);
    }
    return new JsonRpcRequest(Json.nodes().numberNode(ids.incrementAndGet()), method, p);
  }

  private static CallContext context(String principal) {
    return new CallContext(
        Era.STATELESS,
        null,
        principal,
        null,
        null,
        null,
        null,
        new InvocationContext("req", Long.MAX_VALUE, null, null));
  }

  private void tool(String name, String invokeMode) {
    registry.create(
        new RegistryEntry(
            "tool-" + name,
            EntryType.TOOL,
            name,
            null,
            "the " + name + " tool",
            FN + name,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            invokeMode));
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static InvocationOutcome success(String json) {
    return new InvocationOutcome.Success(json(json));
  }

  private static ObjectNode json(String text) {
    try {
      return (ObjectNode) Json.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
