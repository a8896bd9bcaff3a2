package dev.mcplambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcplambda.invoke.FunctionInvoker;
import dev.mcplambda.invoke.InvocationOutcome;
import dev.mcplambda.json.Json;
import dev.mcplambda.store.memory.InMemoryTaskStore;
import dev.mcplambda.task.TaskRecord;
import dev.mcplambda.task.TaskStatus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TaskRunnerHandlerTest {

  private final InMemoryTaskStore store = new InMemoryTaskStore();
  private final AtomicInteger invocations = new AtomicInteger();
  private final FunctionInvoker invoker =
      new FunctionInvoker() {
        @Override
        public InvocationOutcome invoke(String functionArn, JsonNode event) {
          invocations.incrementAndGet();
          return new InvocationOutcome.Success(
              Json.nodes().textNode("ran " + event.path("args").path("n").asInt()));
        }
      };
  private final TaskRunnerHandler handler =
      new TaskRunnerHandler(store, invoker, Clock.systemUTC());

  @Test
  void aTaskEventRunsThatRoundAndRecordsTheResult() throws Exception {
    // given
    store.create(
        TaskRecord.working(
            "t-1",
            "p",
            "tool",
            "arn:aws:lambda:us-east-1:1:function:f",
            Json.readTree("{\"args\":{\"n\":7},\"extra\":{}}"),
            Instant.now(),
            60_000,
            500));

    // when
    String answer = handle("{\"mcpLambdaTask\":{\"taskId\":\"t-1\",\"round\":1}}");
    String duplicate = handle("{\"mcpLambdaTask\":{\"taskId\":\"t-1\",\"round\":1}}");

    // then the tool ran once; the duplicated delivery did nothing
    assertThat(answer).isEqualTo("{\"ran\":true,\"status\":\"completed\"}");
    assertThat(duplicate).isEqualTo("{\"ran\":false}");
    assertThat(invocations).hasValue(1);
    TaskRecord task = store.get("t-1", Instant.now()).orElseThrow();
    assertThat(task.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(task.result().path("content").get(0).path("text").asText()).isEqualTo("ran 7");
  }

  @Test
  void anEventThatIsNoTaskRunIsIgnoredWithoutThrowing() throws Exception {
    assertThat(handle("{\"hello\":1}")).isEqualTo("{\"ran\":false}");
    assertThat(handle("not json")).isEqualTo("{\"ran\":false}");
    assertThat(invocations).hasValue(0);
  }

  private String handle(String event) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(
        new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
    return out.toString(StandardCharsets.UTF_8);
  }
}
