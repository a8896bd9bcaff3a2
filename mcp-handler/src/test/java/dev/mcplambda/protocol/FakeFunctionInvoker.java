package dev.mcplambda.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcplambda.invoke.FunctionInvoker;
import dev.mcplambda.invoke.InvocationOutcome;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** In-memory functions by ARN; records every event it was given. */
final class FakeFunctionInvoker implements FunctionInvoker {

  record Call(String arn, JsonNode event) {}

  private final Map<String, Function<JsonNode, InvocationOutcome>> functions =
      new ConcurrentHashMap<>();
  final List<Call> calls = new CopyOnWriteArrayList<>();

  FakeFunctionInvoker register(String arn, Function<JsonNode, InvocationOutcome> function) {
    functions.put(arn, function);
    return this;
  }

  @Override
  public InvocationOutcome invoke(String functionArn, JsonNode event) {
    calls.add(new Call(functionArn, event.deepCopy()));
    Function<JsonNode, InvocationOutcome> f = functions.get(functionArn);
    return f == null ? new InvocationOutcome.Unavailable("function not found") : f.apply(event);
  }

  volatile java.time.Duration lastBudget;

  @Override
  public InvocationOutcome invoke(String functionArn, JsonNode event, java.time.Duration timeout) {
    lastBudget = timeout;
    return invoke(functionArn, event);
  }

  Call lastCall() {
    return calls.get(calls.size() - 1);
  }
}
