package dev.mcplambda.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * A {@link FunctionInvoker} whose real invoker (the AWS SDK {@code LambdaClient}, some 500 classes)
 * is built on a background thread started at construction. Cold start: requests that invoke no
 * function ({@code initialize}, {@code tools/list}, …) are served while the client is still being
 * built; the first invocation waits for it. The client is still built exactly once per process.
 */
public final class BackgroundInitializedInvoker implements FunctionInvoker {

  private final CompletableFuture<FunctionInvoker> target;

  public BackgroundInitializedInvoker(Supplier<FunctionInvoker> factory) {
    this.target =
        CompletableFuture.supplyAsync(
            factory,
            task -> {
              Thread t = new Thread(task, "function-invoker-init");
              t.setDaemon(true);
              t.start();
            });
  }

  private FunctionInvoker target() {
    try {
      return target.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("building the function invoker failed", cause);
    }
  }

  @Override
  public InvocationOutcome invoke(String functionArn, JsonNode event) {
    return target().invoke(functionArn, event);
  }

  @Override
  public InvocationOutcome invoke(String functionArn, JsonNode event, Duration timeout) {
    return target().invoke(functionArn, event, timeout);
  }

  @Override
  public InvocationOutcome invokeStreaming(
      String functionArn, JsonNode event, Duration timeout, ToolEventListener listener) {
    return target().invokeStreaming(functionArn, event, timeout, listener);
  }

  @Override
  public boolean invokeAsync(String functionArn, JsonNode event) {
    return target().invokeAsync(functionArn, event);
  }
}
