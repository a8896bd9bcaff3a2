package dev.mcplambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.mcplambda.config.Environment;
import dev.mcplambda.http.FunctionUrlEventCheck;
import dev.mcplambda.http.FunctionUrlRequest;
import dev.mcplambda.invoke.BackgroundInitializedInvoker;
import dev.mcplambda.invoke.FunctionInvoker;
import dev.mcplambda.invoke.LambdaFunctionInvoker;
import dev.mcplambda.json.Json;
import dev.mcplambda.jsonrpc.ErrorCodes;
import dev.mcplambda.jsonrpc.JsonRpcMessage;
import dev.mcplambda.jsonrpc.JsonRpcParser;
import dev.mcplambda.jsonrpc.JsonRpcRequest;
import dev.mcplambda.jsonrpc.JsonRpcResponse;
import dev.mcplambda.jsonrpc.ParsedMessage;
import dev.mcplambda.protocol.CatalogCache;
import dev.mcplambda.protocol.DispatcherConfig;
import dev.mcplambda.protocol.McpDispatcher;
import dev.mcplambda.protocol.ProtocolDispatcher;
import dev.mcplambda.protocol.ServerInfo;
import dev.mcplambda.protocol.TaskLauncher;
import dev.mcplambda.protocol.TaskMethods;
import dev.mcplambda.registry.RegistryStore;
import dev.mcplambda.runtime.InvocationContext;
import dev.mcplambda.runtime.ResponseStream;
import dev.mcplambda.runtime.SnapStartHooks;
import dev.mcplambda.runtime.StreamingHandler;
import dev.mcplambda.schema.SchemaValidator;
import dev.mcplambda.session.SessionStore;
import dev.mcplambda.session.SessionStoreUnavailableException;
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
import dev.mcplambda.transport.BufferedResponseStream;
import dev.mcplambda.transport.CachedToolInputSchemas;
import dev.mcplambda.transport.CatalogChangeFeed;
import dev.mcplambda.transport.HttpResponses;
import dev.mcplambda.transport.ListChangeFeed;
import dev.mcplambda.transport.McpHttpRequest;
import dev.mcplambda.transport.McpTransports;
import dev.mcplambda.transport.OriginPolicy;
import dev.mcplambda.transport.RequestLog;
import dev.mcplambda.transport.SessionAdmission;
import dev.mcplambda.transport.SessionIdGenerator;
import dev.mcplambda.transport.StatelessHttpTransport;
import dev.mcplambda.transport.StreamAdmission;
import dev.mcplambda.transport.ToolInputSchemas;
import dev.mcplambda.transport.TransportOutcome;
import dev.mcplambda.transport.TransportSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The MCP Lambda behind the runtime plane's Function URL (DESIGN §2). Thin: checks what every
 * endpoint shares (route, method, header hygiene, {@code Origin}, IAM principal, content type, body
 * size), classifies the message and hands it to one transport, then writes one request log line.
 *
 * <ul>
 *   <li>{@code POST /mcp} with a 2026-07-28 {@code _meta} envelope → {@link
 *       StatelessHttpTransport}; an {@code initialize} or an {@code Mcp-Session-Id} header → the
 *       2025 Streamable HTTP transport; anything else → stateless (which explains what is missing).
 *   <li>{@code GET}/{@code DELETE /mcp} → 2025 Streamable HTTP.
 *   <li>{@code GET /sse}, {@code POST /message} → 2024-11-05 HTTP+SSE.
 * </ul>
 *
 * <p>Missing IAM context: 403. With {@code AuthType AWS_IAM} the Function URL itself refuses
 * unsigned or unauthorised callers with 403 before this code runs, so a request without {@code
 * requestContext.authorizer.iam} means the URL is not IAM-protected; refusing it the same way keeps
 * the behaviour uniform (401 would promise that some credentials could fix it via {@code
 * WWW-Authenticate}, which IAM does not offer). {@code MCP_ANONYMOUS_PRINCIPAL} lifts this for a
 * local server without SigV4 verification.
 *
 * <p>Runs on the response-streaming runtime ({@link StreamingHandler}) and on the stock buffered
 * runtime ({@link RequestStreamHandler}: the streamed output is collected into one Function URL
 * response, so long-lived SSE streams are only useful with streaming).
 */
