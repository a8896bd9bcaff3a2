package dev.mcplambda.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcplambda.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;
import software.amazon.awssdk.eventstream.MessageDecoder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Lambda {@code InvokeWithResponseStream} ({@code POST
 * /2021-11-15/functions/{FunctionName}/response-streaming-invocations}) over {@link
 * HttpURLConnection}: the SDK offers this operation only on the async client (Netty or CRT, which
 * this project does not ship), so the request is signed and sent by {@link LambdaEndpoint} and the
 * {@code application/vnd.amazon.eventstream} response decoded with the SDK's {@link MessageDecoder}
 * as the bytes arrive.
 *
 * <p>Events: {@code PayloadChunk} (the payload is a chunk of the function's output) and {@code
 * InvokeComplete} (JSON {@code ErrorCode}, {@code ErrorDetails}, {@code LogResult}). Region,
 * credentials and endpoint override are the {@link LambdaClient}'s, so the local function host and
 * AWS are reached the same way. Thread-safe; no retries (a tool call is not known to be
 * idempotent).
 */
public final class InvokeWithResponseStreamClient {

  private static final Logger LOG = LoggerFactory.getLogger(InvokeWithResponseStreamClient.class);

  static final String PATH_PREFIX = "/2021-11-15/functions/";
  static final String PATH_SUFFIX = "/response-streaming-invocations";

  private static final int MAX_ERROR_BODY = 64 * 1024;

  private final LambdaEndpoint endpoint;
  private final Duration defaultTimeout;

  public InvokeWithResponseStreamClient(LambdaEndpoint endpoint, Duration defaultTimeout) {
    this.endpoint = endpoint;
    this.defaultTimeout = defaultTimeout;
  }

  /** Region, credentials provider and endpoint (override or the regional one) of {@code client}. */
  public static InvokeWithResponseStreamClient like(LambdaClient client, Duration defaultTimeout) {
    return new InvokeWithResponseStreamClient(LambdaEndpoint.of(client), defaultTimeout);
  }

  static URI regionalEndpoint(Region region) {
    return LambdaEndpoint.regionalEndpoint(region);
  }

  /**
   * Invokes {@code functionName} with {@code event}; progress and log events reach {@code listener}
   * as their bytes arrive. Never throws for anything Lambda or the function does.
   *
   * @param timeout the longest the whole invocation may take; {@code null} for the default
   */
  public InvocationOutcome invoke(
      String functionName, JsonNode event, Duration timeout, ToolEventListener listener) {
    Duration limit =
        timeout == null || timeout.isZero() || timeout.isNegative() ? defaultTimeout : timeout;
    long deadline = System.nanoTime() + limit.toNanos();
    byte[] body = Json.write(event).getBytes(StandardCharsets.UTF_8);
    HttpURLConnection connection = null;
    boolean reusable = false;
    try {
      connection =
          endpoint.post(
              endpoint.uri(PATH_PREFIX, functionName, PATH_SUFFIX),
              body,
              "application/vnd.amazon.eventstream",
              "RequestResponse",
              limit.toMillis());
      int status = connection.getResponseCode();
      if (status != 200) {
        return httpError(connection, status);
      }
      Read read = readEventStream(connection, deadline, listener);
      reusable = read.clean();
      return read.outcome();
    } catch (SocketTimeoutException e) {
      return new InvocationOutcome.Timeout("no response within the client timeout");
    } catch (IOException e) {
      LOG.debug("InvokeWithResponseStream failed: {}", e.toString());
      return new InvocationOutcome.Unavailable("Lambda could not be reached");
    } catch (RuntimeException e) {
      LOG.warn("InvokeWithResponseStream failed: {}", e.getClass().getSimpleName());
      return new InvocationOutcome.Unavailable("the invocation failed");
    } finally {
      if (connection != null && !reusable) {
        connection.disconnect(); // else the kept-alive connection serves the next call
      }
    }
  }

  /** What ended the event stream. */
  private static final class Completion {
    boolean complete;
    InvocationOutcome failure;
  }

  /** How reading ended; {@code clean} when the event stream completed (connection reusable). */
  private record Read(InvocationOutcome outcome, boolean clean) {}

