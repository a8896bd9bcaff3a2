package dev.mcplambda.local.host;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mcplambda.json.Json;
import dev.mcplambda.local.http.Http11Server;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process function host: an HTTP server on loopback that speaks the Lambda Invoke REST API
 * ({@code POST /2015-03-31/functions/{FunctionName}/invocations}) and {@code
 * InvokeWithResponseStream} ({@code POST
 * /2021-11-15/functions/{FunctionName}/response-streaming-invocations}, real event-stream frames,
 * one {@code PayloadChunk} per flush of the handler's output), so the orchestrator takes the same
 * path it takes in production. {@code FunctionName} may be a name, a partial or full ARN, each with
 * an optional {@code :qualifier}. Answers as the service does: 200 with the payload; 200 with
 * {@code X-Amz-Function-Error: Unhandled} and the runtime's error JSON when the function throws or
 * times out; 404 {@code ResourceNotFoundException} for an unknown function; 202 for {@code Event}
 * and 204 for {@code DryRun} invocations.
 */
public final class FunctionHost implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(FunctionHost.class);

  /** The service's synchronous request and response payload limit. */
  static final int MAX_REQUEST_BYTES = 6 * 1024 * 1024;

  static final int MAX_RESPONSE_BYTES = 6 * 1024 * 1024 + 100;

  private static final String PREFIX = "/2015-03-31/functions/";
  private static final String SUFFIX = "/invocations";
  private static final String STREAM_PREFIX = "/2021-11-15/functions/";
  private static final String STREAM_SUFFIX = "/response-streaming-invocations";

  private final FunctionDirectory directory;
  private final Duration timeout;
  private final String region;
  private final String accountId;
  private final ExecutorService invocations = Executors.newVirtualThreadPerTaskExecutor();
  private final InvocationWatchdog watchdog = new InvocationWatchdog("function-host-timeouts");
  private HttpServer server;

  public FunctionHost(
      FunctionDirectory directory, Duration timeout, String region, String accountId) {
    this.directory = directory;
    this.timeout = timeout;
    this.region = region;
    this.accountId = accountId;
  }

  /** Starts listening; port 0 picks a free port. Returns the endpoint URL. */
  public URI start(String host, int port) throws IOException {
    server = Http11Server.create("function-host", new InetSocketAddress(host, port), 64);
    server.createContext("/", this::handle);
    server.start();
    return endpoint();
  }

  public URI endpoint() {
    InetSocketAddress address = server.getAddress();
    return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
  }

  @Override
  public void close() {
    if (server != null) {
      server.stop(0);
    }
    invocations.shutdownNow();
    watchdog.close();
  }

  /** The ARN of a hosted function. */
  public String arnOf(String functionName) {
    return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + functionName;
  }

  private void handle(HttpExchange exchange) {
    long started = System.nanoTime();
    int status = 0;
    String function = "-";
    try {
      String path = exchange.getRequestURI().getRawPath();
      if (path.startsWith(STREAM_PREFIX)
          && path.endsWith(STREAM_SUFFIX)
          && path.length() > STREAM_PREFIX.length() + STREAM_SUFFIX.length()) {
        if (!exchange.getRequestMethod().equals("POST")) {
          status = awsError(exchange, 405, "MethodNotAllowedException", "use POST");
          return;
        }
        function =
            functionName(
                URLDecoder.decode(
                    path.substring(STREAM_PREFIX.length(), path.length() - STREAM_SUFFIX.length()),
                    StandardCharsets.UTF_8));
        status = invokeWithResponseStream(exchange, function);
        return;
      }
      if (!path.startsWith(PREFIX)
          || !path.endsWith(SUFFIX)
          || path.length() <= PREFIX.length() + SUFFIX.length()) {
        status =
            awsError(
                exchange,
                404,
                "UnknownOperationException",
                "this host only implements POST "
                    + PREFIX
                    + "{FunctionName}"
                    + SUFFIX
                    + " and POST "
                    + STREAM_PREFIX
                    + "{FunctionName}"
                    + STREAM_SUFFIX);
        return;
      }
      if (!exchange.getRequestMethod().equals("POST")) {
        status = awsError(exchange, 405, "MethodNotAllowedException", "use POST");
        return;
      }
      String rawName =
          URLDecoder.decode(
              path.substring(PREFIX.length(), path.length() - SUFFIX.length()),
              StandardCharsets.UTF_8);
      function = functionName(rawName);
      status = invoke(exchange, function);
    } catch (IOException e) {
      LOG.debug("invoke connection ended early: {}", e.toString());
    } catch (RuntimeException e) {
      LOG.warn("function host failure", e);
      try {
        status = awsError(exchange, 500, "ServiceException", "the local function host failed");
      } catch (IOException ignored) {
        // the client is gone
      }
    } finally {
      exchange.close();
      if (LOG.isInfoEnabled()) {
        LOG.info(
            "lambda Invoke {} {} {}ms",
            function.replaceAll("[^A-Za-z0-9_.:$-]", "?"),
            status == 0 ? "-" : status,
            (System.nanoTime() - started) / 1_000_000);
      }
    }
  }

  /**
   * What both Invoke operations read first: the function, the raw payload and its JSON. When the
   * request cannot run (unknown function, too large, not JSON) the AWS error is already sent and
   * {@code answered} holds its status.
   */
  private record Request(HostedFunction function, byte[] payload, JsonNode json, int answered) {}

  private Request readRequest(HttpExchange exchange, String name) throws IOException {
    HostedFunction function = directory.find(name);
    if (function == null) {
      return new Request(
          null,
          null,
          null,
          awsError(
              exchange, 404, "ResourceNotFoundException", "Function not found: " + arnOf(name)));
    }
    byte[] payload = readPayload(exchange.getRequestBody());
    if (payload == null) {
      return new Request(
          null,
          null,
          null,
          awsError(
              exchange,
              413,
              "RequestTooLargeException",
              "Request must be smaller than "
                  + MAX_REQUEST_BYTES
                  + " bytes for the Invoke operation"));
    }
    JsonNode json = null;
    if (payload.length > 0) {
      try {
        json = Json.mapper().readTree(payload);
      } catch (JsonProcessingException e) {
        return new Request(
            null,
            null,
            null,
            awsError(
                exchange,
                400,
                "InvalidRequestContentException",
                "Could not parse request body into json: " + e.getOriginalMessage()));
      }
    }
    return new Request(function, payload, json, 0);
  }

  private int invoke(HttpExchange exchange, String name) throws IOException {
    Request request = readRequest(exchange, name);
    if (request.answered() != 0) {
      return request.answered();
    }
    HostedFunction function = request.function();
    byte[] payload = request.payload();
    JsonNode json = request.json();
    String type = exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type");
    String requestId = UUID.randomUUID().toString();
    exchange.getResponseHeaders().set("X-Amzn-RequestId", requestId);
    switch (type == null ? "RequestResponse" : type) {
      case "RequestResponse" -> {
        return invokeHere(exchange, function, json, payload, requestId);
      }
      case "Event" -> {
        invocations.submit(() -> run(function, json, payload, requestId));
        return send(exchange, 202, new byte[0], null);
      }
      case "DryRun" -> {
        return send(exchange, 204, new byte[0], null);
      }
      default -> {
        return awsError(
            exchange,
            400,
            "InvalidParameterValueException",
            "X-Amz-Invocation-Type must be RequestResponse, Event or DryRun");
      }
    }
  }

  /**
   * {@code InvokeWithResponseStream}: 200 with an {@code application/vnd.amazon.eventstream} body
   * of {@code PayloadChunk} events, one per flush of the handler's output stream (a {@link
   * com.amazonaws.services.lambda.runtime.RequestHandler}'s result is one chunk, as Lambda sends a
   * buffered function's response), then {@code InvokeComplete}, with {@code ErrorCode} and {@code
   * ErrorDetails} (the runtime's error JSON) when the function threw or timed out. Errors before
   * the function runs are plain AWS errors, as for {@code Invoke}.
   */
  private int invokeWithResponseStream(HttpExchange exchange, String name) throws IOException {
    Request request = readRequest(exchange, name);
    if (request.answered() != 0) {
      return request.answered();
    }
    HostedFunction function = request.function();
    byte[] payload = request.payload();
    JsonNode json = request.json();
    String type = exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type");
    if (type != null && !type.equals("RequestResponse") && !type.equals("DryRun")) {
      return awsError(
          exchange,
          400,
          "InvalidParameterValueException",
          "X-Amz-Invocation-Type must be RequestResponse or DryRun");
    }
    String requestId = UUID.randomUUID().toString();
    exchange.getResponseHeaders().set("X-Amzn-RequestId", requestId);
    if ("DryRun".equals(type)) {
      return send(exchange, 204, new byte[0], null);
    }
    exchange.getResponseHeaders().set("Content-Type", "application/vnd.amazon.eventstream");
    exchange.getResponseHeaders().set("X-Amz-Executed-Version", "$LATEST");
    exchange.sendResponseHeaders(200, 0);
    OutputStream wire = exchange.getResponseBody();
    EventStreamOutput out = new EventStreamOutput(wire);
    long deadline = System.currentTimeMillis() + timeout.toMillis();
    var context =
        new HostedLambdaContext(requestId, function.name(), arnOf(function.name()), deadline);
    Future<?> running =
        invocations.submit(
            () -> {
              function.invoke(json, payload, context, out);
              return null;
            });
    InvocationOutcome outcome;
    try {
      running.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      outcome = new InvocationOutcome.Returned(new byte[0]);
    } catch (TimeoutException e) {
      running.cancel(true);
      outcome = new InvocationOutcome.TimedOut(timeout.toMillis());
    } catch (ExecutionException e) {
      outcome = threw(e.getCause() == null ? e : e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running.cancel(true);
      outcome = threw(e);
    }
    switch (outcome) {
      case InvocationOutcome.Threw t -> {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("errorMessage", t.errorMessage());
        error.put("errorType", t.errorType());
        out.complete("Unhandled", Json.write(error));
      }
      case InvocationOutcome.TimedOut t ->
          out.complete(
              "Sandbox.Timedout",
              String.format(
                  Locale.ROOT,
                  "RequestId: %s Error: Task timed out after %.2f seconds",
                  requestId,
                  t.timeoutMillis() / 1000.0));
      default -> out.complete(null, null);
    }
    wire.close();
    return 200;
  }

  /**
   * A {@code RequestResponse} invocation on the connection's own thread (no hand-off). At the
   * timeout the watchdog answers {@code Sandbox.Timedout} on the exchange (and closes the
   * connection) and interrupts the function; whatever the function returns later is dropped.
   */
  private int invokeHere(
      HttpExchange exchange,
      HostedFunction function,
      JsonNode json,
      byte[] payload,
      String requestId)
      throws IOException {
    long deadline = System.currentTimeMillis() + timeout.toMillis();
    var context =
        new HostedLambdaContext(requestId, function.name(), arnOf(function.name()), deadline);
    InvocationWatchdog.Running running =
        watchdog.start(
            System.nanoTime() + timeout.toNanos(),
            r -> {
              try {
                exchange.getResponseHeaders().set("Connection", "close");
                respond(exchange, new InvocationOutcome.TimedOut(timeout.toMillis()), requestId);
              } catch (IOException e) {
                LOG.debug("timeout answer not sent: {}", e.toString());
              } finally {
                exchange.close();
              }
            });
    InvocationOutcome outcome;
    try {
      byte[] out = function.invoke(json, payload, context);
      outcome =
          out.length > MAX_RESPONSE_BYTES
              ? new InvocationOutcome.ResponseTooLarge(out.length)
              : new InvocationOutcome.Returned(out);
    } catch (Exception | LinkageError | AssertionError e) {
      outcome = threw(e);
    } finally {
      if (!watchdog.finish(running)) {
        outcome = null;
      }
    }
    if (outcome == null) {
      return 200; // answered by the watchdog
    }
    return respond(exchange, outcome, requestId);
  }

  /** Runs one invocation with the timeout; never throws. */
  InvocationOutcome run(HostedFunction function, JsonNode json, byte[] raw, String requestId) {
    long deadline = System.currentTimeMillis() + timeout.toMillis();
    var context =
        new HostedLambdaContext(requestId, function.name(), arnOf(function.name()), deadline);
    Future<byte[]> result = invocations.submit(() -> function.invoke(json, raw, context));
    try {
      byte[] out = result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return out.length > MAX_RESPONSE_BYTES
          ? new InvocationOutcome.ResponseTooLarge(out.length)
          : new InvocationOutcome.Returned(out);
    } catch (TimeoutException e) {
      result.cancel(true);
      return new InvocationOutcome.TimedOut(timeout.toMillis());
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return threw(cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      result.cancel(true);
      return threw(e);
    }
  }

  private static InvocationOutcome.Threw threw(Throwable t) {
    List<String> stack = new ArrayList<>();
    StackTraceElement[] frames = t.getStackTrace();
    for (int i = 0; i < frames.length && i < 20; i++) {
      stack.add(frames[i].toString());
    }
    return new InvocationOutcome.Threw(t.getClass().getName(), t.getMessage(), stack);
  }

  private int respond(HttpExchange exchange, InvocationOutcome outcome, String requestId)
      throws IOException {
    return switch (outcome) {
      case InvocationOutcome.Returned returned -> send(exchange, 200, returned.payload(), null);
      case InvocationOutcome.Threw threw -> {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("errorMessage", threw.errorMessage());
        error.put("errorType", threw.errorType());
        error.put("stackTrace", threw.stackTrace());
        yield send(exchange, 200, Json.mapper().writeValueAsBytes(error), "Unhandled");
      }
      case InvocationOutcome.TimedOut timedOut -> {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("errorType", "Sandbox.Timedout");
        error.put(
            "errorMessage",
            String.format(
                Locale.ROOT,
                "RequestId: %s Error: Task timed out after %.2f seconds",
                requestId,
                timedOut.timeoutMillis() / 1000.0));
        yield send(exchange, 200, Json.mapper().writeValueAsBytes(error), "Unhandled");
      }
      case InvocationOutcome.ResponseTooLarge tooLarge -> {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("errorType", "Function.ResponseSizeTooLarge");
        error.put(
            "errorMessage",
            "Response payload size ("
                + tooLarge.size()
                + " bytes) exceeded maximum allowed payload size ("
                + MAX_RESPONSE_BYTES
                + " bytes).");
        yield send(exchange, 200, Json.mapper().writeValueAsBytes(error), "Unhandled");
      }
    };
  }

  /**
   * The function name inside a {@code FunctionName} path parameter: {@code name}, {@code
   * name:qualifier}, {@code account:function:name[:qualifier]} or {@code
   * arn:aws:lambda:region:account:function:name[:qualifier]}.
   */
  static String functionName(String raw) {
    String[] parts = raw.split(":");
    if (raw.startsWith("arn:") && parts.length >= 7) {
      return parts[6];
    }
    if (parts.length >= 3 && parts[1].equals("function")) {
      return parts[2];
    }
    return parts[0];
  }

  private static byte[] readPayload(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[16384];
    int n;
    while ((n = in.read(buffer)) >= 0) {
      if (out.size() + n > MAX_REQUEST_BYTES) {
        return null;
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  private static int awsError(HttpExchange exchange, int status, String type, String message)
      throws IOException {
    exchange.getResponseHeaders().set("X-Amzn-ErrorType", type);
    byte[] body = Json.mapper().writeValueAsBytes(Map.of("Type", "User", "message", message));
    return send(exchange, status, body, null);
  }

  private static int send(HttpExchange exchange, int status, byte[] body, String functionError)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    if (status == 200) {
      exchange.getResponseHeaders().set("X-Amz-Executed-Version", "$LATEST");
    }
    if (functionError != null) {
      exchange.getResponseHeaders().set("X-Amz-Function-Error", functionError);
    }
    boolean empty = body.length == 0;
    exchange.sendResponseHeaders(status, empty ? -1 : body.length);
    if (!empty) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
    return status;
  }
}