public final class McpHandler implements StreamingHandler, RequestStreamHandler {

  private static final Logger LOG = LoggerFactory.getLogger(McpHandler.class);

  static {
    // before any HttpURLConnection is used (issue 11: no JDK retry of Invoke POSTs)
    dev.mcplambda.invoke.LambdaEndpoint.configureJdkHttp();
  }

  /** How stale a tool schema used for {@code Mcp-Param-*} checks may be. */
  static final long SCHEMA_REFRESH_MILLIS = 1000;

  /** Longest header value accepted (431 above it). */
  static final int MAX_HEADER_VALUE = 8192;

  private final McpTransports transports;
  private final StreamAdmission streams;
  private final SessionAdmission sessionCap;
  private final TransportSettings settings;
  private final OriginPolicy origins;
  private final RequestLog requestLog = new RequestLog();

  /** The composition root: stores, dispatcher and settings from the environment. */
  public McpHandler() {
    this(Environment.system());
  }

  McpHandler(Environment env) {
    this(compose(env), TransportSettings.fromEnvironment(env), Clock.systemUTC(), env);
    // SnapStart: synthetic requests before the snapshot (runs only under snap-start)
    SnapStartHooks.global().register(McpPriming.hook(this));
  }

  private McpHandler(Composition c, TransportSettings settings, Clock clock, Environment env) {
    this(
        c.dispatcher(),
        c.sessions(),
        settings,
        clock,
        new SessionIdGenerator(),
        new CatalogChangeFeed(c.catalog(), changePollInterval(env)),
        new CachedToolInputSchemas(c.catalog(), SCHEMA_REFRESH_MILLIS),
        StreamAdmission.fromEnvironment(env, c.leases(), clock),
        SessionAdmission.fromEnvironment(env, c.sessionSlots(), settings.sessionTtl(), clock));
  }

  /** {@code MCP_CHANGE_POLL_MILLIS}, default {@link CatalogChangeFeed#DEFAULT_POLL_INTERVAL}. */
  static Duration changePollInterval(Environment env) {
    return env.get(Environment.CHANGE_POLL_MILLIS)
        .map(v -> Duration.ofMillis(Math.max(10, Long.parseLong(v.trim()))))
        .orElse(CatalogChangeFeed.DEFAULT_POLL_INTERVAL);
  }

  /**
   * For the local server: its stores and {@link LambdaClient} (pointed at its function host);
   * dispatcher and transport settings from {@code env}.
   */
  public McpHandler(
      RegistryStore registry,
      SessionStore sessions,
      LambdaClient lambda,
      Environment env,
      Clock clock) {
    this(registry, sessions, null, lambda, env, clock);
  }

  /**
   * As {@link #McpHandler(RegistryStore, SessionStore, LambdaClient, Environment, Clock)} with a
   * task store: the tasks extension is on when {@code env} names the task-runner function.
   */
  public McpHandler(
      RegistryStore registry,
      SessionStore sessions,
      TaskStore tasks,
      LambdaClient lambda,
      Environment env,
      Clock clock) {
    this(
        compose(
            new CatalogCache(registry),
            new LambdaFunctionInvoker(lambda),
            sessions,
            tasks,
            new InMemoryStreamLeases(clock),
            new InMemoryStreamLeases(clock),
            env,
            clock),
        TransportSettings.fromEnvironment(env),
        clock,
        env);
  }