  private static Read readEventStream(
      HttpURLConnection connection, long deadline, ToolEventListener listener) throws IOException {
    ToolEventDecoder events = new ToolEventDecoder(listener);
    Completion completion = new Completion();
    MessageDecoder frames = new MessageDecoder(message -> onMessage(message, events, completion));
    byte[] buffer = new byte[16384];
    try (InputStream in = connection.getInputStream()) {
      int n;
      // after InvokeComplete, closing the stream reads what is left without blocking and keeps
      // the connection alive when that reaches the end of the body
      while (!completion.complete && (n = in.read(buffer)) >= 0) {
        try {
          frames.feed(buffer, 0, n);
        } catch (RuntimeException e) {
          return new Read(
              new InvocationOutcome.Unavailable("Lambda's event stream is malformed"), false);
        }
        if (!completion.complete && System.nanoTime() - deadline > 0) {
          return new Read(
              new InvocationOutcome.Timeout("no complete response within the client timeout"),
              false);
        }
      }
    }
    if (completion.failure != null) {
      return new Read(completion.failure, true);
    }
    if (!completion.complete) {
      return new Read(
          new InvocationOutcome.Unavailable("the response stream ended before InvokeComplete"),
          false);
    }
    return new Read(events.finish(), true);
  }

  private static void onMessage(Message message, ToolEventDecoder events, Completion completion) {
    if (completion.complete) {
      return;
    }
    Map<String, HeaderValue> headers = message.getHeaders();
    String messageType = header(headers, ":message-type");
    if ("event".equals(messageType)) {
      String eventType = header(headers, ":event-type");
      if ("PayloadChunk".equals(eventType)) {
        events.feed(message.getPayload());
      } else if ("InvokeComplete".equals(eventType)) {
        completion.complete = true;
        completion.failure = invokeComplete(message.getPayload());
      }
      return; // unknown event types are skipped, as the SDK does
    }
    completion.complete = true;
    if ("exception".equals(messageType)) {
      String type = header(headers, ":exception-type");
      completion.failure =
          type != null && type.contains("TooManyRequests")
              ? new InvocationOutcome.Throttled(LambdaFunctionInvoker.cap(type))
              : new InvocationOutcome.Unavailable(
                  "Lambda error " + LambdaFunctionInvoker.cap(type == null ? "?" : type));
    } else {
      String code = header(headers, ":error-code");
      completion.failure =
          new InvocationOutcome.Unavailable(
              "Lambda error " + LambdaFunctionInvoker.cap(code == null ? "?" : code));
    }
  }

  /** {@code null} when the function completed, else the failure it reported. */
  static InvocationOutcome invokeComplete(byte[] payload) {
    JsonNode node;
    try {
      node = payload.length == 0 ? Json.object() : Json.readTree(payload);
    } catch (IOException e) {
      return new InvocationOutcome.Unavailable("Lambda's InvokeComplete event is malformed");
    }
    String code = node.path("ErrorCode").asText(null);
    if (code == null || code.isEmpty()) {
      return null;
    }
    String details = node.path("ErrorDetails").asText("");
    String type = code;
    String message = details.isEmpty() ? "the function failed" : details;
    try {
      JsonNode error = details.startsWith("{") ? Json.readTree(details) : null;
      if (error != null && error.path("errorMessage").isTextual()) {
        message = error.get("errorMessage").asText();
        if (error.path("errorType").isTextual()) {
          type = error.get("errorType").asText();
        }
      }
    } catch (IOException e) {
      // details are plain text
    }
    if (type.contains("Timedout") || type.contains("TimedOut") || code.contains("Timedout")) {
      return new InvocationOutcome.Timeout("the function timed out");
    }
    return new InvocationOutcome.FunctionError(
        LambdaFunctionInvoker.cap(type), LambdaFunctionInvoker.cap(message));
  }

  private static InvocationOutcome httpError(HttpURLConnection connection, int status)
      throws IOException {
    String errorType = connection.getHeaderField("X-Amzn-ErrorType");
    if (errorType != null && errorType.contains(":")) {
      errorType = errorType.substring(0, errorType.indexOf(':'));
    }
    String message = null;
    try (InputStream err = connection.getErrorStream()) {
      if (err != null) {
        JsonNode body = Json.readTree(err.readNBytes(MAX_ERROR_BODY));
        message =
            body == null ? null : body.path("message").asText(body.path("Message").asText(null));
      }
    } catch (IOException e) {
      // no readable body
    }
    if (status == 429 || (errorType != null && errorType.contains("TooManyRequests"))) {
      return new InvocationOutcome.Throttled(
          LambdaFunctionInvoker.cap(message == null ? "TooManyRequestsException" : message));
    }
    if (status == 404 || "ResourceNotFoundException".equals(errorType)) {
      return new InvocationOutcome.Unavailable("function not found");
    }
    if (status == 401 || status == 403) {
      return new InvocationOutcome.Unavailable("not permitted to invoke the function");
    }
    return new InvocationOutcome.Unavailable(
        "Lambda error "
            + LambdaFunctionInvoker.cap(errorType == null ? String.valueOf(status) : errorType));
  }

  private static String header(Map<String, HeaderValue> headers, String name) {
    HeaderValue value = headers.get(name);
    return value == null ? null : value.getString();
  }
}
