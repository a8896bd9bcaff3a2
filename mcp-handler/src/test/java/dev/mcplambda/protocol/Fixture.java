package dev.mcplambda.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.invoke.InvocationOutcome;
import dev.mcplambda.json.Json;
import dev.mcplambda.registry.EntryType;
import dev.mcplambda.registry.PromptArgument;
import dev.mcplambda.registry.RegistryEntry;
import dev.mcplambda.runtime.InvocationContext;
import dev.mcplambda.schema.SchemaValidator;
import dev.mcplambda.session.SessionRecord;
import dev.mcplambda.store.memory.InMemoryRegistryStore;
import dev.mcplambda.store.memory.InMemorySessionStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * A registry with one entry of every kind the dispatcher treats differently, fake functions behind
 * them, and a dispatcher with a fixed clock and state secret (so sealed MRTR state is
 * deterministic).
 */
final class Fixture {

  static final String ALICE = "arn:aws:iam::111122223333:user/alice";
  static final String ADMIN = "arn:aws:iam::111122223333:role/admin-ops";
  static final String FN = "arn:aws:lambda:us-east-1:111122223333:function:";
  static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

  final CountingRegistryStore registry = new CountingRegistryStore(new InMemoryRegistryStore());
  final InMemorySessionStore sessions = new InMemorySessionStore();
  final FakeFunctionInvoker functions = new FakeFunctionInvoker();
  Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  final ProtocolDispatcher dispatcher;

  Fixture() {
    this(DispatcherConfig.defaults().withStateKeys(goldenKeys()));
  }

  /**
   * The golden secret, with nonces seeded per fixture so sealed states are reproducible in golden
   * files.
   */
  static StateKeySource goldenKeys() {
    return new StateKeySource() {
      private final StateKeyRing ring = StateKeyRing.of("golden-secret", null);
      private final java.util.Random nonces = new java.util.Random(42);

      @Override
      public StateKeyRing keys() {
        return ring;
      }

      @Override
      public java.util.random.RandomGenerator nonces() {
        return nonces;
      }
    };
  }

  Fixture(DispatcherConfig config) {
    populate();
    dispatcher =
        new ProtocolDispatcher(
            new CatalogCache(registry),
            functions,
            sessions,
            new SchemaValidator(),
            new ServerInfo("mcp-lambda", "0.1.0", "mcp-lambda", "Tools backed by AWS Lambda."),
            config.withClock(clock));
  }

