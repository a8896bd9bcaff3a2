package dev.mcplambda.transport;

import static dev.mcplambda.transport.FunctionUrlRequests.get;
import static dev.mcplambda.transport.FunctionUrlRequests.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.McpHandler;
import dev.mcplambda.McpWiring;
import dev.mcplambda.invoke.InvocationOutcome;
import dev.mcplambda.json.Json;
import dev.mcplambda.protocol.CatalogCache;
import dev.mcplambda.protocol.DispatcherConfig;
import dev.mcplambda.protocol.ProtocolDispatcher;
import dev.mcplambda.protocol.ServerInfo;
import dev.mcplambda.registry.EntryType;
import dev.mcplambda.registry.RegistryEntry;
import dev.mcplambda.runtime.BufferedResponseStream;
import dev.mcplambda.schema.SchemaValidator;
import dev.mcplambda.store.memory.InMemoryRegistryStore;
import dev.mcplambda.store.memory.InMemorySessionStore;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Input requests of a 2025 session end to end through {@link McpHandler} with the real {@link
 * ProtocolDispatcher}: the {@code tools/call} POST is served on one thread, the client's answer to
 * the server-to-client request is POSTed from another, and the tool's final result arrives on the
 * right stream (the POST's SSE response for Streamable HTTP, the session stream for legacy SSE).
 */
class InputRequestsThroughHandlerTest {

  private static final long GUARD_MILLIS = 30_000;
  private static final String FN = "arn:aws:lambda:us-east-1:111122223333:function:";
  private static final Pattern REQUEST =
      Pattern.compile(
          "data: (\\{\"jsonrpc\":\"2.0\",\"id\":\"(mcpl-[^\"]+)\",\"method\":\"([^\"]+)\"[^\\n]*)");

  private final InMemorySessionStore store = new InMemorySessionStore();
  private final List<JsonNode> events = new CopyOnWriteArrayList<>();
  private final McpHandler handler;
  private final Sender harness = new Sender();
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  InputRequestsThroughHandlerTest() throws Exception {
    InMemoryRegistryStore registry = new InMemoryRegistryStore();
    registry.create(tool("ask_llm"));
    registry.create(tool("ask_user"));
    ProtocolDispatcher dispatcher =
        new ProtocolDispatcher(
            new CatalogCache(registry),
            (arn, event) -> function(arn, event),
            store,
            new SchemaValidator(),
            ServerInfo.DEFAULT,
            DispatcherConfig.defaults().withStateSecret("test"));
    handler =
        new McpHandler(McpWiring.builder(dispatcher, store, HandlerHarness.settings()).build());
  }

  @Test
  void streamableHttpSendsSamplingOnThePostStreamAndAnswersThereAfterTheClientsPost()
      throws Exception {
    // given a session whose client declared sampling
    BufferedResponseStream init =
        harness.send(post("/mcp", initialize("{\"sampling\":{}}")).build());
    String session = init.header("Mcp-Session-Id");
    assertThat(session).isNotNull();

    // when the tool call runs on one thread …
    BufferedResponseStream call = new BufferedResponseStream();
    CompletableFuture<Void> calling =
        harness.sendAsync(
            post("/mcp", toolsCall(7, "ask_llm"))
                .header("mcp-session-id", session)
                .header("mcp-protocol-version", "2025-11-25")
                .build(),
            call,
            60_000);
    assertThat(call.awaitBodyContaining("sampling/createMessage", GUARD_MILLIS)).isTrue();
    Matcher request = REQUEST.matcher(call.bodyText());
    assertThat(request.find()).isTrue();

    // … and the client's answer is POSTed on another
    BufferedResponseStream answer =
        harness.send(
            post(
                    "/mcp",
                    response(
                        request.group(2),
                        "{\"role\":\"assistant\",\"content\":{\"type\":\"text\",\"text\":\"42\"},\"model\":\"m\"}"))
                .header("mcp-session-id", session)
                .build());
    calling.get(GUARD_MILLIS, TimeUnit.MILLISECONDS);

    // then
    assertThat(answer.status()).isEqualTo(202);
    assertThat(call.status()).isEqualTo(200);
    assertThat(call.header("Content-Type")).startsWith("text/event-stream");
    assertThat(request.group(3)).isEqualTo("sampling/createMessage");
    JsonNode sent = Json.readTree(request.group(1));
    assertThat(sent.path("params").path("maxTokens").asInt()).isEqualTo(50);
    JsonNode result = lastData(call.bodyText());
    assertThat(result.path("id").asInt()).isEqualTo(7);
    assertThat(result.path("result").path("content").get(0).path("text").asText())
        .isEqualTo("LLM said: 42");
    assertThat(events).hasSize(2);
    assertThat(events.get(1).path("extra").path("requestState").asText()).isEqualTo("round-1");
  }

  @Test
  void streamableHttpWithoutTheCapabilityAnswersIsErrorNamingIt() throws Exception {
    // given a client that declared no sampling
    String session =
        harness
            .send(post("/mcp", initialize("{\"elicitation\":{}}")).build())
            .header("Mcp-Session-Id");

    // when
    BufferedResponseStream call =
        harness.send(
            post("/mcp", toolsCall(3, "ask_llm"))
                .header("mcp-session-id", session)
                .header("mcp-protocol-version", "2025-11-25")
                .build());

    // then
    JsonNode body = Json.readTree(call.bodyText());
    assertThat(body.path("result").path("isError").asBoolean()).isTrue();
    assertThat(body.path("result").path("content").get(0).path("text").asText())
        .isEqualTo(
            "Tool 'ask_llm' needs the client capability sampling, which this client did not"
                + " declare");
    assertThat(events).hasSize(1);
  }

  @Test
  void legacySseSendsElicitationOnTheSessionStreamAndTheResultFollowsThere() throws Exception {
    // given an open legacy stream and an initialized session that declared elicitation
    BufferedResponseStream stream = new BufferedResponseStream();
    CompletableFuture<Void> streaming = harness.sendAsync(get("/sse").build(), stream, 60_000);
    assertThat(stream.awaitBodyContaining("sessionId=", GUARD_MILLIS)).isTrue();
    Matcher m = Pattern.compile("sessionId=([A-Za-z0-9_-]+)").matcher(stream.bodyText());
    assertThat(m.find()).isTrue();
    String session = m.group(1);
    assertThat(
            harness
                .send(
                    post("/message", initialize("{\"elicitation\":{}}"))
                        .query("sessionId", session)
                        .build())
                .status())
        .isEqualTo(202);

    // when the tool call is POSTed on one thread …
    CompletableFuture<BufferedResponseStream> calling =
        CompletableFuture.supplyAsync(
            () ->
                harness.send(
                    post("/message", toolsCall(9, "ask_user"))
                        .query("sessionId", session)
                        .build()));
    assertThat(stream.awaitBodyContaining("elicitation/create", GUARD_MILLIS))
        .as(() -> stream.bodyText())
        .isTrue();
    Matcher request = REQUEST.matcher(stream.bodyText());
    assertThat(request.find()).isTrue();

    // … and the answer on another
    BufferedResponseStream answer =
        harness.send(
            post(
                    "/message",
                    response(
                        request.group(2), "{\"action\":\"accept\",\"content\":{\"name\":\"Ada\"}}"))
                .query("sessionId", session)
                .build());
    BufferedResponseStream call = calling.get(GUARD_MILLIS, TimeUnit.MILLISECONDS);
    assertThat(stream.awaitBodyContaining("\"id\":9", GUARD_MILLIS)).isTrue();
    store.delete(session); // ends the stream
    streaming.get(GUARD_MILLIS, TimeUnit.MILLISECONDS);

    // then
    assertThat(answer.status()).isEqualTo(202);
    assertThat(call.status()).isEqualTo(202);
    assertThat(request.group(3)).isEqualTo("elicitation/create");
    JsonNode result = lastData(stream.bodyText());
    assertThat(result.path("id").asInt()).isEqualTo(9);
    assertThat(result.path("result").path("content").get(0).path("text").asText())
        .isEqualTo("Hello Ada");
  }

  // ---- fixtures ----

  /** Serves requests on the calling thread or on another one (a separate invocation). */
  private final class Sender {
    BufferedResponseStream send(dev.mcplambda.http.FunctionUrlRequest request) {
      BufferedResponseStream out = new BufferedResponseStream();
      try {
        handler.handle(request, out, HandlerHarness.invocation(60_000));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return out;
    }

    CompletableFuture<Void> sendAsync(
        dev.mcplambda.http.FunctionUrlRequest request, BufferedResponseStream out, long millis) {
      return CompletableFuture.runAsync(
          () -> {
            try {
              handler.handle(request, out, HandlerHarness.invocation(millis));
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          },
          threads);
    }
  }

  /** The tool functions: ask once (sampling or elicitation), then answer from the response. */
  private InvocationOutcome function(String arn, JsonNode event) {
    events.add(event.deepCopy());
    JsonNode responses = event.path("extra").path("inputResponses");
    try {
      if (arn.endsWith("ask_llm")) {
        if (responses.has("llm")) {
          return ok("LLM said: " + responses.path("llm").path("content").path("text").asText());
        }
        return new InvocationOutcome.Success(
            Json.readTree(
                "{\"resultType\":\"input_required\",\"inputRequests\":{\"llm\":{\"method\":"
                    + "\"sampling/createMessage\",\"params\":{\"messages\":[{\"role\":\"user\","
                    + "\"content\":{\"type\":\"text\",\"text\":\"6x7?\"}}],\"maxTokens\":50}}},"
                    + "\"requestState\":\"round-1\"}"));
      }
      if (responses.has("who")) {
        return ok("Hello " + responses.path("who").path("content").path("name").asText());
      }
      return new InvocationOutcome.Success(
          Json.readTree(
              "{\"resultType\":\"input_required\",\"inputRequests\":{\"who\":{\"method\":"
                  + "\"elicitation/create\",\"params\":{\"message\":\"Name?\",\"requestedSchema\":"
                  + "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}}}}}}}"));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static InvocationOutcome ok(String text) {
    ObjectNode result = Json.object();
    result.putArray("content").addObject().put("type", "text").put("text", text);
    return new InvocationOutcome.Success(result);
  }

  private static RegistryEntry tool(String name) {
    return RegistryEntry.builder(EntryType.TOOL, name)
        .id("tool-" + name)
        .description("asks for input")
        .lambdaArn(FN + name)
        .build();
  }

  private static String initialize(String capabilities) {
    return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
        + "\"protocolVersion\":\"2025-11-25\",\"capabilities\":"
        + capabilities
        + ",\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
  }

  private static String toolsCall(int id, String name) {
    return "{\"jsonrpc\":\"2.0\",\"id\":"
        + id
        + ",\"method\":\"tools/call\",\"params\":{\"name\":\""
        + name
        + "\",\"arguments\":{}}}";
  }

  private static String response(String id, String result) {
    return "{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"result\":" + result + "}";
  }

  /** The last {@code data:} line of an SSE body, as JSON. */
  private static JsonNode lastData(String sse) throws Exception {
    String last = null;
    for (String line : sse.split("\n")) {
      if (line.startsWith("data: {")) {
        last = line.substring("data: ".length());
      }
    }
    assertThat(last).isNotNull();
    return Json.readTree(last);
  }
}
