package dev.mcplambda.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcplambda.config.AwsCredentialsChoice;
import dev.mcplambda.config.Environment;
import dev.mcplambda.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.LambdaClientBuilder;

/**
 * {@link FunctionInvoker} over the Lambda Invoke API ({@code POST
 * /2015-03-31/functions/{name}/invocations}), SigV4-signed and sent by {@link LambdaEndpoint} (one
 * write per request, the JDK's keep-alive pool), and streaming tools over {@code
 * InvokeWithResponseStream} with {@link InvokeWithResponseStreamClient}. Not the SDK's {@link
 * LambdaClient} pipeline: at one call at a time it cost ≈ 1.5 ms per call on loopback, most of it a
 * Nagle stall of the url-connection client's two-write requests (issue 11); region, credentials and
 * endpoint may still come from a {@link LambdaClient}. Thread-safe; build one per process.
 *
 * <p>No SDK retries: a tool call is not known to be idempotent, so a timed-out or throttled
 * invocation is reported, not repeated.
 */
public final class LambdaFunctionInvoker implements FunctionInvoker {

  /** Default client-side limit for one invocation. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

  private static final int MAX_MESSAGE = 1000;

  private static final Logger LOG = LoggerFactory.getLogger(LambdaFunctionInvoker.class);

  static final String PATH_PREFIX = "/2015-03-31/functions/";
  static final String PATH_SUFFIX = "/invocations";

  /** Lambda's synchronous response limit is 6 MB; anything past this is refused unread. */
  private static final int MAX_RESPONSE_BYTES = 7 * 1024 * 1024;

  private static final int MAX_ERROR_BODY = 64 * 1024;

  private final LambdaEndpoint endpoint;
  private final Duration invokeTimeout;
  private final InvokeWithResponseStreamClient streams;

  /**
   * Region, credentials, endpoint and {@code apiCallTimeout} (the Invoke limit; {@link
   * #DEFAULT_TIMEOUT} when unset) of {@code client}.
   */
  public LambdaFunctionInvoker(LambdaClient client) {
    this(client, DEFAULT_TIMEOUT);
  }

  /**
   * @param streamTimeout the default limit of one {@code InvokeWithResponseStream} (the {@link
   *     LambdaClient}'s {@code apiCallTimeout} stays the limit of {@code Invoke})
   */
  public LambdaFunctionInvoker(LambdaClient client, Duration streamTimeout) {
    this(
        LambdaEndpoint.of(client),
        client
            .serviceClientConfiguration()
            .overrideConfiguration()
            .apiCallTimeout()
            .orElse(DEFAULT_TIMEOUT),
        streamTimeout);
  }

  public LambdaFunctionInvoker(
      LambdaEndpoint endpoint, Duration invokeTimeout, Duration streamTimeout) {
    this.endpoint = endpoint;
    this.invokeTimeout = invokeTimeout;
    this.streams = new InvokeWithResponseStreamClient(endpoint, streamTimeout);
  }

  /**
   * The composition root's invoker: region from {@code AWS_REGION} (default us-east-1), endpoint
   * override from {@code LAMBDA_ENDPOINT}, timeout from {@code MCP_FUNCTION_TIMEOUT_MS},
   * credentials provider by {@link AwsCredentialsChoice}. Builds no SDK service client.
   */
  public static LambdaFunctionInvoker fromEnvironment(Environment env) {
    Duration timeout =
        env.get(Environment.FUNCTION_TIMEOUT_MS)
            .map(v -> Duration.ofMillis(Long.parseLong(v)))
            .orElse(DEFAULT_TIMEOUT);
    String region = env.getOrDefault(Environment.AWS_REGION, "us-east-1");
    URI uri =
        env.get(Environment.LAMBDA_ENDPOINT)
            .map(URI::create)
            .orElseGet(() -> LambdaEndpoint.regionalEndpoint(region));
    return new LambdaFunctionInvoker(
        new LambdaEndpoint(uri, region, AwsCredentialsChoice.fromEnvironment(env)),
        timeout,
        timeout);
  }

  /**
   * Applies the HTTP client, timeouts and the no-retry policy to a builder (tests and the local
   * server build {@link LambdaClient}s with it; the invoker reads their endpoint, region,
   * credentials and {@code apiCallTimeout}).
   */
  public static LambdaClientBuilder configure(LambdaClientBuilder builder, Duration timeout) {
    return builder
        .httpClientBuilder(
            UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(timeout.plusSeconds(1)))
        .overrideConfiguration(
            c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(timeout));
  }

  /**
   * {@code InvokeWithResponseStream} with the same region, credentials and endpoint; works for
   * functions that stream and for buffered ones (their output then arrives in one piece).
   */
  @Override
  public InvocationOutcome invokeStreaming(
      String functionArn, JsonNode event, Duration timeout, ToolEventListener listener) {
    return streams.invoke(functionArn, event, timeout, listener);
  }

  @Override
  public InvocationOutcome invoke(String functionArn, JsonNode event) {
    return invoke(functionArn, event, null);
  }

