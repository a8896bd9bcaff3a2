package dev.mcplambda.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcplambda.invoke.FunctionInvoker;
import dev.mcplambda.invoke.InvocationOutcome;
import dev.mcplambda.invoke.ToolEvent;
import dev.mcplambda.invoke.ToolEventListener;
import dev.mcplambda.json.Json;
import dev.mcplambda.jsonrpc.JsonRpcMessage;
import dev.mcplambda.jsonrpc.JsonRpcNotification;
import dev.mcplambda.jsonrpc.JsonRpcRequest;
import dev.mcplambda.jsonrpc.JsonRpcResponse;
import dev.mcplambda.registry.EntryType;
import dev.mcplambda.registry.RegistryEntry;
import dev.mcplambda.runtime.InvocationContext;
import dev.mcplambda.schema.SchemaValidator;
import dev.mcplambda.store.memory.InMemoryRegistryStore;
import dev.mcplambda.store.memory.InMemorySessionStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** tools/call of a streaming tool ({@code invokeMode: "stream"}): events become notifications. */
class StreamingToolCallTest {

  private static final String FN = "arn:aws:lambda:us-east-1:111122223333:function:";
  private static final String META_2026 =
      "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
          + "\"io.modelcontextprotocol/clientCapabilities\":{}";

  /** Emits these events, records what was sent on the channel when each was emitted. */
  private final class ScriptedInvoker implements FunctionInvoker {
    final List<ToolEvent> script = new ArrayList<>();
    int streamingCalls;
    int bufferedCalls;

    @Override
    public InvocationOutcome invoke(String functionArn, JsonNode event) {
      bufferedCalls++;
      return new InvocationOutcome.Success(Json.nodes().textNode("buffered"));
    }

    @Override
    public InvocationOutcome invokeStreaming(
        String functionArn, JsonNode event, Duration timeout, ToolEventListener listener) {
      streamingCalls++;
      for (ToolEvent e : script) {
        listener.onEvent(e);
        sentWhenEmitted.add(sent.size());
      }
      return new InvocationOutcome.Success(
          Fixture.json("{\"content\":[{\"type\":\"text\",\"text\":\"done\"}]}"));
    }
  }

  private final List<JsonRpcMessage> sent = new ArrayList<>();
  private final List<Integer> sentWhenEmitted = new ArrayList<>();
  private final ScriptedInvoker invoker = new ScriptedInvoker();
  private final InMemorySessionStore sessions = new InMemorySessionStore();
  private final ProtocolDispatcher dispatcher;

  StreamingToolCallTest() {
    InMemoryRegistryStore registry = new InMemoryRegistryStore();
    registry.create(tool("slow", RegistryEntry.INVOKE_STREAM));
    registry.create(tool("plain", null));
    dispatcher =
        new ProtocolDispatcher(
            new CatalogCache(registry),
            invoker,
            sessions,
            new SchemaValidator(),
            ServerInfo.DEFAULT,
            DispatcherConfig.defaults().withStateSecret("s"));
    invoker.script.add(new ToolEvent.Progress(0, 100.0, "start"));
    invoker.script.add(new ToolEvent.Log("debug", "t", Json.nodes().textNode("noise")));
    invoker.script.add(new ToolEvent.Progress(50, 100.0, null));
    invoker.script.add(new ToolEvent.Progress(50, 100.0, null)); // not increasing: dropped
    invoker.script.add(new ToolEvent.Log("info", null, Fixture.json("{\"rows\":3}")));
    invoker.script.add(new ToolEvent.Progress(100.5, null, "end"));
  }

  private static RegistryEntry tool(String name, String mode) {
    return RegistryEntry.builder(EntryType.TOOL, name)
        .id("tool-" + name)
        .description("a tool")
        .lambdaArn(FN + name)
        .invokeMode(mode)
        .build();
  }

  private JsonRpcResponse call(String params, CallContext context) {
    return dispatcher.handle(
        new JsonRpcRequest(Json.nodes().numberNode(7), "tools/call", Fixture.json(params)),
        context,
        sent::add);
  }

  private static CallContext session(String version, String logLevel) {
    CallContext c = Fixture.context(Era.STREAMABLE_HTTP, version, "arn:aws:iam::1:user/a");
    return new CallContext(
        c.era(),
        c.protocolVersion(),
        c.principal(),
        c.session(),
        c.clientCapabilities(),
        c.clientInfo(),
        logLevel,
        new InvocationContext("req", Long.MAX_VALUE, null, null));
  }

  private List<JsonRpcNotification> notifications(String method) {
    return sent.stream()
        .map(JsonRpcNotification.class::cast)
        .filter(n -> n.method().equals(method))
        .toList();
  }

