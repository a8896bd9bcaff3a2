package dev.mcplambda.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.mcplambda.invoke.InvocationOutcome;
import dev.mcplambda.json.Json;
import dev.mcplambda.jsonrpc.JsonRpcError;
import dev.mcplambda.jsonrpc.JsonRpcMessage;
import dev.mcplambda.jsonrpc.JsonRpcRequest;
import dev.mcplambda.jsonrpc.JsonRpcResponse;
import dev.mcplambda.runtime.InvocationContext;
import dev.mcplambda.session.SessionRecord;
import dev.mcplambda.session.SessionStore;
import dev.mcplambda.store.dynamodb.DynamoDbClients;
import dev.mcplambda.store.dynamodb.DynamoDbSessionStore;
import dev.mcplambda.store.dynamodb.DynamoDbTables;
import dev.mcplambda.store.memory.InMemorySessionStore;
import dev.mcplambda.testing.Dynalite;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@link InputRequestRelay} with an in-memory session store (and once on dynalite): a "client"
 * thread reads the server-to-client requests from the channel and answers them through {@link
 * InputRequestRelay#accept}, as a POST to another invocation would. Waits that must end early are
 * guarded by a {@link Future#get} timeout far shorter than the relay's own wait.
 */
class InputRequestRelayTest {

  private static final long GUARD_SECONDS = 60;
  private static final Duration LONG_WAIT = Duration.ofMinutes(5);

  private final InMemorySessionStore store = new InMemorySessionStore();
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final QueueChannel channel = new QueueChannel();
  private final List<ObjectNode> reinvocations = new CopyOnWriteArrayList<>();
  private final List<String> states = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() throws InterruptedException {
    executor.shutdownNow();
    executor.awaitTermination(10, TimeUnit.SECONDS);
  }

  // ---- rounds ----

  @Test
  void aSingleRoundSendsTheRequestAndReinvokesWithTheAnswerUnderTheSameKey() throws Exception {
    // given a session that declared sampling and a tool that asks for it
    CallContext ctx = session(store, "{\"sampling\":{}}");
    InputRequestRelay relay = relay(store, LONG_WAIT);
    Future<InputRequestRelay.Relayed> running =
        executor.submit(
            () ->
                relay.relay(
                    ctx, channel, asks("sampling", SAMPLING, "s-1"), tool(r -> done("ok"))));

    // when the client answers the request it got on the stream
    JsonRpcRequest sent = channel.next();
    relay(store, LONG_WAIT)
        .accept(result(sent, "{\"content\":{\"type\":\"text\",\"text\":\"hi\"}}"), ctx);

    // then
    assertThat(sent.method()).isEqualTo("sampling/createMessage");
    assertThat(sent.params()).isEqualTo(json(SAMPLING).get("params"));
    assertThat(running.get(GUARD_SECONDS, TimeUnit.SECONDS))
        .isEqualTo(new InputRequestRelay.Relayed.Done(done("ok")));
    assertThat(reinvocations)
        .containsExactly(json("{\"sampling\":{\"content\":{\"type\":\"text\",\"text\":\"hi\"}}}"));
    assertThat(states).containsExactly("s-1");
  }

  @Test
  void multipleRoundsEachGetTheirOwnAnswersAndTheLatestState() throws Exception {
    // given a tool that asks twice (elicitation, then roots), with a new state each time
    CallContext ctx = session(store, "{\"elicitation\":{},\"roots\":{}}");
    InputRequestRelay relay = relay(store, LONG_WAIT);
    BiFunction<ObjectNode, String, InvocationOutcome> tool =
        tool(
            r ->
                r.has("step1")
                    ? asks("step2", ROOTS, "s-2")
                    : r.has("step2") ? done("finished") : done("unexpected"));
    Future<InputRequestRelay.Relayed> running =
        executor.submit(() -> relay.relay(ctx, channel, asks("step1", ELICIT, "s-1"), tool));

    // when the client answers both rounds
    JsonRpcRequest first = channel.next();
    relay.accept(result(first, "{\"action\":\"accept\",\"content\":{\"name\":\"Ada\"}}"), ctx);
    JsonRpcRequest second = channel.next();
    relay.accept(result(second, "{\"roots\":[]}"), ctx);

    // then
    assertThat(running.get(GUARD_SECONDS, TimeUnit.SECONDS))
        .isEqualTo(new InputRequestRelay.Relayed.Done(done("finished")));
    assertThat(List.of(first.method(), second.method()))
        .containsExactly("elicitation/create", "roots/list");
    assertThat(second.params()).isNull();
    assertThat(reinvocations)
        .containsExactly(
            json("{\"step1\":{\"action\":\"accept\",\"content\":{\"name\":\"Ada\"}}}"),
            json("{\"step2\":{\"roots\":[]}}"));
    assertThat(states).containsExactly("s-1", "s-2");
  }

  @Test
  void severalRequestsInOneRoundAreAllSentAndAnsweredInAnyOrder() throws Exception {
    // given
    CallContext ctx = session(store, "{\"sampling\":{},\"roots\":{}}");
    InputRequestRelay relay = relay(store, LONG_WAIT);
    ObjectNode twoRequests =
        json(
            "{\"resultType\":\"input_required\",\"inputRequests\":{\"a\":"
                + SAMPLING
                + ",\"b\":"
                + ROOTS
                + "}}");
    Future<InputRequestRelay.Relayed> running =
        executor.submit(
            () ->
                relay.relay(
                    ctx,
                    channel,
                    new InvocationOutcome.Success(twoRequests),
                    tool(r -> done("both"))));

    // when answered in reverse order
    JsonRpcRequest a = channel.next();
    JsonRpcRequest b = channel.next();
    relay.accept(result(b, "{\"roots\":[{\"uri\":\"file:///x\"}]}"), ctx);
    relay.accept(result(a, "{\"model\":\"m\"}"), ctx);

    // then
    assertThat(running.get(GUARD_SECONDS, TimeUnit.SECONDS))
        .isEqualTo(new InputRequestRelay.Relayed.Done(done("both")));
    assertThat(reinvocations)
        .containsExactly(
            json("{\"a\":{\"model\":\"m\"},\"b\":{\"roots\":[{\"uri\":\"file:///x\"}]}}"));
    assertThat(states).containsExactly((String) null);
  }

  @Test
  void roundsAreBounded() throws Exception {
    // given a tool that never stops asking, and a client that always answers
    CallContext ctx = session(store, "{\"roots\":{}}");
    InputRequestRelay relay = relay(store, LONG_WAIT);
    Future<InputRequestRelay.Relayed> running =
        executor.submit(
            () ->
                relay.relay(ctx, channel, asks("r", ROOTS, "s"), tool(r -> asks("r", ROOTS, "s"))));
    Future<?> client =
        executor.submit(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                relay.accept(result(channel.next(), "{\"roots\":[]}"), ctx);
              }
              return null;
            });

    // when / then
    InputRequestRelay.Relayed relayed = running.get(GUARD_SECONDS, TimeUnit.SECONDS);
    client.cancel(true);
    assertThat(relayed).isInstanceOf(InputRequestRelay.Relayed.Failed.class);
    assertThat(((InputRequestRelay.Relayed.Failed) relayed).detail()).isEqualTo("input_rounds");
    assertThat(reinvocations).hasSize(InputRequestRelay.MAX_ROUNDS);
  }

  // ---- refusals ----

  @Test
  void aClientWithoutTheCapabilityGetsAFailureNamingItAndNothingIsSent() {
    // given a session that declared elicitation only
    CallContext ctx = session(store, "{\"elicitation\":{}}");

    // when
    InputRequestRelay.Relayed relayed =
        relay(store, LONG_WAIT)
            .relay(ctx, channel, asks("sampling", SAMPLING, null), tool(r -> done("no")));

    // then
    assertThat(relayed)
        .isEqualTo(
            new InputRequestRelay.Relayed.Failed(
                "needs the client capability sampling, which this client did not declare",
                "missing_capability"));
    assertThat(channel.sent).isEmpty();
    assertThat(reinvocations).isEmpty();
  }

  @Test
  void subCapabilitiesAreCheckedToo() {
    InputRequestRelay.Round urlElicitation =
        InputRequestRelay.Round.parse(
            json(
                "{\"inputRequests\":{\"u\":{\"method\":\"elicitation/create\",\"params\":"
                    + "{\"mode\":\"url\",\"url\":\"https://x\",\"message\":\"m\"}},"
                    + "\"t\":{\"method\":\"sampling/createMessage\",\"params\":{\"tools\":[]}}}}"));
    assertThat(
            InputRequestRelay.missingCapabilities(
                urlElicitation, json("{\"elicitation\":{},\"sampling\":{}}")))
        .containsExactly("elicitation.url", "sampling.tools");
    assertThat(
            InputRequestRelay.missingCapabilities(
                urlElicitation, json("{\"elicitation\":{\"url\":{}},\"sampling\":{\"tools\":{}}}")))
        .isEmpty();
    InputRequestRelay.Round form =
        InputRequestRelay.Round.parse(json("{\"inputRequests\":{\"f\":" + ELICIT + "}}"));
    assertThat(InputRequestRelay.missingCapabilities(form, json("{\"elicitation\":{\"url\":{}}}")))
        .containsExactly("elicitation.form");
  }

  @Test
  void aChannelThatCannotCarryRequestsFailsAtOnce() {
    CallContext ctx = session(store, "{\"sampling\":{}}");

    InputRequestRelay.Relayed relayed =
        relay(store, LONG_WAIT)
            .relay(
                ctx,
                OutboundChannel.DISCARD,
                asks("sampling", SAMPLING, null),
                tool(r -> done("no")));

    assertThat(relayed).isInstanceOf(InputRequestRelay.Relayed.Failed.class);
    assertThat(((InputRequestRelay.Relayed.Failed) relayed).detail())
        .isEqualTo("input_required_unsupported");
    assertThat(reinvocations).isEmpty();
  }

  @Test
  void aClientThatNeverAnswersEndsTheWaitAtMaxWait() throws Exception {
    // given a short maximum wait and a silent client
    CallContext ctx = session(store, "{\"sampling\":{}}");
    InputRequestRelay relay = relay(store, Duration.ofMillis(200));

    // when
    InputRequestRelay.Relayed relayed =
        executor
            .submit(
                () ->
                    relay.relay(
                        ctx, channel, asks("sampling", SAMPLING, null), tool(r -> done("no"))))
            .get(GUARD_SECONDS, TimeUnit.SECONDS);

    // then the tool fails clearly and a late answer is refused by the store
    assertThat(relayed)
        .isEqualTo(
            new InputRequestRelay.Relayed.Failed(
                "got no answer from the client to its sampling/createMessage request in time",
                "input_timeout"));
    assertThat(reinvocations).isEmpty();
    JsonRpcRequest sent = channel.next();
    assertThat(store.putResponse(ctx.session().sessionId(), sent.id().asText(), "{}")).isFalse();
  }

  @Test
  void theWaitEndsBeforeTheInvocationDeadline() throws Exception {
    // given a long maximum wait but an invocation that ends soon
    CallContext ctx =
        withDeadline(session(store, "{\"sampling\":{}}"), System.currentTimeMillis() + 300);
    InputRequestRelay relay =
        new InputRequestRelay(store, Duration.ofMillis(100), LONG_WAIT, Duration.ofMillis(100));

    // when
    InputRequestRelay.Relayed relayed =
        executor
            .submit(
                () ->
                    relay.relay(
                        ctx, channel, asks("sampling", SAMPLING, null), tool(r -> done("no"))))
            .get(GUARD_SECONDS, TimeUnit.SECONDS);

    // then
    assertThat(relayed).isInstanceOf(InputRequestRelay.Relayed.Failed.class);
    assertThat(((InputRequestRelay.Relayed.Failed) relayed).detail()).isEqualTo("input_timeout");
  }

  @Test
  void anErrorAnswerFailsTheCallWithTheClientsMessage() throws Exception {
    CallContext ctx = session(store, "{\"sampling\":{}}");
    InputRequestRelay relay = relay(store, LONG_WAIT);
    Future<InputRequestRelay.Relayed> running =
        executor.submit(
            () -> relay.relay(ctx, channel, asks("s", SAMPLING, null), tool(r -> done("no"))));

    JsonRpcRequest sent = channel.next();
    relay.accept(
        JsonRpcResponse.failure(sent.id(), new JsonRpcError(-1, "User rejected sampling request")),
        ctx);

    assertThat(running.get(GUARD_SECONDS, TimeUnit.SECONDS))
        .isEqualTo(
            new InputRequestRelay.Relayed.Failed(
                "could not get input: the client answered its sampling/createMessage request with"
                    + " error -1: User rejected sampling request",
                "input_refused"));
  }

  @Test
  void unknownForeignAndDuplicateResponsesAreIgnored() throws Exception {
    // given a relay waiting in session A, and session B of the same store
    CallContext a = session(store, "{\"sampling\":{}}");
    CallContext b = session(store, "{\"sampling\":{}}");
    InputRequestRelay relay = relay(store, LONG_WAIT);
    Future<InputRequestRelay.Relayed> running =
        executor.submit(
            () -> relay.relay(a, channel, asks("s", SAMPLING, null), tool(r -> done("ok"))));
    JsonRpcRequest sent = channel.next();

    // when: an id we never issued, a well-formed but unknown id, the right id from session B,
    // a numeric id, then the real answer and a duplicate
    relay.accept(JsonRpcResponse.success(TextNode.valueOf("1"), json("{\"x\":1}")), a);
    relay.accept(
        JsonRpcResponse.success(TextNode.valueOf("mcpl-AAAAAAAAAAAAAAAAAAAAAA"), json("{}")), a);
    relay.accept(result(sent, "{\"from\":\"B\"}"), b);
    relay.accept(JsonRpcResponse.success(Json.nodes().numberNode(7), json("{}")), a);
    relay.accept(result(sent, "{\"from\":\"A\"}"), a);
    relay.accept(result(sent, "{\"from\":\"A again\"}"), a);

    // then only A's first answer reached the tool
    assertThat(running.get(GUARD_SECONDS, TimeUnit.SECONDS))
        .isEqualTo(new InputRequestRelay.Relayed.Done(done("ok")));
    assertThat(reinvocations).containsExactly(json("{\"s\":{\"from\":\"A\"}}"));
  }

  @Test
  void requestIdsAreUnguessableAndNeverRepeat() throws Exception {
    CallContext ctx = session(store, "{\"roots\":{}}");
    InputRequestRelay relay = relay(store, Duration.ofMillis(1));
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      relay.relay(ctx, channel, asks("r", ROOTS, null), tool(r -> done("no")));
      ids.add(channel.next().id().asText());
    }
    assertThat(ids).hasSize(20).allMatch(id -> id.matches("mcpl-[A-Za-z0-9_-]{22}"));
  }

  @Test
  void malformedInputRequestsAreAToolFailure() {
    CallContext ctx = session(store, "{\"sampling\":{}}");
    InputRequestRelay.Relayed relayed =
        relay(store, LONG_WAIT)
            .relay(
                ctx,
                channel,
                new InvocationOutcome.Success(
                    json(
                        "{\"resultType\":\"input_required\",\"inputRequests\":{\"x\":"
                            + "{\"method\":\"tools/call\"}}}")),
                tool(r -> done("no")));
    assertThat(relayed).isInstanceOf(InputRequestRelay.Relayed.Failed.class);
    assertThat(((InputRequestRelay.Relayed.Failed) relayed).detail()).isEqualTo("malformed_output");
  }

  // ---- across invocations (DynamoDB-API store on dynalite) ----

  @Test
  void theAnswerMayArriveAtAnotherInvocationWithItsOwnStoreHandle() throws Exception {
    // given two "invocations", each with its own client and store on one table
    String table = "sessions-" + UUID.randomUUID();
    List<DynamoDbClient> clients = new ArrayList<>();
    try {
      clients.add(DynamoDbClients.forEndpoint(Dynalite.endpoint()));
      clients.add(DynamoDbClients.forEndpoint(Dynalite.endpoint()));
      DynamoDbTables.ensureSessionTable(clients.get(0), table);
      SessionStore waiting =
          new DynamoDbSessionStore(
              clients.get(0), table, Clock.systemUTC(), DynamoDbSessionStore.DEFAULT_POLL_INTERVAL);
      SessionStore receiving =
          new DynamoDbSessionStore(
              clients.get(1), table, Clock.systemUTC(), DynamoDbSessionStore.DEFAULT_POLL_INTERVAL);
      CallContext ctx = session(waiting, "{\"elicitation\":{}}");
      Future<InputRequestRelay.Relayed> running =
          executor.submit(
              () ->
                  relay(waiting, LONG_WAIT)
                      .relay(ctx, channel, asks("e", ELICIT, "st"), tool(r -> done("cross"))));

      // when the other invocation receives the client's POSTed response
      JsonRpcRequest sent = channel.next();
      relay(receiving, LONG_WAIT).accept(result(sent, "{\"action\":\"decline\"}"), ctx);

      // then
      assertThat(running.get(GUARD_SECONDS, TimeUnit.SECONDS))
          .isEqualTo(new InputRequestRelay.Relayed.Done(done("cross")));
      assertThat(reinvocations).containsExactly(json("{\"e\":{\"action\":\"decline\"}}"));
      assertThat(states).containsExactly("st");
    } finally {
      clients.forEach(DynamoDbClient::close);
    }
  }

  // ---- fixtures ----

  private static final String SAMPLING =
      "{\"method\":\"sampling/createMessage\",\"params\":{\"messages\":[{\"role\":\"user\","
          + "\"content\":{\"type\":\"text\",\"text\":\"Hi?\"}}],\"maxTokens\":10}}";
  private static final String ELICIT =
      "{\"method\":\"elicitation/create\",\"params\":{\"message\":\"Name?\",\"requestedSchema\":"
          + "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}}}}}";
  private static final String ROOTS = "{\"method\":\"roots/list\"}";

  private static InputRequestRelay relay(SessionStore store, Duration maxWait) {
    return new InputRequestRelay(store, Duration.ofMillis(500), maxWait, Duration.ofSeconds(2));
  }

  /** A tool function for re-invocations: records what it got, answers with {@code next}. */
  private BiFunction<ObjectNode, String, InvocationOutcome> tool(
      java.util.function.Function<ObjectNode, InvocationOutcome> next) {
    return (responses, state) -> {
      reinvocations.add(responses);
      states.add(state);
      return next.apply(responses);
    };
  }

  private static InvocationOutcome asks(String key, String request, String state) {
    ObjectNode payload = Json.object();
    payload.put("resultType", "input_required");
    payload.putObject("inputRequests").set(key, json(request));
    if (state != null) {
      payload.put("requestState", state);
    }
    return new InvocationOutcome.Success(payload);
  }

  private static InvocationOutcome done(String text) {
    return new InvocationOutcome.Success(
        json("{\"content\":[{\"type\":\"text\",\"text\":\"" + text + "\"}]}"));
  }

  private static JsonRpcResponse result(JsonRpcRequest request, String result) {
    return JsonRpcResponse.success(request.id(), json(result));
  }

  /** A new live 2025 session in {@code store} that declared {@code capabilities}. */
  private static CallContext session(SessionStore store, String capabilities) {
    SessionRecord record =
        SessionRecord.builder("s-" + UUID.randomUUID(), "arn:aws:iam::111122223333:user/alice")
            .era("streamable-http")
            .protocolVersion("2025-11-25")
            .clientCapabilities(json(capabilities))
            .createdAt(System.currentTimeMillis())
            .lastSeenAt(System.currentTimeMillis())
            .expiresAt(System.currentTimeMillis() / 1000 + 3600)
            .build();
    store.create(record);
    return new CallContext(
        Era.STREAMABLE_HTTP,
        "2025-11-25",
        record.principal(),
        record,
        record.clientCapabilities(),
        null,
        null,
        new InvocationContext("req-1", System.currentTimeMillis() + 600_000, null, null));
  }

  private static CallContext withDeadline(CallContext c, long deadline) {
    return new CallContext(
        c.era(),
        c.protocolVersion(),
        c.principal(),
        c.session(),
        c.clientCapabilities(),
        c.clientInfo(),
        c.logLevel(),
        new InvocationContext("req-2", deadline, null, null));
  }

  private static ObjectNode json(String text) {
    try {
      return (ObjectNode) Json.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** The request's stream as the client sees it. */
  private static final class QueueChannel implements OutboundChannel {
    final BlockingQueue<JsonRpcMessage> sent = new LinkedBlockingQueue<>();

    @Override
    public void send(JsonRpcMessage message) {
      sent.add(message);
    }

    JsonRpcRequest next() throws InterruptedException {
      JsonRpcMessage m = sent.poll(GUARD_SECONDS, TimeUnit.SECONDS);
      assertThat(m).as("a server-to-client request").isInstanceOf(JsonRpcRequest.class);
      return (JsonRpcRequest) m;
    }
  }
}
