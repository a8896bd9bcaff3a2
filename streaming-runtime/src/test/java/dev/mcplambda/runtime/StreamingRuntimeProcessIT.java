package dev.mcplambda.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code main} end to end in its own JVM, started the way Lambda starts it: through the exec
 * wrapper, given the stock java21 command line, against the Runtime API fixture.
 */
class StreamingRuntimeProcessIT {

  RuntimeApiFixture fixture;
  Process process;

  @BeforeEach
  void setUp() throws Exception {
    fixture = new RuntimeApiFixture();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (process != null) {
      process.destroyForcibly().waitFor(RuntimeApiFixture.WAIT_SECONDS, TimeUnit.SECONDS);
    }
    fixture.close();
  }

  Process launch(String handler, Path taskRoot) throws Exception {
    return launch(handler, taskRoot, Map.of(), null);
  }

  /** Starts the wrapper on the stock command line, optionally with another CRaC compat package. */
  Process launch(String handler, Path taskRoot, Map<String, String> env, String cracCompat)
      throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> stock =
        new ArrayList<>(
            StreamingRuntimeWrapperTest.stockCommand(java, System.getProperty("java.class.path")));
    if (cracCompat != null) {
      stock.replaceAll(
          a ->
              a.startsWith("-Dorg.crac.Core.Compat=") ? "-Dorg.crac.Core.Compat=" + cracCompat : a);
    }
    List<String> command = new ArrayList<>();
    command.add("bash");
    command.add(LayerFiles.wrapper().toString());
    command.addAll(stock.subList(0, stock.size() - 1));
    command.add(handler);
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("AWS_LAMBDA_RUNTIME_API", fixture.hostAndPort());
    pb.environment().put("_HANDLER", handler);
    pb.environment().put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
    pb.environment().put("LAMBDA_TASK_ROOT", taskRoot.toString());
    pb.environment().remove("AWS_LAMBDA_INITIALIZATION_TYPE");
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    pb.redirectOutput(taskRoot.resolve("runtime.log").toFile());
    return pb.start();
  }

  @Test
  void mainStreamsAnInvocationWhenStartedThroughTheWrapper(@TempDir Path taskRoot)
      throws Exception {
    // given an event waiting and the runtime started as Lambda would
    fixture.enqueue(RuntimeApiFixture.Event.of("req-1", StreamingRuntimeTest.URL_EVENT));
    long started = System.nanoTime();
    process = launch(SseTestHandler.class.getName() + "::handleRequest", taskRoot);

    // when the streamed response arrives
    RuntimeApiFixture.Request post = fixture.take("/response");
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    System.out.println(
        "[StreamingRuntimeProcessIT] process start -> first streamed response complete: "
            + millis
            + " ms");

    // then it is the streamed SSE answer, chunk by chunk, and the runtime asks for the next event
    assertThat(post.header("Lambda-Runtime-Function-Response-Mode")).isEqualTo("streaming");
    assertThat(post.chunks()).hasSize(3);
    assertThat(new String(post.chunks().get(1), StandardCharsets.UTF_8))
        .isEqualTo("data: /mcp\n\n");
    assertThat(new String(post.chunks().get(2), StandardCharsets.UTF_8))
        .isEqualTo("data: req-1\n\n");
    assertThat(fixture.take().path()).isEqualTo("/2018-06-01/runtime/invocation/next");
    assertThat(process.isAlive()).isTrue();
  }

  @Test
  void underSnapStartMainCallsRestoreNextAndRunsTheHandlersHooks(@TempDir Path taskRoot)
      throws Exception {
    // given a SnapStart init with the CRaC compat property pointing at a CRaC-shaped package
    fixture.enqueue(RuntimeApiFixture.Event.of("req-1", StreamingRuntimeTest.URL_EVENT));
    process =
        launch(
            SnapStartTestHandler.class.getName(),
            taskRoot,
            Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start"),
            "dev.mcplambda.runtime.craccompat");

    // when
    RuntimeApiFixture.Request restore = fixture.take();
    RuntimeApiFixture.Request next = fixture.take();
    RuntimeApiFixture.Request post = fixture.take();

    // then restore/next came first, and the hooks the handler registered ran around it
    assertThat(restore.path()).isEqualTo("/2018-06-01/runtime/restore/next");
    assertThat(next.path()).isEqualTo("/2018-06-01/runtime/invocation/next");
    assertThat(new String(post.body(), StandardCharsets.UTF_8))
        .endsWith("\0ours:before,crac:before,crac:after,ours:after");
  }

  @Test
  void underSnapStartAMissingStockCracPackageIsNoObstacle(@TempDir Path taskRoot) throws Exception {
    // given the stock property naming com.amazonaws.services.lambda.crac, absent from this class
    // path
    fixture.enqueue(RuntimeApiFixture.Event.of("req-1", StreamingRuntimeTest.URL_EVENT));
    process =
        launch(
            SnapStartTestHandler.class.getName(),
            taskRoot,
            Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start"),
            null);

    // when
    RuntimeApiFixture.Request post = fixture.take("/response");

    // then our own hooks still ran around restore/next
    assertThat(fixture.paths().get(0)).isEqualTo("GET /2018-06-01/runtime/restore/next");
    assertThat(new String(post.body(), StandardCharsets.UTF_8))
        .endsWith("\0ours:before,ours:after");
  }

  @Test
  void mainReportsAMissingHandlerAndExitsNonZero(@TempDir Path taskRoot) throws Exception {
    // when
    process = launch("dev.mcplambda.McpHandlerThatDoesNotExist", taskRoot);

    // then
    RuntimeApiFixture.Request error = fixture.take("/init/error");
    assertThat(error.header("Lambda-Runtime-Function-Error-Type"))
        .isEqualTo("Runtime.NoSuchHandler");
    assertThat(process.waitFor(RuntimeApiFixture.WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue())
        .as(String.join(File.separator, taskRoot.toString(), "runtime.log"))
        .isEqualTo(StreamingRuntime.EXIT_INIT_FAILED);
  }
}
