package dev.mcplambda.bench.jmh;

import dev.mcplambda.bench.EchoEntries;
import dev.mcplambda.bench.McpMessages;
import dev.mcplambda.invoke.FunctionInvoker;
import dev.mcplambda.protocol.CallContext;
import dev.mcplambda.protocol.CatalogCache;
import dev.mcplambda.protocol.DispatcherConfig;
import dev.mcplambda.protocol.ProtocolDispatcher;
import dev.mcplambda.protocol.ServerInfo;
import dev.mcplambda.protocol.Stateless2026;
import dev.mcplambda.registry.RegistryStore;
import dev.mcplambda.runtime.InvocationContext;
import dev.mcplambda.schema.SchemaValidator;
import dev.mcplambda.store.memory.InMemorySessionStore;

/** Builds the protocol core as the MCP handler does, on an in-memory registry. */
public final class ProtocolCoreFixture {

  private ProtocolCoreFixture() {}

  public static ProtocolDispatcher dispatcher(RegistryStore registry, FunctionInvoker invoker) {
    return new ProtocolDispatcher(
        new CatalogCache(registry),
        invoker,
        new InMemorySessionStore(),
        new SchemaValidator(),
        ServerInfo.DEFAULT,
        DispatcherConfig.defaults().withStateSecret("bench-secret-bench-secret-bench-secret"));
  }

  /** The context the transport builds for a 2026-07-28 stateless request. */
  public static CallContext statelessContext() {
    return CallContext.stateless(
        new Stateless2026.Envelope(
            McpMessages.STATELESS_VERSION,
            dev.mcplambda.json.Json.mapper().createObjectNode(),
            null,
            null),
        McpMessages.PRINCIPAL,
        new InvocationContext(
            "bench",
            Long.MAX_VALUE / 2,
            "arn:aws:lambda:us-east-1:123456789012:function:mcp",
            null));
  }

  public static RegistryStore echoRegistry() {
    var store = new dev.mcplambda.store.memory.InMemoryRegistryStore();
    store.create(EchoEntries.echo());
    return store;
  }
}