  /** For tests: the collaborators, random session ids, no change feed. */
  public McpHandler(
      McpDispatcher dispatcher, SessionStore sessions, TransportSettings settings, Clock clock) {
    this(dispatcher, sessions, settings, clock, new SessionIdGenerator(), ListChangeFeed.NONE);
  }

  /** Everything injectable but the tool schemas (golden tests fix the session ids). */
  public McpHandler(
      McpDispatcher dispatcher,
      SessionStore sessions,
      TransportSettings settings,
      Clock clock,
      Supplier<String> sessionIds,
      ListChangeFeed changes) {
    this(dispatcher, sessions, settings, clock, sessionIds, changes, ToolInputSchemas.NONE);
  }

  /** Everything injectable but the stream admission (the defaults, in memory). */
  public McpHandler(
      McpDispatcher dispatcher,
      SessionStore sessions,
      TransportSettings settings,
      Clock clock,
      Supplier<String> sessionIds,
      ListChangeFeed changes,
      ToolInputSchemas schemas) {
    this(
        dispatcher,
        sessions,
        settings,
        clock,
        sessionIds,
        changes,
        schemas,
        StreamAdmission.inMemory(clock),
        SessionAdmission.inMemory(settings.sessionTtl(), clock));
  }

  /** Everything injectable. */
  public McpHandler(
      McpDispatcher dispatcher,
      SessionStore sessions,
      TransportSettings settings,
      Clock clock,
      Supplier<String> sessionIds,
      ListChangeFeed changes,
      ToolInputSchemas schemas,
      StreamAdmission streams,
      SessionAdmission sessionCap) {
    this.settings = settings;
    this.streams = streams;
    this.sessionCap = sessionCap;
    this.origins = new OriginPolicy(settings.allowedOrigins());
    this.transports =
        new McpTransports(dispatcher, sessions, settings, clock, sessionIds, changes, schemas);
  }

  private record Composition(
      McpDispatcher dispatcher,
      SessionStore sessions,
      CatalogCache catalog,
      StreamLeases leases,
      StreamLeases sessionSlots) {}

  private static Composition compose(Environment env) {
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
    return compose(
        new CatalogCache(registry),
        // the Lambda client is built off the request path: tools/list does not wait for it
        new BackgroundInitializedInvoker(() -> LambdaFunctionInvoker.fromEnvironment(env)),
        sessions,
        tasks,
        leases,
        sessionSlots,
        env,
        Clock.systemUTC());
  }

  /** One catalog cache shared by the dispatcher and the {@code Mcp-Param-*} header checks. */
  private static Composition compose(
      CatalogCache catalog,
      FunctionInvoker invoker,
      SessionStore sessions,
      TaskStore tasks,
      StreamLeases leases,
      StreamLeases sessionSlots,
      Environment env,
      Clock clock) {
    ProtocolDispatcher dispatcher =
        new ProtocolDispatcher(
            catalog,
            invoker,
            sessions,
            new SchemaValidator(),
            ServerInfo.DEFAULT,
            DispatcherConfig.fromEnvironment(env).withClock(clock),
            taskMethods(tasks, invoker, env, clock));
    return new Composition(dispatcher, sessions, catalog, leases, sessionSlots);
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

  // ---------------------------------------------------------------------------------------------
  // Buffered (stock runtime) entry point

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    BufferedResponseStream response = new BufferedResponseStream();
    InvocationContext invocation =
        new InvocationContext(
            context == null ? "local" : context.getAwsRequestId(),
            System.currentTimeMillis()
                + (context == null ? 30_000L : context.getRemainingTimeInMillis()),
            context == null ? null : context.getInvokedFunctionArn(),
            System.getenv("_X_AMZN_TRACE_ID"));
    FunctionUrlRequest request;
    try {
      request = Json.mapper().readValue(input, FunctionUrlRequest.class);
    } catch (IOException | RuntimeException e) {
      request = null;
    }
    if (request == null) {
      HttpResponses.error(
          response, 400, ErrorCodes.INVALID_REQUEST, "Bad Request: not a Function URL event");
    } else {
      handle(request, response, invocation);
    }
    output.write(Json.write(response.toFunctionUrlResponse()).getBytes(StandardCharsets.UTF_8));
    output.flush();
  }