  @Test
  void progressIsForwardedWithTheTokenIncreasingAsEachEventArrives() {
    // given a 2025 session without a log level and a request with a progress token
    // when
    JsonRpcResponse response =
        call(
            "{\"name\":\"slow\",\"arguments\":{},\"_meta\":{\"progressToken\":\"p-1\"}}",
            session("2025-11-25", null));

    // then three progress notifications (the repeated 50 dropped), no log messages
    assertThat(response.result().path("content").get(0).path("text").asText()).isEqualTo("done");
    assertThat(sent).hasSize(3);
    assertThat(notifications("notifications/progress"))
        .extracting(n -> Json.write(n.params()))
        .containsExactly(
            "{\"progressToken\":\"p-1\",\"progress\":0,\"total\":100,\"message\":\"start\"}",
            "{\"progressToken\":\"p-1\",\"progress\":50,\"total\":100}",
            "{\"progressToken\":\"p-1\",\"progress\":100.5,\"message\":\"end\"}");
    // and each went out while the function was still running, right after its event
    assertThat(sentWhenEmitted).containsExactly(1, 1, 2, 2, 2, 3);
    assertThat(invoker.streamingCalls).isEqualTo(1);
  }

  @Test
  void withoutAProgressTokenNoProgressIsSent() {
    call("{\"name\":\"slow\",\"arguments\":{}}", session("2025-11-25", null));
    assertThat(sent).isEmpty();
  }

  @Test
  void numericProgressTokensAreKeptAndOldVersionsGetNoProgressMessage() {
    call(
        "{\"name\":\"slow\",\"arguments\":{},\"_meta\":{\"progressToken\":42}}",
        session("2024-11-05", null));
    assertThat(Json.write(notifications("notifications/progress").get(0).params()))
        .isEqualTo("{\"progressToken\":42,\"progress\":0,\"total\":100}");
  }

  @Test
  void logMessagesFollowTheSessionLevel() {
    // given a 2025 session that asked for info
    call("{\"name\":\"slow\",\"arguments\":{}}", session("2025-11-25", "info"));

    // then the debug message is filtered out and the info one forwarded
    assertThat(notifications("notifications/message"))
        .singleElement()
        .satisfies(
            n ->
                assertThat(Json.write(n.params()))
                    .isEqualTo("{\"level\":\"info\",\"data\":{\"rows\":3}}"));

    // and with debug both arrive, in order, with their logger
    sent.clear();
    call("{\"name\":\"slow\",\"arguments\":{}}", session("2025-11-25", "debug"));
    assertThat(notifications("notifications/message"))
        .extracting(n -> n.params().path("level").asText())
        .containsExactly("debug", "info");
    assertThat(notifications("notifications/message").get(0).params().path("logger").asText())
        .isEqualTo("t");
  }

  @Test
  void stateless2026LogsOnlyWithTheMetaLogLevel() {
    CallContext stateless = Fixture.context(Era.STATELESS, null, "arn:aws:iam::1:user/a");
    call("{\"name\":\"slow\",\"arguments\":{},\"_meta\":{" + META_2026 + "}}", stateless);
    assertThat(notifications("notifications/message")).isEmpty();

    call(
        "{\"name\":\"slow\",\"arguments\":{},\"_meta\":{"
            + META_2026
            + ",\"io.modelcontextprotocol/logLevel\":\"notice\",\"progressToken\":\"t\"}}",
        stateless);
    assertThat(notifications("notifications/message")).isEmpty(); // debug and info < notice
    assertThat(notifications("notifications/progress")).hasSize(3);

    sent.clear();
    call(
        "{\"name\":\"slow\",\"arguments\":{},\"_meta\":{"
            + META_2026
            + ",\"io.modelcontextprotocol/logLevel\":\"info\"}}",
        stateless);
    assertThat(notifications("notifications/message")).hasSize(1);
  }

  @Test
  void bufferedToolsAreNotStreamed() {
    JsonRpcResponse response =
        call(
            "{\"name\":\"plain\",\"arguments\":{},\"_meta\":{\"progressToken\":\"p\"}}",
            session("2025-11-25", "debug"));
    assertThat(invoker.bufferedCalls).isEqualTo(1);
    assertThat(invoker.streamingCalls).isZero();
    assertThat(sent).isEmpty();
    assertThat(response.result().path("content").get(0).path("text").asText())
        .isEqualTo("buffered");
  }

  @Test
  void aFailingChannelDoesNotFailTheCall() {
    JsonRpcResponse response =
        dispatcher.handle(
            new JsonRpcRequest(
                Json.nodes().numberNode(1),
                "tools/call",
                Fixture.json(
                    "{\"name\":\"slow\",\"arguments\":{},\"_meta\":{\"progressToken\":\"p\"}}")),
            session("2025-11-25", "debug"),
            m -> {
              throw new java.io.IOException("client gone");
            });
    assertThat(response.isError()).isFalse();
    assertThat(response.result().path("isError").asBoolean(false)).isFalse();
  }
}
