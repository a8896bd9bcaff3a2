package dev.mcplambda.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcplambda.config.Environment;
import dev.mcplambda.json.Json;
import dev.mcplambda.runtime.craccompat.Context;
import dev.mcplambda.runtime.craccompat.Core;
import dev.mcplambda.runtime.craccompat.Resource;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Start-up: loading the handler by name, init errors, and the SnapStart lifecycle. */
class StreamingRuntimeLifecycleTest {

  static final String RESTORE_NEXT = "GET /2018-06-01/runtime/restore/next";
  static final String CRAC_COMPAT = "dev.mcplambda.runtime.craccompat";

  RuntimeApiFixture fixture;
  List<String> log = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() throws IOException {
    fixture = new RuntimeApiFixture();
    Core.getGlobalContext().clear();
  }

  @AfterEach
  void tearDown() throws IOException {
    Core.getGlobalContext().clear();
    fixture.close();
  }

  RuntimeSettings settings(String handler, boolean snapStart) {
    return new RuntimeSettings(fixture.hostAndPort(), handler, snapStart, CRAC_COMPAT, 1000);
  }

  StreamingRuntime byName(String handler) {
    return new StreamingRuntime(
        settings(handler, false), new Environment(Map.of()), new SnapStartHooks());
  }

  boolean restoreRequested() {
    return fixture.paths().contains(RESTORE_NEXT);
  }

  @Test
  void aMissingHandlerClassIsReportedOnInitErrorAndTheRuntimeExitsNonZero() throws Exception {
    // when
    int exit = byName("dev.mcplambda.McpHandlerThatDoesNotExist").run();

    // then
    assertThat(exit).isEqualTo(StreamingRuntime.EXIT_INIT_FAILED);
    assertThat(fixture.paths()).containsExactly("POST /2018-06-01/runtime/init/error");
    RuntimeApiFixture.Request error = fixture.take("/init/error");
    assertThat(error.header("Lambda-Runtime-Function-Error-Type"))
        .isEqualTo("Runtime.NoSuchHandler");
    JsonNode body = Json.mapper().readTree(error.body());
    assertThat(body.get("errorType").asText()).isEqualTo("java.lang.ClassNotFoundException");
    assertThat(body.get("errorMessage").asText())
        .isEqualTo("handler class not found: dev.mcplambda.McpHandlerThatDoesNotExist");
  }