  // ---------------------------------------------------------------------------------------------
  // Streaming entry point

  @Override
  public void handle(FunctionUrlRequest request, ResponseStream response, InvocationContext context)
      throws IOException {
    long started = System.nanoTime();
    String principal = principal(request);
    TransportOutcome outcome;
    try {
      outcome = serve(request, principal, response, context);
    } catch (SessionStoreUnavailableException e) {
      LOG.warn("session store unavailable: {}", e.getClass().getSimpleName());
      outcome = failure(response, 503, "Service Unavailable: session store", "store_unavailable");
    } catch (IOException e) {
      // the client went away or the runtime could not send: nothing more to write
      outcome = TransportOutcome.rejected(response.started() ? 200 : 0, null, "client_gone");
      log(request, principal, context, outcome, started);
      throw e;
    } catch (RuntimeException e) {
      LOG.error("unexpected failure serving an MCP request", e);
      outcome = failure(response, 500, "Internal error", "internal");
    }
    log(request, principal, context, outcome, started);
  }

  private TransportOutcome serve(
      FunctionUrlRequest request,
      String principal,
      ResponseStream response,
      InvocationContext context)
      throws IOException {
    // a direct Invoke with a hand-made event: refused before routing (IAM: the principal check
    // below)
    var notFromUrl = FunctionUrlEventCheck.check(request, false);
    if (notFromUrl.isPresent()) {
      var refusal = notFromUrl.get();
      HttpResponses.error(
          response, refusal.status(), ErrorCodes.INVALID_REQUEST, refusal.message());
      return TransportOutcome.rejected(refusal.status(), null, refusal.detail());
    }
    String method = request.method() == null ? "" : request.method().toUpperCase(Locale.ROOT);
    String path = normalisePath(request.rawPath());
    List<String> allowed =
        switch (path) {
          case "/mcp" -> List.of("GET", "POST", "DELETE");
          case "/sse" -> List.of("GET");
          case "/message" -> List.of("POST");
          default -> null;
        };
    if (allowed == null) {
      HttpResponses.error(response, 404, ErrorCodes.INVALID_REQUEST, "Not Found");
      return TransportOutcome.rejected(404, null, "unknown_path");
    }
    if (!allowed.contains(method)) {
      HttpResponses.error(
          response,
          405,
          ErrorCodes.INVALID_REQUEST,
          "Method Not Allowed",
          Map.of("Allow", String.join(", ", allowed)));
      return TransportOutcome.rejected(405, null, "method_not_allowed");
    }
    Map<String, String> headers = new HashMap<>();
    if (request.headers() != null) {
      for (var h : request.headers().entrySet()) {
        String value = h.getValue() == null ? "" : h.getValue();
        if (value.length() > MAX_HEADER_VALUE) {
          HttpResponses.error(
              response, 431, ErrorCodes.INVALID_REQUEST, "Request Header Fields Too Large");
          return TransportOutcome.rejected(431, null, "header_too_large");
        }
        if (hasControlBreak(value) || h.getKey() == null || hasControlBreak(h.getKey())) {
          HttpResponses.error(
              response, 400, ErrorCodes.INVALID_REQUEST, "Bad Request: malformed header");
          return TransportOutcome.rejected(400, null, "malformed_header");
        }
        headers.put(h.getKey().toLowerCase(Locale.ROOT), value);
      }
    }
    if (!origins.allows(headers.get("origin"))) {
      HttpResponses.error(response, 403, ErrorCodes.INVALID_REQUEST, "Forbidden: origin");
      return TransportOutcome.rejected(403, null, "origin");
    }
    if (principal == null) {
      HttpResponses.error(response, 403, ErrorCodes.INVALID_REQUEST, "Forbidden: no IAM caller");
      return TransportOutcome.rejected(403, null, "no_principal");
    }
    byte[] body = new byte[0];
    if (method.equals("POST")) {
      if (!isJson(headers.get("content-type"))) {
        HttpResponses.error(
            response,
            415,
            ErrorCodes.INVALID_REQUEST,
            "Unsupported Media Type: Content-Type must be application/json");
        return TransportOutcome.rejected(415, null, "content_type");
      }
      body = decodeBody(request, response);
      if (body == null) {
        return TransportOutcome.rejected(
            response.started() ? statusOf(response) : 400, null, "body");
      }
    }
    McpHttpRequest r =
        new McpHttpRequest(
            method,
            path,
            headers,
            request.queryStringParameters() == null ? Map.of() : request.queryStringParameters(),
            body,
            principal,
            context);
    return switch (path) {
      case "/sse" -> stream(r, response, s -> transports.legacy().openStream(s, response));
      case "/message" -> transports.legacy().post(r, response);
      default ->
          switch (method) {
            case "GET" -> stream(r, response, s -> transports.streamable().openStream(s, response));
            case "DELETE" -> transports.streamable().delete(r, response);
            default -> postMcp(r, response);
          };
    };
  }

