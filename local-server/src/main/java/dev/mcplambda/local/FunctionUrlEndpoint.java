package dev.mcplambda.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.mcplambda.http.FunctionUrlRequest;
import dev.mcplambda.http.FunctionUrlResponse;
import dev.mcplambda.local.auth.AuthOutcome;
import dev.mcplambda.local.auth.CallerAuthenticator;
import dev.mcplambda.runtime.InvocationContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one plane the way its Function URL would: caps the body, authenticates the caller, turns
 * the request into a payload-2.0 event and hands it to the plane's handler — streamed for the MCP
 * plane, buffered for the admin plane. Logs one line per request (never bodies).
 */
public final class FunctionUrlEndpoint implements HttpHandler {

  private static final Logger LOG = LoggerFactory.getLogger(FunctionUrlEndpoint.class);

  /** Function URLs cut invocations off after 15 minutes; long-lived streams end before that. */
  static final Duration INVOCATION_LIMIT = Duration.ofMinutes(15);

  private final String plane;
  private final PlaneHandler handler;
  private final CallerAuthenticator authenticator;
  private final FunctionUrlEventFactory events;
  private final int maxBodyBytes;
  private final Predicate<String> allowedHost;
  private final Set<Thread> streaming = ConcurrentHashMap.newKeySet();

  /**
   * @param plane a name for the request log ({@code admin} or {@code mcp})
   * @param allowedHost which {@code Host} header values are served (DNS-rebinding protection);
   *     others get 403
   */
  public FunctionUrlEndpoint(
      String plane,
      PlaneHandler handler,
      CallerAuthenticator authenticator,
      FunctionUrlEventFactory events,
      int maxBodyBytes,
      Predicate<String> allowedHost) {
    this.plane = plane;
    this.handler = handler;
    this.authenticator = authenticator;
    this.events = events;
    this.maxBodyBytes = maxBodyBytes;
    this.allowedHost = allowedHost;
  }

  @Override
  public void handle(HttpExchange exchange) {
    long started = System.nanoTime();
    int status = 0;
    try {
      status = serve(exchange);
    } catch (IOException e) {
      // the client went away; nothing left to answer
      LOG.debug("{} connection ended early: {}", plane, e.toString());
    } catch (RuntimeException e) {
      LOG.warn("{} request failed inside the local server", plane, e);
      status = tryError(exchange, 500, "internal error in the local server");
    } finally {
      exchange.close();
      if (LOG.isInfoEnabled()) {
        LOG.info(
            "{} {} {} {} {}ms",
            plane,
            exchange.getRequestMethod(),
            loggable(exchange.getRequestURI().getRawPath()),
            status == 0 ? "-" : status,
            (System.nanoTime() - started) / 1_000_000);
      }
    }
  }

