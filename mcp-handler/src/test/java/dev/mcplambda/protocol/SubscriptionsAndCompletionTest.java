package dev.mcplambda.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcplambda.invoke.InvocationOutcome;
import dev.mcplambda.json.Json;
import dev.mcplambda.jsonrpc.ErrorCodes;
import dev.mcplambda.jsonrpc.JsonRpcRequest;
import dev.mcplambda.jsonrpc.JsonRpcResponse;
import dev.mcplambda.registry.PromptArgument;
import dev.mcplambda.runtime.InvocationContext;
import dev.mcplambda.schema.SchemaValidator;
import dev.mcplambda.session.SessionRecord;
import dev.mcplambda.session.SessionStore;
import dev.mcplambda.store.dynamodb.DynamoDbClients;
import dev.mcplambda.store.dynamodb.DynamoDbSessionStore;
import dev.mcplambda.store.dynamodb.DynamoDbTables;
import dev.mcplambda.store.memory.InMemorySessionStore;
import dev.mcplambda.testing.Dynalite;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** resources/subscribe|unsubscribe (2025) on both session stores; completion by functions. */
class SubscriptionsAndCompletionTest {

  private static final List<DynamoDbClient> CLIENTS = new ArrayList<>();

  static Stream<Arguments> stores() {
    DynamoDbClient client = DynamoDbClients.forEndpoint(Dynalite.endpoint());
    CLIENTS.add(client);
    String table = "sessions-" + UUID.randomUUID();
    DynamoDbTables.ensureSessionTable(client, table);
    return Stream.of(
        Arguments.of("memory", new InMemorySessionStore()),
        Arguments.of("dynamodb", new DynamoDbSessionStore(client, table)));
  }

  @AfterAll
  static void close() {
    CLIENTS.forEach(DynamoDbClient::close);
  }

  private final Fixture fixture = new Fixture();

  private ProtocolDispatcher dispatcher(SessionStore sessions) {
    return new ProtocolDispatcher(
        new CatalogCache(fixture.registry),
        fixture.functions,
        sessions,
        new SchemaValidator(),
        ServerInfo.DEFAULT,
        DispatcherConfig.defaults().withStateSecret("s"));
  }

  private static SessionRecord newSession(SessionStore store) {
    SessionRecord s =
        SessionRecord.builder("s-" + UUID.randomUUID(), Fixture.ALICE)
            .era("streamable-http")
            .protocolVersion("2025-11-25")
            .clientCapabilities(Json.object())
            .logLevel("info")
            .createdAt(1)
            .lastSeenAt(1)
            .expiresAt(System.currentTimeMillis() / 1000 + 3600)
            .build();
    store.create(s);
    return s;
  }