  /** {@code POST /mcp}: era by the {@code _meta} envelope, then {@code initialize}/session. */
  private TransportOutcome postMcp(McpHttpRequest r, ResponseStream response) throws IOException {
    JsonRpcMessage message;
    switch (JsonRpcParser.parse(r.body())) {
      case ParsedMessage.Invalid invalid -> {
        HttpResponses.json(response, 400, invalid.error());
        return TransportOutcome.rejected(
            400, null, null, invalid.error().error().code(), "invalid_message");
      }
      case ParsedMessage.Batch batch -> {
        JsonRpcResponse error = JsonRpcParser.batchNotSupported();
        HttpResponses.json(response, 400, error);
        return TransportOutcome.rejected(400, null, null, error.error().code(), "batch");
      }
      case ParsedMessage.Valid valid -> message = valid.message();
    }
    if (StatelessHttpTransport.hasModernEnvelope(message)) {
      JsonRpcMessage m = message;
      if (message instanceof JsonRpcRequest rpc && "subscriptions/listen".equals(rpc.method())) {
        return stream(r, response, s -> transports.stateless().post(s, m, response));
      }
      return transports.stateless().post(r, message, response);
    }
    if (message instanceof JsonRpcRequest rpc && "initialize".equals(rpc.method())) {
      var full = sessionCap.admit(r.principal());
      if (full.isPresent()) {
        HttpResponses.error(
            response,
            429,
            ErrorCodes.INVALID_REQUEST,
            "Too Many Requests: at most "
                + sessionCap.maxPerPrincipal()
                + " sessions per caller within the session lifetime; retry after "
                + full.getAsLong()
                + " s",
            Map.of("Retry-After", Long.toString(full.getAsLong())));
        return TransportOutcome.rejected(429, null, "session_cap");
      }
      return transports.streamable().initialize(r, rpc, response);
    }
    String session = r.header("mcp-session-id");
    if (session != null && !session.isEmpty()) {
      return transports.streamable().post(r, message, response);
    }
    return transports.stateless().post(r, message, response);
  }

  /** Serves one long-lived stream on a transport. */
  @FunctionalInterface
  private interface StreamOpener {
    TransportOutcome open(McpHttpRequest request) throws IOException;
  }

