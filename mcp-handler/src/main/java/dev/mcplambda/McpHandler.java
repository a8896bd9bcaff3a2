package dev.mcplambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.mcplambda.config.Environment;
import dev.mcplambda.http.FunctionUrlRequest;
import dev.mcplambda.json.Json;
import dev.mcplambda.jsonrpc.ErrorCodes;
import dev.mcplambda.jsonrpc.JsonRpcMessage;
import dev.mcplambda.jsonrpc.JsonRpcParser;
import dev.mcplambda.jsonrpc.JsonRpcRequest;
import dev.mcplambda.jsonrpc.ParsedMessage;
import dev.mcplambda.runtime.BufferedResponseStream;
import dev.mcplambda.runtime.InvocationContext;
import dev.mcplambda.runtime.ResponseStream;
import dev.mcplambda.runtime.SnapStartHooks;
import dev.mcplambda.runtime.StreamingHandler;
import dev.mcplambda.session.SessionStoreUnavailableException;
import dev.mcplambda.transport.HttpResponses;
import dev.mcplambda.transport.McpHttpRequest;
import dev.mcplambda.transport.McpTransports;
import dev.mcplambda.transport.RequestGuard;
import dev.mcplambda.transport.RequestLog;
import dev.mcplambda.transport.SessionAdmission;
import dev.mcplambda.transport.StatelessHttpTransport;
import dev.mcplambda.transport.StreamAdmission;
import dev.mcplambda.transport.TransportOutcome;
import dev.mcplambda.transport.TransportSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MCP Lambda behind the runtime plane's Function URL (docs/mcp-endpoints.md). Thin: checks what
 * every endpoint shares (route, method, header hygiene, {@code Origin}, IAM principal, content
 * type, body size), classifies the message and hands it to one transport, then writes one request
 * log line.
 *
 * <ul>
 *   <li>{@code POST /mcp} with a 2026-07-28 {@code _meta} envelope → {@link
 *       StatelessHttpTransport}; an {@code initialize} or an {@code Mcp-Session-Id} header → the
 *       2025 Streamable HTTP transport; anything else → stateless (which explains what is missing).
 *   <li>{@code GET}/{@code DELETE /mcp} → 2025 Streamable HTTP.
 *   <li>{@code GET /sse}, {@code POST /message} → 2024-11-05 HTTP+SSE.
 * </ul>
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

  private final McpTransports transports;
  private final RequestGuard guard;
  private final StreamAdmission streams;
  private final SessionAdmission sessionCap;
  private final TransportSettings settings;
  private final RequestLog requestLog = new RequestLog();

  /** The Lambda's entry: everything from the environment ({@link McpWiring#fromEnvironment}). */
  public McpHandler() {
    this(McpWiring.fromEnvironment(Environment.system()), true);
  }

  private McpHandler(McpWiring wiring, boolean snapStartPriming) {
    this(wiring);
    if (snapStartPriming) {
      // SnapStart: synthetic requests before the snapshot (runs only under snap-start)
      SnapStartHooks.global().register(McpPriming.hook(this, wiring.dispatcher()));
    }
  }

  /** On given collaborators: the local server, end-to-end tests and handler tests. */
  public McpHandler(McpWiring wiring) {
    this.guard = new RequestGuard(wiring.settings());
    this.streams = wiring.streams();
    this.sessionCap = wiring.sessionCap();
    this.settings = wiring.settings();
    this.transports =
        new McpTransports(
            wiring.dispatcher(),
            wiring.sessions(),
            wiring.settings(),
            wiring.clock(),
            wiring.sessionIds(),
            wiring.changes(),
            wiring.schemas());
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
    String principal = guard.principal(request);
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
    McpHttpRequest r;
    switch (guard.admit(request, principal, response, context)) {
      case RequestGuard.Admission.Refused refused -> {
        return refused.outcome();
      }
      case RequestGuard.Admission.Admitted admitted -> r = admitted.request();
    }
    String method = r.method();
    return switch (r.path()) {
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
}
