package dev.mcplambda.runtime;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.mcplambda.config.Environment;
import dev.mcplambda.http.FunctionUrlRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Lambda Runtime API client that streams: the process {@code AWS_LAMBDA_EXEC_WRAPPER} starts
 * instead of the stock Java runtime. It loads the handler named by {@code _HANDLER}, runs the
 * SnapStart lifecycle when asked to, then loops over {@code invocation/next}: Function URL events
 * go to a {@link StreamingHandler} through a streaming {@link ResponseStream}; other events (and
 * plain {@code RequestStreamHandler}s) are answered buffered. See {@code
 * docs/streaming-runtime.md}.
 */
public final class StreamingRuntime {

  /** The system property X-Ray SDKs read the trace header from (set like the stock runtime). */
  static final String TRACE_PROPERTY = "com.amazonaws.xray.traceHeader";

  static final int EXIT_INIT_FAILED = 1;
  static final int EXIT_RUNTIME_API_FAILED = 2;
  static final int EXIT_SNAPSTART_HOOK_FAILED = 64;

  private static final byte[] PRIMING_EVENT =
      ("{\"version\":\"2.0\",\"rawPath\":\"/\",\"cookies\":[\"a=b\"],\"headers\":{\"a\":\"b\"},"
              + "\"requestContext\":{\"timeEpoch\":1,\"http\":{\"method\":\"GET\"},"
              + "\"authorizer\":{\"iam\":{\"userArn\":\"arn\"}}},\"isBase64Encoded\":false}")
          .getBytes(StandardCharsets.UTF_8);

  /** The SLF4J provider the function jars ship (slf4j-simple). */
  static final String SLF4J_SIMPLE_PROVIDER = "org.slf4j.simple.SimpleServiceProvider";

  static {
    // before the first LoggerFactory call (the LOG field below): cold start
    nameSlf4jProvider(StreamingRuntime.class.getClassLoader());
  }

  private static final Logger LOG = LoggerFactory.getLogger(StreamingRuntime.class);

  private final RuntimeSettings settings;
  private final Environment env;
  private final SnapStartHooks hooks;
  private final RuntimeApiClient client;
  private final DeadlineWatchdog watchdog;
  private HandlerTarget target;
  private volatile boolean stopped;

  /** The handler is loaded by name in {@link #initialize()}. */
  public StreamingRuntime(RuntimeSettings settings, Environment env, SnapStartHooks hooks) {
    this.settings = settings;
    this.env = env;
    this.hooks = hooks;
    this.client = new RuntimeApiClient(settings.runtimeApi());
    this.watchdog = new DeadlineWatchdog(settings.deadlineMarginMillis());
  }

  /** With an already constructed handler (a {@link StreamingHandler} or RequestStreamHandler). */
  public StreamingRuntime(
      RuntimeSettings settings, Environment env, SnapStartHooks hooks, Object handler) {
    this(settings, env, hooks);
    this.target = HandlerTarget.of(handler);
  }