  /**
   * A long-lived stream: admitted under the principal's stream cap (else 429 with {@code
   * Retry-After}) and served with a deadline at most the stream lifetime away, so the transport
   * ends it cleanly with its reconnect hint; the slot is freed when it ends.
   */
  private TransportOutcome stream(McpHttpRequest r, ResponseStream response, StreamOpener opener)
      throws IOException {
    switch (streams.admit(r.principal(), r.invocation(), settings.deadlineMargin())) {
      case StreamAdmission.Refused refused -> {
        HttpResponses.error(
            response,
            429,
            ErrorCodes.INVALID_REQUEST,
            "Too Many Requests: at most "
                + streams.maxPerPrincipal()
                + " open streams per caller; retry after "
                + refused.retryAfterSeconds()
                + " s",
            Map.of("Retry-After", Long.toString(refused.retryAfterSeconds())));
        return TransportOutcome.rejected(429, null, "stream_cap");
      }
      case StreamAdmission.Admitted admitted -> {
        try {
          return opener.open(
              new McpHttpRequest(
                  r.method(),
                  r.path(),
                  r.headers(),
                  r.query(),
                  r.body(),
                  r.principal(),
                  admitted.context()));
        } finally {
          streams.release(admitted);
        }
      }
    }
  }

  /** The decoded body, or {@code null} after answering 413 (too large) or 400 (bad base64). */
  private byte[] decodeBody(FunctionUrlRequest request, ResponseStream response)
      throws IOException {
    String raw = request.body();
    if (raw == null || raw.isEmpty()) {
      return new byte[0];
    }
    int max = settings.maxBodyBytes();
    byte[] bytes;
    if (request.base64Encoded()) {
      // checked before decoding: 4 characters carry at most 3 bytes
      if ((long) raw.length() / 4 * 3 > max + 3L) {
        tooLarge(response);
        return null;
      }
      try {
        bytes = Base64.getDecoder().decode(raw);
      } catch (IllegalArgumentException e) {
        HttpResponses.error(
            response, 400, ErrorCodes.PARSE_ERROR, "Parse error: body is not valid base64");
        return null;
      }
    } else {
      if (raw.length() > max) { // every char is at least one UTF-8 byte
        tooLarge(response);
        return null;
      }
      bytes = raw.getBytes(StandardCharsets.UTF_8);
    }
    if (bytes.length > max) {
      tooLarge(response);
      return null;
    }
    return bytes;
  }

  private void tooLarge(ResponseStream response) throws IOException {
    HttpResponses.error(
        response,
        413,
        ErrorCodes.INVALID_REQUEST,
        "Payload Too Large: at most " + settings.maxBodyBytes() + " bytes");
  }

  private static int statusOf(ResponseStream response) {
    return response instanceof BufferedResponseStream b ? b.status() : 400;
  }

  private String principal(FunctionUrlRequest request) {
    String arn = request.principalArn();
    if (arn != null && !arn.isBlank()) {
      return arn;
    }
    return settings.anonymousPrincipal();
  }

  private static TransportOutcome failure(
      ResponseStream response, int status, String message, String detail) {
    try {
      if (!response.started()) {
        HttpResponses.error(response, status, ErrorCodes.INTERNAL_ERROR, message);
        return TransportOutcome.rejected(status, null, detail);
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("could not send the error response");
    }
    return TransportOutcome.rejected(200, null, detail);
  }

  private void log(
      FunctionUrlRequest request,
      String principal,
      InvocationContext context,
      TransportOutcome outcome,
      long startedNanos) {
    requestLog.write(
        new RequestLog.Entry(
            context == null ? null : context.requestId(),
            principal,
            request.method(),
            request.rawPath(),
            outcome,
            (System.nanoTime() - startedNanos) / 1_000_000));
  }

  private static String normalisePath(String rawPath) {
    if (rawPath == null || rawPath.isEmpty()) {
      return "/";
    }
    return rawPath.length() > 1 && rawPath.endsWith("/")
        ? rawPath.substring(0, rawPath.length() - 1)
        : rawPath;
  }

  private static boolean hasControlBreak(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\r' || c == '\n' || c == 0) {
        return true;
      }
    }
    return false;
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return type.equals("application/json");
  }
}
