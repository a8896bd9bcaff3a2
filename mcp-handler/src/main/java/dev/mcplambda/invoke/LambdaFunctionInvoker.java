package dev.mcplambda.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcplambda.config.Environment;
import dev.mcplambda.json.Json;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.LambdaClientBuilder;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/**
 * {@link FunctionInvoker} over the Lambda Invoke API ({@code POST
 * /2015-03-31/functions/{name}/invocations}) with the AWS SDK v2 {@link LambdaClient} on the
 * url-connection HTTP client, and streaming tools over {@code InvokeWithResponseStream} with {@link
 * InvokeWithResponseStreamClient}. Build one per process: the client is thread-safe and expensive.
 *
 * <p>No SDK retries: a tool call is not known to be idempotent, so a timed-out or throttled
 * invocation is reported, not repeated.
 */
public final class LambdaFunctionInvoker implements FunctionInvoker {

  /** Default client-side limit for one invocation. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

  private static final int MAX_MESSAGE = 1000;

  private final LambdaClient client;
  private final InvokeWithResponseStreamClient streams;

  public LambdaFunctionInvoker(LambdaClient client) {
    this(client, DEFAULT_TIMEOUT);
  }

  /**
   * @param streamTimeout the default limit of one {@code InvokeWithResponseStream} (the {@link
   *     LambdaClient} has its own for {@code Invoke})
   */
  public LambdaFunctionInvoker(LambdaClient client, Duration streamTimeout) {
    this.client = client;
    this.streams = InvokeWithResponseStreamClient.like(client, streamTimeout);
  }

  /**
   * The composition root's invoker: region from {@code AWS_REGION} (default us-east-1), endpoint
   * override from {@code LAMBDA_ENDPOINT}, timeout from {@code MCP_FUNCTION_TIMEOUT_MS}, default
   * credentials chain.
   */
  public static LambdaFunctionInvoker fromEnvironment(Environment env) {
    Duration timeout =
        env.get(Environment.FUNCTION_TIMEOUT_MS)
            .map(v -> Duration.ofMillis(Long.parseLong(v)))
            .orElse(DEFAULT_TIMEOUT);
    LambdaClientBuilder builder =
        LambdaClient.builder()
            .region(Region.of(env.getOrDefault(Environment.AWS_REGION, "us-east-1")))
            .credentialsProvider(DefaultCredentialsProvider.builder().build());
    env.get(Environment.LAMBDA_ENDPOINT).map(URI::create).ifPresent(builder::endpointOverride);
    return new LambdaFunctionInvoker(configure(builder, timeout).build(), timeout);
  }

  /** Applies the HTTP client, timeouts and the no-retry policy to a builder (tests reuse it). */
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
   * {@code InvokeWithResponseStream} with the same region, credentials and endpoint as the {@link
   * LambdaClient}; works for functions that stream and for buffered ones (their output then arrives
   * in one piece).
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
    InvokeRequest.Builder request =
        InvokeRequest.builder()
            .functionName(functionArn)
            .invocationType(InvocationType.REQUEST_RESPONSE)
            .payload(SdkBytes.fromUtf8String(Json.write(event)));
    if (timeout != null && !timeout.isNegative() && !timeout.isZero()) {
      request.overrideConfiguration(c -> c.apiCallTimeout(timeout));
    }
    InvokeResponse response;
    try {
      response = client.invoke(request.build());
    } catch (TooManyRequestsException e) {
      return new InvocationOutcome.Throttled(cap(e.awsErrorDetails().errorMessage()));
    } catch (ResourceNotFoundException e) {
      return new InvocationOutcome.Unavailable("function not found");
    } catch (AwsServiceException e) {
      if (e.statusCode() == 429) {
        return new InvocationOutcome.Throttled(errorCode(e));
      }
      if (e.statusCode() == 403 || e.statusCode() == 401) {
        return new InvocationOutcome.Unavailable("not permitted to invoke the function");
      }
      return new InvocationOutcome.Unavailable("Lambda error " + errorCode(e));
    } catch (ApiCallTimeoutException | ApiCallAttemptTimeoutException e) {
      return new InvocationOutcome.Timeout("no response within the client timeout");
    } catch (AbortedException e) {
      return new InvocationOutcome.Unavailable("invocation aborted");
    } catch (SdkClientException e) {
      if (hasCause(e, SocketTimeoutException.class)) {
        return new InvocationOutcome.Timeout("no response within the client timeout");
      }
      return new InvocationOutcome.Unavailable("Lambda could not be reached");
    }
    return outcome(response);
  }

  /** {@code Invoke} with {@code InvocationType: Event}; Lambda answers 202 when it queued it. */
  @Override
  public boolean invokeAsync(String functionArn, JsonNode event) {
    try {
      InvokeResponse response =
          client.invoke(
              InvokeRequest.builder()
                  .functionName(functionArn)
                  .invocationType(InvocationType.EVENT)
                  .payload(SdkBytes.fromUtf8String(Json.write(event)))
                  .build());
      return response.statusCode() != null && response.statusCode() == 202;
    } catch (SdkException e) {
      return false;
    }
  }

  private static InvocationOutcome outcome(InvokeResponse response) {
    SdkBytes payload = response.payload();
    byte[] bytes = payload == null ? new byte[0] : payload.asByteArrayUnsafe();
    if (response.functionError() != null) {
      return functionError(bytes);
    }
    if (bytes.length == 0) {
      return new InvocationOutcome.MalformedOutput("the function returned no payload");
    }
    try {
      JsonNode node = Json.mapper().readTree(bytes);
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
      JsonNode node = Json.mapper().readTree(bytes);
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

  private static String errorCode(AwsServiceException e) {
    return e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null
        ? cap(e.awsErrorDetails().errorCode())
        : String.valueOf(e.statusCode());
  }

  private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  static String cap(String s) {
    if (s == null) {
      return "";
    }
    return s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE) + "…";
  }
}