  @Test
  void aThrowingConstructorIsBadFunctionCode() throws Exception {
    // when
    int exit = byName(FailingConstructorHandler.class.getName()).run();

    // then
    assertThat(exit).isEqualTo(StreamingRuntime.EXIT_INIT_FAILED);
    RuntimeApiFixture.Request error = fixture.take("/init/error");
    assertThat(error.header("Lambda-Runtime-Function-Error-Type"))
        .isEqualTo("Runtime.BadFunctionCode");
    JsonNode body = Json.mapper().readTree(error.body());
    assertThat(body.get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(body.get("errorMessage").asText()).contains("REGISTRY_TABLE is not set");
  }

  @Test
  void aClassThatIsNoHandlerIsBadFunctionCode() throws Exception {
    // when
    int exit = byName("java.lang.Object").run();

    // then
    assertThat(exit).isEqualTo(StreamingRuntime.EXIT_INIT_FAILED);
    assertThat(fixture.take("/init/error").header("Lambda-Runtime-Function-Error-Type"))
        .isEqualTo("Runtime.BadFunctionCode");
  }

  @Test
  void theHandlerIsLoadedByNameIgnoringAMethodSuffix() throws Exception {
    // given
    StreamingRuntime runtime = byName(SseTestHandler.class.getName() + "::handleRequest");
    fixture.enqueue(RuntimeApiFixture.Event.of("req-1", StreamingRuntimeTest.URL_EVENT));

    // when
    runtime.initialize();
    runtime.runOnce();

    // then no SnapStart call was made and the handler streamed
    assertThat(fixture.paths()).doesNotContain(RESTORE_NEXT);
    assertThat(fixture.take("/response").text()).endsWith("data: /mcp\n\ndata: req-1\n\n");
  }

  @Test
  void underSnapStartHooksRunAroundRestoreNextBeforeTheFirstInvocation() throws Exception {
    // given our hook and a resource registered through the CRaC-compatible global context
    SnapStartHooks hooks = new SnapStartHooks();
    hooks.register(
        new SnapStartHook() {
          @Override
          public void beforeSnapshot() {
            log.add("ours:before restored=" + restoreRequested());
          }

          @Override
          public void afterRestore() {
            log.add("ours:after restored=" + restoreRequested());
          }
        });
    Core.getGlobalContext()
        .register(
            new Resource() {
              @Override
              public void beforeCheckpoint(Context context) {
                log.add("crac:before restored=" + restoreRequested());
              }

              @Override
              public void afterRestore(Context context) {
                log.add("crac:after restored=" + restoreRequested());
              }
            });
    StreamingRuntime runtime =
        new StreamingRuntime(
            settings(SseTestHandler.class.getName(), true), new Environment(Map.of()), hooks);
    fixture.enqueue(RuntimeApiFixture.Event.of("req-1", StreamingRuntimeTest.URL_EVENT));

    // when
    runtime.initialize();
    runtime.runOnce();

    // then before-snapshot hooks ran before restore/next, after-restore hooks after it
    assertThat(log)
        .containsExactly(
            "ours:before restored=false",
            "crac:before restored=false",
            "crac:after restored=true",
            "ours:after restored=true");
    assertThat(fixture.paths())
        .containsExactly(
            RESTORE_NEXT,
            "GET /2018-06-01/runtime/invocation/next",
            "POST /2018-06-01/runtime/invocation/req-1/response");
  }

  @Test
  void aFailingBeforeSnapshotHookIsAnInitErrorAndNoSnapshotIsRequested() throws Exception {
    // given
    SnapStartHooks hooks = new SnapStartHooks();
    hooks.register(
        new SnapStartHook() {
          @Override
          public void beforeSnapshot() {
            throw new IllegalStateException("cannot prime");
          }
        });

    // when
    int exit =
        new StreamingRuntime(
                settings(SseTestHandler.class.getName(), true), new Environment(Map.of()), hooks)
            .run();

    // then
    assertThat(exit).isEqualTo(StreamingRuntime.EXIT_SNAPSTART_HOOK_FAILED);
    assertThat(fixture.paths()).containsExactly("POST /2018-06-01/runtime/init/error");
    assertThat(fixture.take("/init/error").header("Lambda-Runtime-Function-Error-Type"))
        .isEqualTo("Runtime.BeforeCheckpointError");
  }

  @Test
  void aFailingAfterRestoreHookIsReportedOnRestoreError() throws Exception {
    // given
    SnapStartHooks hooks = new SnapStartHooks();
    hooks.register(
        new SnapStartHook() {
          @Override
          public void afterRestore() {
            throw new IllegalStateException("cannot reconnect");
          }
        });

    // when
    int exit =
        new StreamingRuntime(
                settings(SseTestHandler.class.getName(), true), new Environment(Map.of()), hooks)
            .run();

    // then
    assertThat(exit).isEqualTo(StreamingRuntime.EXIT_SNAPSTART_HOOK_FAILED);
    assertThat(fixture.paths())
        .containsExactly(RESTORE_NEXT, "POST /2018-06-01/runtime/restore/error");
    RuntimeApiFixture.Request error = fixture.take("/restore/error");
    assertThat(error.header("Lambda-Runtime-Function-Error-Type"))
        .isEqualTo("Runtime.AfterRestoreError");
    assertThat(Json.mapper().readTree(error.body()).get("errorMessage").asText())
        .isEqualTo("cannot reconnect");
  }

  @Test
  void runServesInvocationsUntilStopped() throws Exception {
    // given a handler that stops the loop while serving the second invocation
    StreamingRuntime[] runtime = new StreamingRuntime[1];
    List<String> served = new CopyOnWriteArrayList<>();
    StreamingHandler handler =
        (request, response, context) -> {
          served.add(context.requestId());
          if (served.size() == 2) {
            runtime[0].stop();
          }
          response.start(200, Map.of(), List.of());
        };
    runtime[0] =
        new StreamingRuntime(
            settings(null, false), new Environment(Map.of()), new SnapStartHooks(), handler);
    fixture.enqueue(RuntimeApiFixture.Event.of("a", StreamingRuntimeTest.URL_EVENT));
    fixture.enqueue(RuntimeApiFixture.Event.of("b", StreamingRuntimeTest.URL_EVENT));

    // when
    int exit = runtime[0].run();

    // then both were answered and the loop ended without asking for a third event
    assertThat(exit).isZero();
    assertThat(served).containsExactly("a", "b");
    assertThat(fixture.paths())
        .containsExactly(
            "GET /2018-06-01/runtime/invocation/next",
            "POST /2018-06-01/runtime/invocation/a/response",
            "GET /2018-06-01/runtime/invocation/next",
            "POST /2018-06-01/runtime/invocation/b/response");
  }

  @Test
  void aRuntimeApiThatGoesAwayEndsTheLoopWithAnExitCode() throws Exception {
    // given a runtime waiting for its first event
    StreamingRuntime runtime =
        new StreamingRuntime(
            settings(SseTestHandler.class.getName(), false),
            new Environment(Map.of()),
            new SnapStartHooks());
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> exit = executor.submit(runtime::run);
      fixture.take("/invocation/next");

      // when the Runtime API disappears
      fixture.close();

      // then
      assertThat(exit.get(RuntimeApiFixture.WAIT_SECONDS, TimeUnit.SECONDS))
          .isEqualTo(StreamingRuntime.EXIT_RUNTIME_API_FAILED);
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void settingsComeFromTheLambdaEnvironment() {
    // given
    Environment env =
        new Environment(
            Map.of(
                "AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001",
                "_HANDLER", "dev.mcplambda.McpHandler",
                "AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start"));

    // when
    RuntimeSettings fromEnv = RuntimeSettings.from(env, new String[0]);
    RuntimeSettings fromArg = RuntimeSettings.from(env, new String[] {"other.Handler"});

    // then
    assertThat(fromEnv.runtimeApi()).isEqualTo("127.0.0.1:9001");
    assertThat(fromEnv.handler()).isEqualTo("dev.mcplambda.McpHandler");
    assertThat(fromEnv.snapStart()).isTrue();
    assertThat(fromArg.handler()).isEqualTo("other.Handler");
    assertThat(
            RuntimeSettings.from(
                    new Environment(Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand")),
                    new String[0])
                .snapStart())
        .isFalse();
  }
}
