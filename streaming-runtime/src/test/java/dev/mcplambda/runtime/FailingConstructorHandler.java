package dev.mcplambda.runtime;

import dev.mcplambda.http.FunctionUrlRequest;

/** A handler whose constructor fails, as a composition root missing its configuration would. */
public class FailingConstructorHandler implements StreamingHandler {

  public FailingConstructorHandler() {
    throw new IllegalStateException("environment variable REGISTRY_TABLE is not set");
  }

  @Override
  public void handle(
      FunctionUrlRequest request, ResponseStream response, InvocationContext context) {
    throw new AssertionError("never constructed");
  }
}
