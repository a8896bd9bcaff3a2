package dev.mcplambda.protocol;

/**
 * Serves one JSON-RPC method. Bad input is a {@link ProtocolException} (it becomes an {@link
 * Outcome.Failed}); everything else is the returned outcome.
 */
@FunctionalInterface
interface MethodHandler {

  Outcome handle(Exchange x);
}
