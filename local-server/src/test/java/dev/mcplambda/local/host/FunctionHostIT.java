package dev.mcplambda.local.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcplambda.examples.catalog.ExampleCatalog;
import dev.mcplambda.json.Json;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/** The in-process function host against the real AWS SDK v2 {@link LambdaClient}. */
class FunctionHostIT {

  /** Ignores interrupts: returns only when the test releases it. */
  public static final class StubbornHandler
      implements com.amazonaws.services.lambda.runtime.RequestHandler<
          java.util.Map<String, Object>, String> {
    static final java.util.concurrent.CountDownLatch RELEASE =
        new java.util.concurrent.CountDownLatch(1);
    static final java.util.concurrent.atomic.AtomicBoolean RETURNED =
        new java.util.concurrent.atomic.AtomicBoolean();

    @Override
    public String handleRequest(
        java.util.Map<String, Object> input,
        com.amazonaws.services.lambda.runtime.Context context) {
      while (true) {
        try {
          RELEASE.await();
          RETURNED.set(true);
          return "late";
        } catch (InterruptedException e) {
          // ignored on purpose
        }
      }
    }
  }

  private static FunctionHost host;
  private static LambdaClient lambda;

  @BeforeAll
  static void start() throws Exception {
    FunctionDirectory directory =
        FunctionDirectory.of(ExampleCatalog.all())
            .add(
                new HostedFunction(
                    "blocking",
                    FunctionHostTest.BlockingHandler.class.getName(),
                    FunctionHostIT.class.getClassLoader()))
            .add(
                new HostedFunction(
                    "stubborn",
                    StubbornHandler.class.getName(),
                    FunctionHostIT.class.getClassLoader()));
    host = new FunctionHost(directory, Duration.ofSeconds(1), "us-east-1", "000000000000");
    URI endpoint = host.start("127.0.0.1", 0);
    lambda =
        LambdaClient.builder()
            .region(Region.US_EAST_1)
            .endpointOverride(endpoint)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD))
            .build();
  }

  @AfterAll
  static void stop() {
    lambda.close();
    host.close();
  }

  @Test
  void invokesAFunctionByName() throws Exception {
    // when
    InvokeResponse response =
        lambda.invoke(
            r ->
                r.functionName("echo")
                    .payload(SdkBytes.fromUtf8String("{\"args\":{\"message\":\"hello\"}}")));

    // then
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.functionError()).isNull();
    assertThat(response.executedVersion()).isEqualTo("$LATEST");
    assertThat(Json.readTree(response.payload().asUtf8String()).at("/content/0/text").asText())
        .isEqualTo("hello");
  }

  @Test
  void invokesAFunctionByFullArnAndQualifier() throws Exception {
    InvokeResponse response =
        lambda.invoke(
            r ->
                r.functionName(ExampleCatalog.localArn("add"))
                    .qualifier("$LATEST")
                    .payload(SdkBytes.fromUtf8String("{\"args\":{\"a\":2,\"b\":3}}")));
    assertThat(Json.readTree(response.payload().asUtf8String()).get("sum").asInt()).isEqualTo(5);
  }

  @Test
  void reportsAFunctionErrorAsTheServiceDoes() throws Exception {
    // when
    InvokeResponse response =
        lambda.invoke(
            r -> r.functionName("test_error_handling").payload(SdkBytes.fromUtf8String("{}")));

    // then
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.functionError()).isEqualTo("Unhandled");
    var error = Json.readTree(response.payload().asUtf8String());
    assertThat(error.get("errorMessage").asText())
        .isEqualTo("This tool intentionally returns an error for testing");
    assertThat(error.get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
  }

  @Test
  void reportsATimeoutAsTheServiceDoes() throws Exception {
    InvokeResponse response =
        lambda.invoke(r -> r.functionName("blocking").payload(SdkBytes.fromUtf8String("{}")));
    assertThat(response.functionError()).isEqualTo("Unhandled");
    var error = Json.readTree(response.payload().asUtf8String());
    assertThat(error.get("errorType").asText()).isEqualTo("Sandbox.Timedout");
    assertThat(error.get("errorMessage").asText()).contains("Task timed out after 1.00 seconds");
  }

  @Test
  void answersTheTimeoutWhileAFunctionThatIgnoresInterruptsStillRuns() throws Exception {
    // when: the function runs on the connection's thread and never returns by itself
    InvokeResponse response =
        lambda.invoke(r -> r.functionName("stubborn").payload(SdkBytes.fromUtf8String("{}")));

    // then: the watchdog answered, with the function still running
    boolean stillRunning = !StubbornHandler.RETURNED.get();
    StubbornHandler.RELEASE.countDown();
    assertThat(stillRunning).isTrue();
    assertThat(response.functionError()).isEqualTo("Unhandled");
    var error = Json.readTree(response.payload().asUtf8String());
    assertThat(error.get("errorType").asText()).isEqualTo("Sandbox.Timedout");

    // and: the host serves the next invocation
    InvokeResponse next =
        lambda.invoke(
            r ->
                r.functionName("echo")
                    .payload(SdkBytes.fromUtf8String("{\"args\":{\"message\":\"after\"}}")));
    assertThat(Json.readTree(next.payload().asUtf8String()).at("/content/0/text").asText())
        .isEqualTo("after");
  }

  @Test
  void refusesAnUnknownFunctionWithResourceNotFound() {
    assertThatThrownBy(
            () -> lambda.invoke(r -> r.functionName("nope").payload(SdkBytes.fromUtf8String("{}"))))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining(
            "Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope")
        .satisfies(e -> assertThat(((ResourceNotFoundException) e).statusCode()).isEqualTo(404));
  }

  @Test
  void acceptsAsynchronousAndDryRunInvocations() {
    InvokeResponse event =
        lambda.invoke(
            r ->
                r.functionName("echo")
                    .invocationType(InvocationType.EVENT)
                    .payload(SdkBytes.fromUtf8String("{}")));
    assertThat(event.statusCode()).isEqualTo(202);
    InvokeResponse dryRun =
        lambda.invoke(
            r ->
                r.functionName("echo")
                    .invocationType(InvocationType.DRY_RUN)
                    .payload(SdkBytes.fromUtf8String("{}")));
    assertThat(dryRun.statusCode()).isEqualTo(204);
  }
}
