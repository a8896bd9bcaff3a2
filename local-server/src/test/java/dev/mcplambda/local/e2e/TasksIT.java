package dev.mcplambda.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcplambda.config.Environment;
import dev.mcplambda.local.LocalServer;
import dev.mcplambda.local.LocalServerOptions;
import dev.mcplambda.testing.Dynalite;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * MCP tasks end to end over HTTP against the local server with the example catalog: the tool call
 * answers with a task at once, the tool runs through the in-process function host's asynchronous
 * Invoke (the task runner), and later, separate requests (the client holds no stream) poll, answer
 * input requests and cancel — in memory and on dynalite.
 */
class TasksIT {

  private static final Map<String, Object> TASKS =
      Map.of("extensions", Map.of("io.modelcontextprotocol/tasks", Map.of()));

  /** Generous guard for polling loops: never reached unless a task hangs. */
  private static final long GUARD_MILLIS = 60_000;

  @Test
  void tasksRunPollAnswerAndCancelWithInMemoryStores() throws Exception {
    try (LocalServer server = start(null)) {
      exercise(client(server));
    }
  }

  @Test
  void tasksRunPollAnswerAndCancelWithDynamoDbStores() throws Exception {
    try (LocalServer server = start(Dynalite.endpoint())) {
      exercise(client(server));
    }
  }

  private static void exercise(StatelessMcpClient client) throws Exception {
    createThenPollForTheResult(client);
    statusNotificationsOnAListenStream(client);
    cancelARunningTask(client);
    answerAnInputRequestInsideATask(client);
  }

  private static void createThenPollForTheResult(StatelessMcpClient client) throws Exception {
    // given the server advertises the extension
    JsonNode discovered = client.send("server/discover", Map.of(), TASKS).result();
    assertThat(
            discovered.path("capabilities").path("extensions").has("io.modelcontextprotocol/tasks"))
        .isTrue();

    // when
    JsonNode created =
        client
            .send(
                "tools/call",
                Map.of("name", "slow_compute", "arguments", Map.of("seconds", 1, "label", "e2e")),
                TASKS)
            .result();

    // then a task, readable at once, that completes with the tool's result
    assertThat(created.path("resultType").asText()).isEqualTo("task");
    String id = created.path("taskId").asText();
    assertThat(get(client, id).path("taskId").asText()).isEqualTo(id);
    JsonNode done = pollUntil(client, id, List.of("completed", "failed", "cancelled"));
    assertThat(done.path("status").asText()).isEqualTo("completed");
    assertThat(done.path("result").path("content").get(0).path("text").asText())
        .contains("slow_compute finished e2e");
  }

  private static void statusNotificationsOnAListenStream(StatelessMcpClient client)
      throws Exception {
    // given a running task
    String id =
        client
            .send(
                "tools/call",
                Map.of("name", "slow_compute", "arguments", Map.of("seconds", 1, "label", "push")),
                TASKS)
            .result()
            .path("taskId")
            .asText();

    // when the client listens for it
    List<JsonNode> messages =
        client.listenUntil(
            Map.of("taskIds", List.of(id)),
            TASKS,
            m ->
                "notifications/tasks".equals(m.path("method").asText())
                    && "completed".equals(m.path("params").path("status").asText()),
            GUARD_MILLIS);

    // then the acknowledgement names the task and a notification carries its result
    JsonNode ack = messages.get(0);
    assertThat(ack.path("method").asText()).isEqualTo("notifications/subscriptions/acknowledged");
    assertThat(ack.path("params").path("notifications").path("taskIds").get(0).asText())
        .isEqualTo(id);
    JsonNode done = messages.get(messages.size() - 1).path("params");
    assertThat(done.path("status").asText()).isEqualTo("completed");
    assertThat(done.path("taskId").asText()).isEqualTo(id);
    assertThat(done.path("result").path("content").get(0).path("text").asText())
        .contains("slow_compute finished push");

    // and without the extension declared, asking for task notifications is refused
    StatelessMcpClient.Exchange refused =
        client.send(
            "subscriptions/listen", Map.of("notifications", Map.of("taskIds", List.of(id))));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.response().path("error").path("code").asInt()).isEqualTo(-32021);
  }

  private static void cancelARunningTask(StatelessMcpClient client) throws Exception {
    // given a task that runs longer than the test
    String id =
        client
            .send(
                "tools/call",
                Map.of("name", "slow_compute", "arguments", Map.of("seconds", 25, "label", "x")),
                TASKS)
            .result()
            .path("taskId")
            .asText();

    // when
    JsonNode ack = client.send("tasks/cancel", Map.of("taskId", id), TASKS).result();

    // then
    assertThat(ack.path("resultType").asText()).isEqualTo("complete");
    assertThat(ack.has("status")).isFalse();
    assertThat(get(client, id).path("status").asText()).isEqualTo("cancelled");
  }

  private static void answerAnInputRequestInsideATask(StatelessMcpClient client) throws Exception {
    // given a task that asks for a confirmation
    String id =
        client
            .send(
                "tools/call",
                Map.of("name", "confirm_delete", "arguments", Map.of("filename", "e2e.txt")),
                TASKS)
            .result()
            .path("taskId")
            .asText();
    JsonNode waiting = pollUntil(client, id, List.of("input_required", "failed", "completed"));
    assertThat(waiting.path("status").asText()).isEqualTo("input_required");
    assertThat(waiting.path("inputRequests").path("confirm").path("method").asText())
        .isEqualTo("elicitation/create");

    // when the client answers
    JsonNode ack =
        client
            .send(
                "tasks/update",
                Map.of(
                    "taskId",
                    id,
                    "inputResponses",
                    Map.of(
                        "confirm", Map.of("action", "accept", "content", Map.of("confirm", true)))),
                TASKS)
            .result();

    // then the task resumes and completes with the answer applied
    assertThat(ack.path("resultType").asText()).isEqualTo("complete");
    JsonNode done = pollUntil(client, id, List.of("completed", "failed", "cancelled"));
    assertThat(done.path("status").asText()).isEqualTo("completed");
    assertThat(done.path("result").path("content").get(0).path("text").asText())
        .isEqualTo("Deleted e2e.txt");
  }

  private static JsonNode get(StatelessMcpClient client, String id) throws Exception {
    return client.send("tasks/get", Map.of("taskId", id), TASKS).result();
  }

  private static JsonNode pollUntil(StatelessMcpClient client, String id, List<String> statuses)
      throws Exception {
    long guard = System.currentTimeMillis() + GUARD_MILLIS;
    JsonNode task = get(client, id);
    while (!statuses.contains(task.path("status").asText()) && System.currentTimeMillis() < guard) {
      Thread.sleep(100);
      task = get(client, id);
    }
    return task;
  }

  private static StatelessMcpClient client(LocalServer server) {
    return new StatelessMcpClient(
        HttpClient.newHttpClient(), URI.create(server.mcpUrl() + "/mcp"), null);
  }

  private static LocalServer start(String dynamoDbEndpoint) throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    LocalServerOptions options =
        new LocalServerOptions(
            "127.0.0.1",
            0,
            0,
            0,
            dynamoDbEndpoint,
            null,
            null,
            LocalServerOptions.AuthMode.NONE,
            null,
            true,
            30,
            LocalServerOptions.DEFAULT_MAX_BODY_BYTES,
            false);
    return LocalServer.start(
        options,
        Map.of(
            Environment.REGISTRY_TABLE, "tasks-it-registry-" + suffix,
            Environment.SESSION_TABLE, "tasks-it-sessions-" + suffix));
  }
}
