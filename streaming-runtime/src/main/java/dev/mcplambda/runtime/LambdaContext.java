package dev.mcplambda.runtime;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.mcplambda.config.Environment;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The {@link Context} handed to a plain {@code RequestStreamHandler}. Function metadata comes from
 * the Lambda-reserved environment variables; identity and client context are not supported ({@code
 * null}). The logger writes to standard output, which Lambda ships to CloudWatch.
 */
record LambdaContext(Invocation invocation, Environment env) implements Context {

  private static final LambdaLogger STDOUT_LOGGER =
      new LambdaLogger() {
        @Override
        public void log(String message) {
          PrintStream out = System.out;
          out.print(message);
          out.flush();
        }

        @Override
        public void log(byte[] message) {
          log(new String(message, StandardCharsets.UTF_8));
        }
      };

  @Override
  public String getAwsRequestId() {
    return invocation.requestId();
  }

  @Override
  public String getLogGroupName() {
    return env.get("AWS_LAMBDA_LOG_GROUP_NAME").orElse(null);
  }

  @Override
  public String getLogStreamName() {
    return env.get("AWS_LAMBDA_LOG_STREAM_NAME").orElse(null);
  }

  @Override
  public String getFunctionName() {
    return env.get("AWS_LAMBDA_FUNCTION_NAME").orElse(null);
  }

  @Override
  public String getFunctionVersion() {
    return env.get("AWS_LAMBDA_FUNCTION_VERSION").orElse(null);
  }

  @Override
  public String getInvokedFunctionArn() {
    return invocation.functionArn();
  }

  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  @Override
  public ClientContext getClientContext() {
    return null;
  }

  @Override
  public int getRemainingTimeInMillis() {
    long remaining = invocation.deadlineEpochMillis() - System.currentTimeMillis();
    return (int) Math.max(0, Math.min(Integer.MAX_VALUE, remaining));
  }

  @Override
  public int getMemoryLimitInMB() {
    try {
      return Integer.parseInt(env.getOrDefault("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "0").trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  @Override
  public LambdaLogger getLogger() {
    return STDOUT_LOGGER;
  }

  @Override
  public String getXrayTraceId() {
    return invocation.traceId();
  }
}