  private int serve(HttpExchange exchange) throws IOException {
    String host = exchange.getRequestHeaders().getFirst("Host");
    if (host == null || !allowedHost.test(host)) {
      return error(
          exchange,
          403,
          "Host header '" + loggable(String.valueOf(host)) + "' is not allowed on this server");
    }
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null) {
      try {
        if (Long.parseLong(declared.strip()) > maxBodyBytes) {
          return tooLarge(exchange);
        }
      } catch (NumberFormatException e) {
        return error(exchange, 400, "malformed Content-Length");
      }
    }
    byte[] body = readBody(exchange.getRequestBody());
    if (body == null) {
      return tooLarge(exchange);
    }
    var remote = exchange.getRemoteAddress();
    ReceivedRequest request =
        new ReceivedRequest(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getRawPath(),
            exchange.getRequestURI().getRawQuery(),
            exchange.getRequestHeaders(),
            body,
            remote == null ? "127.0.0.1" : remote.getAddress().getHostAddress());
    CallerIdentity caller;
    switch (authenticator.authenticate(request)) {
      case AuthOutcome.Rejected rejected -> {
        return error(exchange, 403, rejected.message());
      }
      case AuthOutcome.Authenticated authenticated -> caller = authenticated.caller();
    }
    String requestId = UUID.randomUUID().toString();
    exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
    FunctionUrlRequest event = events.toEvent(request, caller, requestId);
    return switch (handler) {
      case PlaneHandler.Streaming streaming -> stream(exchange, streaming, event, requestId);
      case PlaneHandler.Buffered buffered -> buffer(exchange, buffered, event);
    };
  }

  private int stream(
      HttpExchange exchange,
      PlaneHandler.Streaming streaming,
      FunctionUrlRequest event,
      String requestId)
      throws IOException {
    ChunkedResponseStream response = new ChunkedResponseStream(exchange);
    var context =
        new InvocationContext(
            requestId, System.currentTimeMillis() + INVOCATION_LIMIT.toMillis(), null, null);
    Thread thread = Thread.currentThread();
    this.streaming.add(thread);
    try {
      streaming.handler().handle(event, response, context);
    } catch (RuntimeException e) {
      LOG.warn("{} handler failed", plane, e);
      if (!response.started()) {
        return error(exchange, 502, "the handler failed: " + e.getClass().getSimpleName());
      }
      return response.status();
    } finally {
      this.streaming.remove(thread);
    }
    if (!response.started()) {
      return error(exchange, 502, "the handler returned without a response");
    }
    response.body().flush();
    return response.status();
  }

  /**
   * Ends the invocations still streaming (the server is stopping): interrupts their handlers, as
   * the Lambda runtime does on shutdown, and waits up to {@code grace} for them to return, so the
   * stores they poll are not closed under them.
   *
   * @return how many were still running after {@code grace}
   */
  int endStreams(Duration grace) {
    List<Thread> running = List.copyOf(streaming);
    running.forEach(Thread::interrupt);
    long until = System.nanoTime() + grace.toNanos();
    for (Thread thread : running) {
      long left = until - System.nanoTime();
      if (left <= 0) {
        break;
      }
      try {
        thread.join(Duration.ofNanos(left));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return (int) running.stream().filter(Thread::isAlive).count();
  }

  private int buffer(
      HttpExchange exchange, PlaneHandler.Buffered buffered, FunctionUrlRequest event)
      throws IOException {
    FunctionUrlResponse response;
    try {
      response = buffered.handler().handle(event);
    } catch (RuntimeException e) {
      LOG.warn("{} handler failed", plane, e);
      return error(exchange, 502, "the handler failed: " + e.getClass().getSimpleName());
    }
    if (response == null) {
      return error(exchange, 502, "the handler returned no response");
    }
    byte[] body;
    if (response.body() == null) {
      body = new byte[0];
    } else if (response.base64Encoded()) {
      body = Base64.getDecoder().decode(response.body());
    } else {
      body = response.body().getBytes(StandardCharsets.UTF_8);
    }
    Map<String, String> headers =
        response.headers() == null ? new LinkedHashMap<>() : response.headers();
    if (response.cookies() != null) {
      response.cookies().forEach(c -> exchange.getResponseHeaders().add("Set-Cookie", c));
    }
    HttpResponses.send(exchange, response.statusCode(), headers, body);
    return response.statusCode();
  }

  /** Reads the body; {@code null} if it is longer than the cap. */
  private byte[] readBody(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int n;
    while ((n = in.read(buffer)) >= 0) {
      if (out.size() + n > maxBodyBytes) {
        return null;
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  private int tooLarge(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().set("Connection", "close");
    return error(exchange, 413, "request body too large: the limit is " + maxBodyBytes + " bytes");
  }

  private static int error(HttpExchange exchange, int status, String message) throws IOException {
    HttpResponses.sendError(exchange, status, message);
    return status;
  }

  private static int tryError(HttpExchange exchange, int status, String message) {
    try {
      HttpResponses.sendError(exchange, status, message);
      return status;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** Keeps printable ASCII only, so nothing from a request can forge a log line. */
  static String loggable(String s) {
    StringBuilder out = new StringBuilder(Math.min(s.length(), 200));
    for (int i = 0; i < s.length() && i < 200; i++) {
      char c = s.charAt(i);
      out.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return out.toString();
  }

  /** Host values of loopback addresses: {@code localhost}, {@code 127.0.0.1}, {@code [::1]}. */
  public static boolean isLoopbackHost(String hostHeader) {
    String h = hostHeader.strip().toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      h = end < 0 ? h : h.substring(0, end + 1);
    } else if (h.indexOf(':') >= 0) {
      h = h.substring(0, h.indexOf(':'));
    }
    return h.equals("localhost") || h.equals("127.0.0.1") || h.equals("[::1]");
  }
}
