package dev.mcplambda.runtime;

import dev.mcplambda.http.FunctionUrlRequest;
import dev.mcplambda.runtime.craccompat.Context;
import dev.mcplambda.runtime.craccompat.Core;
import dev.mcplambda.runtime.craccompat.Resource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Registers one of our hooks and one CRaC-style resource in its constructor (as a composition root
 * would) and answers with the order in which they ran.
 */
public class SnapStartTestHandler implements StreamingHandler {

  private final List<String> calls = new CopyOnWriteArrayList<>();

  public SnapStartTestHandler() {
    SnapStartHooks.global()
        .register(
            new SnapStartHook() {
              @Override
              public void beforeSnapshot() {
                calls.add("ours:before");
              }

              @Override
              public void afterRestore() {
                calls.add("ours:after");
              }
            });
    Core.getGlobalContext()
        .register(
            new Resource() {
              @Override
              public void beforeCheckpoint(Context context) {
                calls.add("crac:before");
              }

              @Override
              public void afterRestore(Context context) {
                calls.add("crac:after");
              }
            });
  }

  @Override
  public void handle(FunctionUrlRequest request, ResponseStream response, InvocationContext context)
      throws IOException {
    response.start(200, Map.of("content-type", "text/plain"), List.of());
    response.body().write(String.join(",", calls).getBytes(StandardCharsets.UTF_8));
  }
}
