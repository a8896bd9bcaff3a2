package dev.mcplambda;

import dev.mcplambda.config.Environment;
import dev.mcplambda.invoke.BackgroundInitializedInvoker;
import dev.mcplambda.invoke.FunctionInvoker;
import dev.mcplambda.invoke.LambdaFunctionInvoker;
import dev.mcplambda.protocol.CatalogCache;
import dev.mcplambda.protocol.DispatcherConfig;
import dev.mcplambda.protocol.McpDispatcher;
import dev.mcplambda.protocol.ProtocolDispatcher;
import dev.mcplambda.protocol.ServerInfo;
import dev.mcplambda.protocol.TaskLauncher;
import dev.mcplambda.protocol.TaskMethods;
import dev.mcplambda.registry.RegistryStore;
import dev.mcplambda.schema.SchemaValidator;
import dev.mcplambda.session.SessionStore;
import dev.mcplambda.session.StreamLeases;
import dev.mcplambda.store.dynamodb.DynamoDbClients;
import dev.mcplambda.store.dynamodb.DynamoDbRegistryStore;
import dev.mcplambda.store.dynamodb.DynamoDbSessionStore;
import dev.mcplambda.store.dynamodb.DynamoDbStreamLeases;
import dev.mcplambda.store.dynamodb.DynamoDbTaskStore;
import dev.mcplambda.store.memory.InMemoryRegistryStore;
import dev.mcplambda.store.memory.InMemorySessionStore;
import dev.mcplambda.store.memory.InMemoryStreamLeases;
import dev.mcplambda.store.memory.InMemoryTaskStore;
import dev.mcplambda.task.TaskStore;
import dev.mcplambda.transport.CachedToolInputSchemas;
import dev.mcplambda.transport.CatalogChangeFeed;
import dev.mcplambda.transport.ListChangeFeed;
import dev.mcplambda.transport.SessionAdmission;
import dev.mcplambda.transport.SessionIdGenerator;
import dev.mcplambda.transport.StreamAdmission;
import dev.mcplambda.transport.ToolInputSchemas;
import dev.mcplambda.transport.TransportSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * What {@link McpHandler} runs on: the dispatcher, the session store, the transport settings and
 * the pieces tests replace (clock, session ids, the catalog change feed, the tool schemas behind
 * the {@code Mcp-Param-*} header checks). The composition happens here, not in the handler: {@link
 * #fromEnvironment} for the Lambda, {@link #of} for the local server and the end-to-end tests,
 * {@link #builder} for tests that bring their own dispatcher.
 */
public record McpWiring(
    McpDispatcher dispatcher,
    SessionStore sessions,
    TransportSettings settings,
    Clock clock,
    Supplier<String> sessionIds,
    ListChangeFeed changes,
    ToolInputSchemas schemas,
    StreamAdmission streams,
    SessionAdmission sessionCap) {

  /** How stale a tool schema used for {@code Mcp-Param-*} checks may be. */
  static final long SCHEMA_REFRESH_MILLIS = 1000;

  public McpWiring {
    Objects.requireNonNull(dispatcher, "dispatcher");
    Objects.requireNonNull(sessions, "sessions");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(sessionIds, "sessionIds");
    Objects.requireNonNull(changes, "changes");
    Objects.requireNonNull(schemas, "schemas");
    Objects.requireNonNull(streams, "streams");
    Objects.requireNonNull(sessionCap, "sessionCap");
  }

  /**
   * The Lambda's composition root: DynamoDB stores (or in-memory ones with {@code
   * MCP_STORE=memory}), the Lambda client built off the request path, settings from {@code env}.
   */
  public static McpWiring fromEnvironment(Environment env) {
    RegistryStore registry;
    SessionStore sessions;
    TaskStore tasks;
    StreamLeases leases;
    StreamLeases sessionSlots;
    if ("memory".equalsIgnoreCase(env.getOrDefault(Environment.STORE, ""))) {
      registry = new InMemoryRegistryStore();
      sessions = new InMemorySessionStore();
      tasks = new InMemoryTaskStore();
      leases = new InMemoryStreamLeases();
      sessionSlots = new InMemoryStreamLeases();
    } else {
      DynamoDbClient dynamo = DynamoDbClients.fromEnvironment(env);
      registry = new DynamoDbRegistryStore(dynamo, env.require(Environment.REGISTRY_TABLE));
      sessions = new DynamoDbSessionStore(dynamo, env.require(Environment.SESSION_TABLE));
      tasks = new DynamoDbTaskStore(dynamo, env.require(Environment.SESSION_TABLE));
      // the stream cap holds across containers: its slots live in the session table
      leases =
          new DynamoDbStreamLeases(
              dynamo, env.require(Environment.SESSION_TABLE), Clock.systemUTC());
      sessionSlots =
          new DynamoDbStreamLeases(
              dynamo, env.require(Environment.SESSION_TABLE), Clock.systemUTC(), "session");
    }
    // the Lambda client is built off the request path: tools/list does not wait for it
    FunctionInvoker invoker =
        new BackgroundInitializedInvoker(() -> LambdaFunctionInvoker.fromEnvironment(env));
    return compose(
        registry, invoker, sessions, tasks, leases, sessionSlots, env, Clock.systemUTC());
  }

  /**
   * For the local server and end-to-end tests: their stores and {@link LambdaClient} (pointed at a
   * function host); dispatcher and transport settings from {@code env}.
   */
  public static McpWiring of(
      RegistryStore registry,
      SessionStore sessions,
      LambdaClient lambda,
      Environment env,
      Clock clock) {
    return of(registry, sessions, null, lambda, env, clock);
  }

  /**
   * As {@link #of(RegistryStore, SessionStore, LambdaClient, Environment, Clock)} with a task
   * store: the tasks extension is on when {@code env} names the task-runner function.
   */
  public static McpWiring of(
      RegistryStore registry,
      SessionStore sessions,
      TaskStore tasks,
      LambdaClient lambda,
      Environment env,
      Clock clock) {
    return compose(
        registry,
        new LambdaFunctionInvoker(lambda),
        sessions,
        tasks,
        new InMemoryStreamLeases(clock),
        new InMemoryStreamLeases(clock),
        env,
        clock);
  }

  /**
   * For tests: these collaborators; system clock, random session ids, no change feed and no tool
   * schemas unless set.
   */
  public static Builder builder(
      McpDispatcher dispatcher, SessionStore sessions, TransportSettings settings) {
    return new Builder(dispatcher, sessions, settings);
  }

  /** One catalog cache shared by the dispatcher, the change feed and the header checks. */
  private static McpWiring compose(
      RegistryStore registry,
      FunctionInvoker invoker,
      SessionStore sessions,
      TaskStore tasks,
      StreamLeases leases,
      StreamLeases sessionSlots,
      Environment env,
      Clock clock) {
    TransportSettings settings = TransportSettings.fromEnvironment(env);
    CatalogCache catalog = new CatalogCache(registry);
    ProtocolDispatcher dispatcher =
        new ProtocolDispatcher(
            catalog,
            invoker,
            sessions,
            new SchemaValidator(),
            ServerInfo.DEFAULT,
            DispatcherConfig.fromEnvironment(env).withClock(clock),
            taskMethods(tasks, invoker, env, clock));
    return new McpWiring(
        dispatcher,
        sessions,
        settings,
        clock,
        new SessionIdGenerator(),
        new CatalogChangeFeed(catalog, changePollInterval(env)),
        new CachedToolInputSchemas(catalog, SCHEMA_REFRESH_MILLIS),
        StreamAdmission.fromEnvironment(env, leases, clock),
        SessionAdmission.fromEnvironment(env, sessionSlots, settings.sessionTtl(), clock));
  }

  /**
   * The tasks extension when {@code MCP_TASK_RUNNER_FUNCTION} names the function that runs tasks
   * (launched with an asynchronous {@code Invoke}); {@code null} (off) otherwise.
   */
  static TaskMethods taskMethods(
      TaskStore tasks, FunctionInvoker invoker, Environment env, Clock clock) {
    String runner = env.get(Environment.TASK_RUNNER_FUNCTION).orElse(null);
    if (tasks == null || runner == null || runner.isBlank()) {
      return null;
    }
    long ttlMs =
        env.get(Environment.TASK_TTL_MS)
            .map(v -> Long.parseLong(v.trim()))
            .orElse(TaskMethods.DEFAULT_TTL_MS);
    return new TaskMethods(
        tasks,
        TaskLauncher.lambda(invoker, runner.strip()),
        clock,
        ttlMs,
        TaskMethods.DEFAULT_POLL_INTERVAL_MS);
  }

  /** {@code MCP_CHANGE_POLL_MILLIS}, default {@link CatalogChangeFeed#DEFAULT_POLL_INTERVAL}. */
  static Duration changePollInterval(Environment env) {
    return env.get(Environment.CHANGE_POLL_MILLIS)
        .map(v -> Duration.ofMillis(Math.max(10, Long.parseLong(v.trim()))))
        .orElse(CatalogChangeFeed.DEFAULT_POLL_INTERVAL);
  }

  /** Test wiring around a given dispatcher. */
  public static final class Builder {
    private final McpDispatcher dispatcher;
    private final SessionStore sessions;
    private final TransportSettings settings;
    private Clock clock = Clock.systemUTC();
    private Supplier<String> sessionIds = new SessionIdGenerator();
    private ListChangeFeed changes = ListChangeFeed.NONE;
    private ToolInputSchemas schemas = ToolInputSchemas.NONE;
    private StreamAdmission streams;
    private SessionAdmission sessionCap;

    private Builder(McpDispatcher dispatcher, SessionStore sessions, TransportSettings settings) {
      this.dispatcher = dispatcher;
      this.sessions = sessions;
      this.settings = settings;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** Session ids (golden tests fix them). */
    public Builder sessionIds(Supplier<String> sessionIds) {
      this.sessionIds = sessionIds;
      return this;
    }

    public Builder changes(ListChangeFeed changes) {
      this.changes = changes;
      return this;
    }

    public Builder schemas(ToolInputSchemas schemas) {
      this.schemas = schemas;
      return this;
    }

    /** The per-principal stream cap and stream lifetime (default: in memory, from defaults). */
    public Builder streams(StreamAdmission streams) {
      this.streams = streams;
      return this;
    }

    /** The per-principal session cap (default: in memory). */
    public Builder sessionCap(SessionAdmission sessionCap) {
      this.sessionCap = sessionCap;
      return this;
    }

    public McpWiring build() {
      return new McpWiring(
          dispatcher,
          sessions,
          settings,
          clock,
          sessionIds,
          changes,
          schemas,
          streams != null ? streams : StreamAdmission.inMemory(clock),
          sessionCap != null
              ? sessionCap
              : SessionAdmission.inMemory(settings.sessionTtl(), clock));
    }
  }
}