  @Override
  public InvocationOutcome invoke(String functionArn, JsonNode event, Duration timeout) {
    // the caller's deadline may shorten the client's limit, never lengthen it
    Duration limit =
        timeout == null
                || timeout.isNegative()
                || timeout.isZero()
                || timeout.compareTo(invokeTimeout) > 0
            ? invokeTimeout
            : timeout;
    byte[] body = Json.write(event).getBytes(StandardCharsets.UTF_8);
    HttpURLConnection connection = null;
    try {
      connection =
          endpoint.post(
              endpoint.uri(PATH_PREFIX, functionArn, PATH_SUFFIX),
              body,
              "application/json",
              "RequestResponse",
              limit.toMillis());
      int status = connection.getResponseCode();
      if (status != 200) {
        return httpError(connection, status);
      }
      byte[] payload;
      try (InputStream in = connection.getInputStream()) {
        payload = in.readNBytes(MAX_RESPONSE_BYTES);
        if (payload.length == MAX_RESPONSE_BYTES && in.read() >= 0) {
          connection.disconnect();
          return new InvocationOutcome.MalformedOutput("the function's output is too large");
        }
      }
      String functionError = connection.getHeaderField("X-Amz-Function-Error");
      return outcome(payload, functionError);
    } catch (SocketTimeoutException e) {
      disconnect(connection);
      return new InvocationOutcome.Timeout("no response within the client timeout");
    } catch (IOException e) {
      disconnect(connection);
      LOG.debug("Invoke failed: {}", e.toString());
      return new InvocationOutcome.Unavailable("Lambda could not be reached");
    } catch (RuntimeException e) {
      disconnect(connection);
      LOG.warn("Invoke failed: {}", e.getClass().getSimpleName());
      return new InvocationOutcome.Unavailable("the invocation failed");
    }
  }

  /** {@code Invoke} with {@code InvocationType: Event}; Lambda answers 202 when it queued it. */
  @Override
  public boolean invokeAsync(String functionArn, JsonNode event) {
    byte[] body = Json.write(event).getBytes(StandardCharsets.UTF_8);
    HttpURLConnection connection = null;
    try {
      connection =
          endpoint.post(
              endpoint.uri(PATH_PREFIX, functionArn, PATH_SUFFIX),
              body,
              "application/json",
              "Event",
              invokeTimeout.toMillis());
      int status = connection.getResponseCode();
      try (InputStream in =
          status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
        if (in != null) {
          in.readNBytes(MAX_ERROR_BODY); // drain: the connection stays alive
        }
      }
      return status == 202;
    } catch (IOException | RuntimeException e) {
      disconnect(connection);
      LOG.debug("asynchronous Invoke failed: {}", e.toString());
      return false;
    }
  }

  private static void disconnect(HttpURLConnection connection) {
    if (connection != null) {
      connection.disconnect();
    }
  }

  /** A non-200 answer of the Invoke API, as the SDK's exceptions were mapped. */
  static InvocationOutcome httpError(HttpURLConnection connection, int status) throws IOException {
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
    } catch (IOException | RuntimeException e) {
      // no readable body
    }
    if (status == 429 || (errorType != null && errorType.contains("TooManyRequests"))) {
      return new InvocationOutcome.Throttled(
          cap(message == null ? "TooManyRequestsException" : message));
    }
    if (status == 404 || "ResourceNotFoundException".equals(errorType)) {
      return new InvocationOutcome.Unavailable("function not found");
    }
    if (status == 401 || status == 403) {
      return new InvocationOutcome.Unavailable("not permitted to invoke the function");
    }
    return new InvocationOutcome.Unavailable(
        "Lambda error " + cap(errorType == null ? String.valueOf(status) : errorType));
  }

  private static InvocationOutcome outcome(byte[] bytes, String functionError) {
    if (functionError != null) {
      return functionError(bytes);
    }
    if (bytes.length == 0) {
      return new InvocationOutcome.MalformedOutput("the function returned no payload");
    }
    try {
      JsonNode node = Json.readTree(bytes);
      if (node == null || node.isMissingNode()) {
        return new InvocationOutcome.MalformedOutput("the function returned no payload");
      }
      return new InvocationOutcome.Success(node);
    } catch (IOException | RuntimeException e) {
      return new InvocationOutcome.MalformedOutput("the function's output is not JSON");
    }
  }

  /** {@code {"errorMessage", "errorType", "stackTrace"}}: the stack trace is dropped. */
  private static InvocationOutcome functionError(byte[] bytes) {
    String type = "Unhandled";
    String message = "the function failed";
    try {
      JsonNode node = Json.readTree(bytes);
      if (node != null && node.isObject()) {
        if (node.path("errorType").isTextual()) {
          type = node.get("errorType").asText();
        }
        if (node.path("errorMessage").isTextual()) {
          message = node.get("errorMessage").asText();
        }
      }
    } catch (IOException | RuntimeException e) {
      // keep the generic message
    }
    if (type.contains("Timedout") || type.contains("TimedOut")) {
      return new InvocationOutcome.Timeout("the function timed out");
    }
    return new InvocationOutcome.FunctionError(cap(type), cap(message));
  }

  static String cap(String s) {
    if (s == null) {
      return "";
    }
    return s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE) + "…";
  }
}
