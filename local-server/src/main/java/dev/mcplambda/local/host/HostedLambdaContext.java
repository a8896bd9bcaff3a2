package dev.mcplambda.local.host;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link Context} a hosted function sees: its name, ARN, request id and time left. */
final class HostedLambdaContext implements Context {

  private final String requestId;
  private final String functionName;
  private final String functionArn;
  private final long deadlineMillis;
  private final LambdaLogger logger;

  HostedLambdaContext(
      String requestId, String functionName, String functionArn, long deadlineMillis) {
    this.requestId = requestId;
    this.functionName = functionName;
    this.functionArn = functionArn;
    this.deadlineMillis = deadlineMillis;
    Logger log = LoggerFactory.getLogger("dev.mcplambda.local.function." + functionName);
    this.logger =
        new LambdaLogger() {
          @Override
          public void log(String message) {
            log.info("{}", message == null ? "" : message.strip());
          }

          @Override
          public void log(byte[] message) {
            log(new String(message, StandardCharsets.UTF_8));
          }
        };
  }

  @Override
  public String getAwsRequestId() {
    return requestId;
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/" + functionName;
  }

  @Override
  public String getLogStreamName() {
    return "local";
  }

  @Override
  public String getFunctionName() {
    return functionName;
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return functionArn;
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
    return (int) Math.max(0, deadlineMillis - System.currentTimeMillis());
  }

  @Override
  public int getMemoryLimitInMB() {
    return 512;
  }

  @Override
  public LambdaLogger getLogger() {
    return logger;
  }
}