  /**
   * Cold start: when slf4j-simple is on the class path and no provider is named yet, names it in
   * {@code slf4j.provider}, so SLF4J instantiates it directly instead of scanning the class path
   * with a {@code ServiceLoader}; SLF4J's own note that it did so is kept off stderr ({@code
   * slf4j.internal.verbosity=WARN}, warnings and errors still show). Logging is unchanged: the same
   * provider, the same {@code simplelogger.properties}. Returns whether it named it.
   */
  static boolean nameSlf4jProvider(ClassLoader loader) {
    if (System.getProperty("slf4j.provider") != null) {
      return false;
    }
    try {
      Class.forName(SLF4J_SIMPLE_PROVIDER, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
    System.setProperty("slf4j.provider", SLF4J_SIMPLE_PROVIDER);
    if (System.getProperty("slf4j.internal.verbosity") == null) {
      System.setProperty("slf4j.internal.verbosity", "WARN");
    }
    return true;
  }

  public static void main(String[] args) {
    int exit;
    try {
      Environment env = Environment.system();
      exit =
          new StreamingRuntime(RuntimeSettings.from(env, args), env, SnapStartHooks.global()).run();
    } catch (RuntimeException | Error e) {
      LOG.error("streaming runtime failed", e);
      exit = EXIT_INIT_FAILED;
    }
    System.exit(exit);
  }

  /**
   * Initialises, then serves invocations until {@link #stop()} or until the Runtime API fails.
   *
   * @return the process exit code
   */
  public int run() {
    try {
      initialize();
    } catch (RuntimeInitException e) {
      return e.exitCode();
    }
    try {
      while (!stopped) {
        runOnce();
      }
      return 0;
    } catch (IOException e) {
      LOG.error("Runtime API failed: {}", e.toString());
      return EXIT_RUNTIME_API_FAILED;
    } finally {
      close();
    }
  }

  /** Asks the loop to end after the current invocation. */
  public void stop() {
    stopped = true;
  }

  /**
   * Loads the handler and, under SnapStart, runs the before-snapshot hooks, waits on {@code
   * restore/next} and runs the after-restore hooks. Failures are reported to the Runtime API
   * ({@code init/error} or {@code restore/error}) before this throws.
   */
  void initialize() throws RuntimeInitException {
    try {
      if (target == null) {
        target = HandlerTarget.load(settings.handler(), StreamingRuntime.class.getClassLoader());
      }
      if (settings.snapStart()) {
        snapStart();
      }
    } catch (RuntimeInitException e) {
      LOG.error("start-up failed: {}", e.getMessage(), e.getCause());
      try {
        if (FunctionError.AFTER_RESTORE_ERROR.equals(e.error().category())) {
          client.postRestoreError(e.error());
        } else {
          client.postInitError(e.error());
        }
      } catch (IOException | RuntimeException report) {
        LOG.error("could not report the start-up failure: {}", report.toString());
      }
      throw e;
    }
  }

  private void snapStart() throws RuntimeInitException {
    Optional<CracCompatContext> crac =
        CracCompatContext.find(
            settings.cracCompatPackage(), StreamingRuntime.class.getClassLoader());
    try {
      prime();
      hooks.runBeforeSnapshot();
      if (crac.isPresent()) {
        crac.get().beforeCheckpoint();
      }
      client.restoreNext();
    } catch (Exception e) {
      throw new RuntimeInitException(
          FunctionError.of(FunctionError.BEFORE_CHECKPOINT_ERROR, e),
          EXIT_SNAPSTART_HOOK_FAILED,
          e);
    }
    try {
      if (crac.isPresent()) {
        crac.get().afterRestore();
      }
      hooks.runAfterRestore();
    } catch (Exception e) {
      throw new RuntimeInitException(
          FunctionError.of(FunctionError.AFTER_RESTORE_ERROR, e), EXIT_SNAPSTART_HOOK_FAILED, e);
    }
  }

  /**
   * Runs the per-invocation code paths once (event parsing, prelude and error encoding) so that the
   * snapshot holds them loaded and linked.
   */
  private static void prime() throws IOException {
    FunctionUrlEventReader.read(PRIMING_EVENT);
    LambdaResponseStream.prelude(200, Map.of("content-type", "text/event-stream"), List.of("a=b"));
    new FunctionError(FunctionError.USER_EXCEPTION, "priming", "priming").toJson();
  }

  /** Fetches one invocation and serves it. Throws only when the Runtime API itself fails. */
  void runOnce() throws IOException {
    Invocation invocation = client.next();
    if (invocation.traceId() != null) {
      System.setProperty(TRACE_PROPERTY, invocation.traceId());
    } else {
      System.clearProperty(TRACE_PROPERTY);
    }
    switch (target) {
      case HandlerTarget.Streaming s -> serve(s.handler(), invocation);
      case HandlerTarget.Buffered b -> serve(b.handler(), invocation);
    }
  }

  private void serve(StreamingHandler handler, Invocation invocation) throws IOException {
    String id = invocation.requestId();
    FunctionUrlRequest request;
    try {
      request = FunctionUrlEventReader.read(invocation.event());
    } catch (IOException e) {
      request = null;
    }
    if (request == null) {
      LOG.warn("invocation {}: the event is not a JSON object", id);
      client.postInvocationError(
          id,
          new FunctionError(
              FunctionError.INVALID_EVENT, "InvalidEvent", "the event is not a JSON object"));
      return;
    }
    InvocationResponse response =
        isFunctionUrlEvent(request)
            ? new LambdaResponseStream(client, id)
            : new BufferedInvocationResponse(client, id);
    Throwable failure = null;
    try (DeadlineWatchdog.Watch watch =
        watchdog.watch(invocation.deadlineEpochMillis(), response, Thread.currentThread())) {
      handler.handle(request, response, invocation.context());
    } catch (Throwable t) {
      failure = t;
    }
    Thread.interrupted(); // a handler's own interrupt must not leak into the next invocation
    finish(id, response, failure);
  }

  private void finish(String id, InvocationResponse response, Throwable failure)
      throws IOException {
    if (failure == null) {
      boolean answered;
      try {
        answered = response.complete();
      } catch (IOException e) {
        LOG.warn("invocation {}: could not end the response: {}", id, e.toString());
        return;
      }
      if (!answered) {
        LOG.error("invocation {}: the handler returned without starting a response", id);
        client.postInvocationError(
            id,
            new FunctionError(
                FunctionError.NO_RESPONSE,
                "NoResponse",
                "the handler returned without starting a response"));
      }
      return;
    }
    if (response.endedAtDeadline()) {
      LOG.info("invocation {}: handler stopped after the deadline end: {}", id, failure.toString());
      return;
    }
    LOG.error("invocation {}: handler failed", id, failure);
    FunctionError error = FunctionError.of(FunctionError.USER_EXCEPTION, failure);
    boolean reported;
    try {
      reported = response.fail(error);
    } catch (IOException e) {
      LOG.warn("invocation {}: could not send the error trailers: {}", id, e.toString());
      reported = true;
    }
    if (!reported) {
      client.postInvocationError(id, error);
    }
    if (failure instanceof VirtualMachineError fatal) {
      throw fatal;
    }
  }

  private void serve(RequestStreamHandler handler, Invocation invocation) throws IOException {
    String id = invocation.requestId();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      handler.handleRequest(
          new ByteArrayInputStream(invocation.event()), out, new LambdaContext(invocation, env));
    } catch (Throwable t) {
      LOG.error("invocation {}: handler failed", id, t);
      client.postInvocationError(id, FunctionError.of(FunctionError.USER_EXCEPTION, t));
      if (t instanceof VirtualMachineError fatal) {
        throw fatal;
      }
      return;
    }
    client.postResponse(id, out.toByteArray(), "application/json");
  }

  /** A Function URL (payload format 2.0) event, as opposed to a direct invoke's custom event. */
  static boolean isFunctionUrlEvent(FunctionUrlRequest request) {
    return "2.0".equals(request.version())
        && request.requestContext() != null
        && request.requestContext().http() != null
        && request.requestContext().http().method() != null;
  }

  void close() {
    watchdog.close();
    client.close();
  }
}