  private static JsonRpcResponse call(
      ProtocolDispatcher d, SessionStore store, String sessionId, String method, String params) {
    SessionRecord s = store.get(sessionId).orElseThrow();
    CallContext context =
        new CallContext(
            Era.STREAMABLE_HTTP,
            "2025-11-25",
            Fixture.ALICE,
            s,
            Json.object(),
            null,
            s.logLevel(),
            new InvocationContext("r", Long.MAX_VALUE, null, null));
    return d.handle(
        new JsonRpcRequest(Json.nodes().numberNode(1), method, Fixture.json(params)),
        context,
        OutboundChannel.DISCARD);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void subscriptionsArePersistedOnTheSessionAndRemovedAgain(String name, SessionStore store) {
    // given a 2025 session
    ProtocolDispatcher d = dispatcher(store);
    SessionRecord s = newSession(store);

    // when it subscribes to a resource and to a URI of a template, twice to the first
    JsonRpcResponse first =
        call(d, store, s.sessionId(), "resources/subscribe", "{\"uri\":\"file:///readme.txt\"}");
    call(d, store, s.sessionId(), "resources/subscribe", "{\"uri\":\"file:///logs/2026-11-01\"}");
    call(d, store, s.sessionId(), "resources/subscribe", "{\"uri\":\"file:///readme.txt\"}");

    // then both are stored once, in order, and the rest of the session is untouched
    assertThat(first.isError()).isFalse();
    assertThat(first.result()).isEqualTo(Json.object());
    SessionRecord stored = store.get(s.sessionId()).orElseThrow();
    assertThat(SessionSubscriptions.resourceUris(stored.subscriptions()))
        .containsExactly("file:///readme.txt", "file:///logs/2026-11-01");
    assertThat(stored.logLevel()).isEqualTo("info");

    // when it unsubscribes from one (and from one it never had)
    JsonRpcResponse off =
        call(d, store, s.sessionId(), "resources/unsubscribe", "{\"uri\":\"file:///readme.txt\"}");
    call(d, store, s.sessionId(), "resources/unsubscribe", "{\"uri\":\"file:///nothing\"}");

    // then
    assertThat(off.result()).isEqualTo(Json.object());
    assertThat(
            SessionSubscriptions.resourceUris(
                store.get(s.sessionId()).orElseThrow().subscriptions()))
        .containsExactly("file:///logs/2026-11-01");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void subscribingToAnUnknownResourceIsResourceNotFound(String name, SessionStore store) {
    // given
    ProtocolDispatcher d = dispatcher(store);
    SessionRecord s = newSession(store);

    // when
    JsonRpcResponse r =
        call(d, store, s.sessionId(), "resources/subscribe", "{\"uri\":\"file:///nope\"}");

    // then -32002 with the uri, nothing stored
    assertThat(r.error().code()).isEqualTo(ErrorCodes.RESOURCE_NOT_FOUND_2025);
    assertThat(r.error().data().path("uri").asText()).isEqualTo("file:///nope");
    assertThat(store.get(s.sessionId()).orElseThrow().subscriptions()).isNull();
  }

  @Test
  void subscribeIsMethodNotFoundInTheStatelessEra() {
    JsonRpcResponse r =
        fixture.dispatcher.handle(
            new JsonRpcRequest(
                Json.nodes().numberNode(1),
                "resources/subscribe",
                Fixture.json(
                    "{\"uri\":\"file:///readme.txt\",\"_meta\":{"
                        + "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                        + "\"io.modelcontextprotocol/clientCapabilities\":{}}}")),
            Fixture.context(Era.STATELESS, null, Fixture.ALICE),
            OutboundChannel.DISCARD);
    assertThat(r.error().code()).isEqualTo(ErrorCodes.METHOD_NOT_FOUND);
  }

  @Test
  void aPromptArgumentWithoutEnumValuesIsCompletedByTheFunction() {
    // given a prompt whose function answers completion events
    AtomicReference<JsonNode> seen = new AtomicReference<>();
    fixture.prompt("city", List.of(new PromptArgument("name", "City", true)));
    fixture.functions.register(
        Fixture.FN + "city",
        e -> {
          seen.set(e);
          List<String> values = new ArrayList<>();
          for (int i = 0; i < 130; i++) {
            values.add("Par" + i);
          }
          return new InvocationOutcome.Success(
              Json.mapper().valueToTree(java.util.Map.of("values", values)));
        });

    // when
    JsonRpcResponse r =
        call2025(
            "completion/complete",
            "{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"city\"},"
                + "\"argument\":{\"name\":\"name\",\"value\":\"Par\"},"
                + "\"context\":{\"arguments\":{\"country\":\"FR\"}}}");

    // then the event says what to complete, the answer is capped at 100 with hasMore
    JsonNode event = seen.get();
    assertThat(event.path("action").asText()).isEqualTo("complete");
    assertThat(event.path("argument").path("name").asText()).isEqualTo("name");
    assertThat(event.path("argument").path("value").asText()).isEqualTo("Par");
    assertThat(event.path("context").path("arguments").path("country").asText()).isEqualTo("FR");
    assertThat(event.path("ref").path("name").asText()).isEqualTo("city");
    assertThat(event.path("extra").path("name").asText()).isEqualTo("city");
    JsonNode completion = r.result().get("completion");
    assertThat(completion.get("values")).hasSize(100);
    assertThat(completion.get("total").asInt()).isEqualTo(130);
    assertThat(completion.get("hasMore").asBoolean()).isTrue();
  }

  @Test
  void declaredEnumValuesWinAndTheFunctionIsNotAsked() {
    // given "greet" declares enumValues for "name"
    int before = fixture.functions.calls.size();

    // when
    JsonRpcResponse r =
        call2025(
            "completion/complete",
            "{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"greet\"},"
                + "\"argument\":{\"name\":\"name\",\"value\":\"Al\"}}");

    // then
    assertThat(r.result().get("completion").get("values"))
        .extracting(JsonNode::asText)
        .containsExactly("Alice", "Albert");
    assertThat(fixture.functions.calls).hasSize(before);
  }

  @Test
  void aFailingOrSilentCompletionFunctionCompletesToNothing() {
    // given a template without declared completions whose function fails
    fixture.resource("files", null, "file:///files/{name}", null, null);
    fixture.functions.register(
        Fixture.FN + "files", e -> new InvocationOutcome.FunctionError("Boom", "no"));

    // when
    JsonRpcResponse r =
        call2025(
            "completion/complete",
            "{\"ref\":{\"type\":\"ref/resource\",\"uri\":\"file:///files/{name}\"},"
                + "\"argument\":{\"name\":\"name\",\"value\":\"a\"}}");

    // then a result with no values, never an error
    assertThat(r.isError()).isFalse();
    assertThat(r.result().get("completion").get("values")).isEmpty();
    assertThat(r.result().get("completion").get("hasMore").asBoolean()).isFalse();
  }

  private JsonRpcResponse call2025(String method, String params) {
    return fixture.dispatcher.handle(
        new JsonRpcRequest(Json.nodes().numberNode(1), method, Fixture.json(params)),
        Fixture.context(Era.STREAMABLE_HTTP, "2025-11-25", Fixture.ALICE),
        OutboundChannel.DISCARD);
  }
}