  private void populate() {
    ObjectNode echoSchema =
        json(
            "{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}},"
                + "\"required\":[\"text\"]}");
    tool("echo", "Echoes its text", echoSchema, null, null);
    functions.register(
        FN + "echo",
        e ->
            new InvocationOutcome.Success(
                json("{\"echoed\":" + e.path("args").path("text") + "}")));

    tool("mcp_result", "Returns a CallToolResult", null, null, null);
    functions.register(
        FN + "mcp_result",
        e ->
            new InvocationOutcome.Success(
                json(
                    "{\"content\":[{\"type\":\"text\",\"text\":\"hi\"}],"
                        + "\"structuredContent\":{\"n\":1}}")));

    tool("string_result", "Returns a JSON string", null, null, null);
    functions.register(
        FN + "string_result", e -> new InvocationOutcome.Success(Json.nodes().textNode("plain")));

    tool("failing", "Always fails", null, null, null);
    functions.register(
        FN + "failing", e -> new InvocationOutcome.FunctionError("IllegalStateException", "boom"));
    tool("slow", "Times out", null, null, null);
    functions.register(FN + "slow", e -> new InvocationOutcome.Timeout("the function timed out"));
    tool("busy", "Throttled", null, null, null);
    functions.register(FN + "busy", e -> new InvocationOutcome.Throttled("Rate exceeded"));
    tool("garbled", "Returns non-JSON", null, null, null);
    functions.register(
        FN + "garbled",
        e -> new InvocationOutcome.MalformedOutput("the function's output is not JSON"));
    tool("bad_content", "Returns content that is not content blocks", null, null, null);
    functions.register(
        FN + "bad_content", e -> new InvocationOutcome.Success(json("{\"content\":[1,2]}")));

    ObjectNode outputSchema =
        json(
            "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\"}},"
                + "\"required\":[\"n\"]}");
    tool("typed", "Has an output schema", null, outputSchema, null);
    functions.register(
        FN + "typed",
        e ->
            new InvocationOutcome.Success(
                e.path("args").path("good").asBoolean(false)
                    ? json("{\"n\":7}")
                    : json("{\"n\":\"seven\"}")));

    tool("ask", "Asks for the user's name (MRTR)", null, null, null);
    functions.register(
        FN + "ask",
        e -> {
          JsonNode extra = e.path("extra");
          if (!extra.has("requestState")) {
            return new InvocationOutcome.Success(
                json(
                    "{\"resultType\":\"input_required\",\"inputRequests\":{\"name\":{"
                        + "\"method\":\"elicitation/create\",\"params\":{\"mode\":\"form\","
                        + "\"message\":\"Your name?\",\"requestedSchema\":{\"type\":\"object\","
                        + "\"properties\":{\"name\":{\"type\":\"string\"}}}}}},"
                        + "\"requestState\":\"step-1\"}"));
          }
          String name =
              extra.path("inputResponses").path("name").path("content").path("name").asText("?");
          return new InvocationOutcome.Success(
              Json.nodes()
                  .textNode(
                      "hello " + name + " (state " + extra.get("requestState").asText() + ")"));
        });

    tool("sample", "Needs sampling (MRTR)", null, null, null);
    functions.register(
        FN + "sample",
        e ->
            new InvocationOutcome.Success(
                json(
                    "{\"resultType\":\"input_required\",\"inputRequests\":{\"q\":{"
                        + "\"method\":\"sampling/createMessage\",\"params\":{\"messages\":[],"
                        + "\"maxTokens\":10}}}}")));

    tool("admin_only", "Restricted", null, null, List.of("arn:aws:iam::111122223333:role/admin-*"));
    functions.register(
        FN + "admin_only", e -> new InvocationOutcome.Success(json("{\"ok\":true}")));

    resource("readme", "file:///readme.txt", null, "text/plain", null);
    functions.register(
        FN + "readme", e -> new InvocationOutcome.Success(Json.nodes().textNode("Hello")));
    resource("logs", null, "file:///logs/{date}", "text/plain", Map.of("date", dates()));
    functions.register(
        FN + "logs",
        e ->
            new InvocationOutcome.Success(
                json(
                    "{\"contents\":[{\"uri\":"
                        + e.path("uri")
                        + ",\"mimeType\":\"text/plain\",\"text\":\"log for "
                        + e.path("variables").path("date").asText()
                        + "\"}]}")));
    resource("broken", "file:///broken", null, null, null);
    functions.register(
        FN + "broken", e -> new InvocationOutcome.FunctionError("IOException", "disk on fire"));

    prompt(
        "greet",
        List.of(
            new PromptArgument(
                "name", "Name", "Who to greet", true, List.of("Alice", "Albert", "Bob"))));
    functions.register(
        FN + "greet",
        e ->
            new InvocationOutcome.Success(
                Json.nodes().textNode("Hello " + e.path("args").path("name").asText())));
    prompt("broken_prompt", List.of());
    functions.register(
        FN + "broken_prompt",
        e -> new InvocationOutcome.FunctionError("RuntimeException", "no template"));
  }

  private static List<String> dates() {
    return List.of("2026-11-01", "2026-11-02", "2026-10-31");
  }

  void tool(
      String name,
      String description,
      JsonNode inputSchema,
      JsonNode outputSchema,
      List<String> allowedPrincipals) {
    registry.create(
        new RegistryEntry(
            "tool-" + name,
            EntryType.TOOL,
            name,
            null,
            description,
            FN + name,
            null,
            inputSchema,
            outputSchema,
            null,
            null,
            null,
            null,
            null,
            allowedPrincipals,
            null,
            null,
            null));
  }

  void resource(
      String name,
      String uri,
      String uriTemplate,
      String mimeType,
      Map<String, List<String>> completions) {
    registry.create(
        new RegistryEntry(
            "resource-" + name,
            EntryType.RESOURCE,
            name,
            null,
            "The " + name + " resource",
            FN + name,
            null,
            null,
            null,
            null,
            uri,
            uriTemplate,
            mimeType,
            null,
            null,
            null,
            null,
            null,
            completions));
  }

  void prompt(String name, List<PromptArgument> arguments) {
    registry.create(
        new RegistryEntry(
            "prompt-" + name,
            EntryType.PROMPT,
            name,
            null,
            "The " + name + " prompt",
            FN + name,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            arguments,
            null,
            null,
            null,
            null));
  }

  static CallContext context(Era era, String version, String principal) {
    SessionRecord session =
        era == Era.STATELESS
            ? null
            : new SessionRecord(
                "s-1",
                principal,
                era == Era.LEGACY_SSE ? "legacy-sse" : "streamable-http",
                version,
                null,
                Json.object(),
                null,
                0,
                0,
                Long.MAX_VALUE / 1000,
                null);
    return new CallContext(
        era,
        version,
        principal,
        session,
        era == Era.STATELESS ? null : Json.object(),
        null,
        null,
        new InvocationContext("req-1", Long.MAX_VALUE, null, null));
  }

  static ObjectNode json(String text) {
    try {
      return (ObjectNode) Json.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
