package dev.mcplambda.invoke;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Invokes a registered entry's function synchronously with an event of DESIGN §3. Implementations
 * never throw for anything the function or Lambda does: every ending is an {@link
 * InvocationOutcome}.
 */
public interface FunctionInvoker {

  InvocationOutcome invoke(String functionArn, JsonNode event);
}
