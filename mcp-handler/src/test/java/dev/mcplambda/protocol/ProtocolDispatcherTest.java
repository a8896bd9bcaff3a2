package dev.mcplambda.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.invoke.InvocationOutcome;
import dev.mcplambda.json.Json;
import dev.mcplambda.jsonrpc.ErrorCodes;
import dev.mcplambda.jsonrpc.JsonRpcNotification;
import dev.mcplambda.jsonrpc.JsonRpcRequest;
import dev.mcplambda.jsonrpc.JsonRpcResponse;
import dev.mcplambda.runtime.InvocationContext;
import dev.mcplambda.session.SessionRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProtocolDispatcherTest {

  private static final String META =
      "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
          + "\"io.modelcontextprotocol/clientCapabilities\":{\"elicitation\":{}}}";

  private final Fixture fixture = new Fixture();

  private static JsonRpcRequest request(Object id, String method, String params) {
    return new JsonRpcRequest(
        Json.mapper().valueToTree(id), method, params == null ? null : Fixture.json(params));
  }

  private Dispatched call(Era era, String principal, JsonRpcRequest request) {
    String version = era == Era.STATELESS ? null : "2025-11-25";
    return fixture.dispatcher.dispatch(
        request, Fixture.context(era, version, principal), OutboundChannel.DISCARD);
  }

  private JsonRpcResponse call2025(String method, String params) {
    return call(Era.STREAMABLE_HTTP, Fixture.ALICE, request(1, method, params)).response();
  }

  // ---- paging -------------------------------------------------------------------------------

  @Test
  void cursorPagingVisitsEveryVisibleToolOnceInOrder() {
    // given 30 more tools, some restricted, and a page size of 4
    Fixture small = new Fixture(DispatcherConfig.defaults().withPageSize(4));
    for (int i = 0; i < 30; i++) {
      small.tool(
          String.format("bulk_%02d", i),
          "bulk",
          null,
          null,
          i % 3 == 0 ? List.of("arn:aws:iam::*:role/nobody") : null);
    }

    // when walking every page
    List<String> names = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      String params = cursor == null ? "{}" : "{\"cursor\":\"" + cursor + "\"}";
      JsonRpcResponse response =
          small.dispatcher.handle(
              request(pages, "tools/list", params),
              Fixture.context(Era.STREAMABLE_HTTP, "2025-11-25", Fixture.ALICE),
              OutboundChannel.DISCARD);
      JsonNode result = response.result();
      assertThat(result.get("tools").size()).isLessThanOrEqualTo(4);
      result.get("tools").forEach(t -> names.add(t.get("name").asText()));
      cursor = result.hasNonNull("nextCursor") ? result.get("nextCursor").asText() : null;
      pages++;
    } while (cursor != null && pages < 100);

    // then: sorted, no duplicates, restricted ones absent, every other one present
    assertThat(names).isSorted().doesNotHaveDuplicates();
    assertThat(names).noneMatch(n -> n.equals("admin_only"));
    long visibleBulk = names.stream().filter(n -> n.startsWith("bulk_")).count();
    assertThat(visibleBulk).isEqualTo(20);
    assertThat(names).hasSize(11 + 20);
    assertThat(pages).isEqualTo((31 + 3) / 4);
  }

  @Test
  void cursorStaysValidWhenEntriesAreAddedBetweenPages() {
    Fixture small = new Fixture(DispatcherConfig.defaults().withPageSize(3));
    CallContext ctx = Fixture.context(Era.STREAMABLE_HTTP, "2025-11-25", Fixture.ALICE);
    JsonNode first =
        small
            .dispatcher
            .handle(request(1, "tools/list", "{}"), ctx, OutboundChannel.DISCARD)
            .result();
    small.tool("aaa_new", "added before the last page", null, null, null);
    String cursor = first.get("nextCursor").asText();
    JsonNode second =
        small
            .dispatcher
            .handle(
                request(2, "tools/list", "{\"cursor\":\"" + cursor + "\"}"),
                ctx,
                OutboundChannel.DISCARD)
            .result();
    Set<String> seen = new HashSet<>();
    first.get("tools").forEach(t -> seen.add(t.get("name").asText()));
    second.get("tools").forEach(t -> assertThat(seen.add(t.get("name").asText())).isTrue());
  }

  @Test
  void cursorFromAnotherListIsInvalidParams() {
    String toolsCursor = ListCursor.encode("tools", "echo");
    JsonRpcResponse response = call2025("prompts/list", "{\"cursor\":\"" + toolsCursor + "\"}");
    assertThat(response.error().code()).isEqualTo(ErrorCodes.INVALID_PARAMS);
    assertThat(call2025("tools/list", "{\"cursor\":7}").error().code())
        .isEqualTo(ErrorCodes.INVALID_PARAMS);
  }

  // ---- security -----------------------------------------------------------------------------

  @Test
  void restrictedEntriesAreInvisibleAndUncallableForOthers() {
    JsonRpcResponse list = call2025("tools/list", "{}");
    assertThat(list.result().get("tools").findValuesAsText("name")).doesNotContain("admin_only");
    JsonRpcResponse refused = call2025("tools/call", "{\"name\":\"admin_only\"}");
    assertThat(refused.error().code()).isEqualTo(ErrorCodes.INVALID_PARAMS);
    assertThat(refused.error().message()).isEqualTo("Unknown tool: admin_only");
    assertThat(fixture.functions.calls).isEmpty();

    JsonRpcResponse allowed =
        call(
                Era.STREAMABLE_HTTP,
                Fixture.ADMIN,
                request(2, "tools/call", "{\"name\":\"admin_only\"}"))
            .response();
    assertThat(allowed.result().get("structuredContent").get("ok").asBoolean()).isTrue();
  }

  @Test
  void unauthenticatedCallersSeeNoRestrictedEntries() {
    JsonRpcResponse list =
        call(Era.STREAMABLE_HTTP, null, request(1, "tools/list", "{}")).response();
    assertThat(list.result().get("tools").findValuesAsText("name")).doesNotContain("admin_only");
  }

  // ---- shorthand, validation, wrapping -------------------------------------------------------

  @Test
  void shorthandMethodIsAToolCallWithParamsAsArguments() {
    Dispatched d =
        call(Era.STREAMABLE_HTTP, Fixture.ALICE, request(1, "echo", "{\"text\":\"yo\"}"));
    assertThat(d.response().result().get("structuredContent").get("echoed").asText())
        .isEqualTo("yo");
    assertThat(d.summary().method()).isEqualTo("tools/call");
    assertThat(d.summary().target()).isEqualTo("echo");
    assertThat(fixture.functions.lastCall().event().get("args"))
        .isEqualTo(Fixture.json("{\"text\":\"yo\"}"));
  }

  @Test
  void invalidArgumentsNeverReachTheFunction() {
    Dispatched d =
        call(
            Era.STREAMABLE_HTTP,
            Fixture.ALICE,
            request(1, "tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":[1]}}"));
    assertThat(d.response().result().get("isError").asBoolean()).isTrue();
    assertThat(d.response().result().get("content").get(0).get("text").asText())
        .startsWith("Invalid arguments for tool 'echo': /text");
    assertThat(d.summary().outcome()).isEqualTo("tool_error");
    assertThat(d.summary().detail()).isEqualTo("invalid_arguments");
    assertThat(d.summary().lambdaMillis()).isNull();
    assertThat(fixture.functions.calls).isEmpty();
  }

  @Test
  void plainJsonIsWrappedAsTextAndStructuredContent() {
    JsonNode result =
        call2025("tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":\"a\"}}").result();
    assertThat(result.get("content").get(0).get("type").asText()).isEqualTo("text");
    assertThat(result.get("content").get(0).get("text").asText()).isEqualTo("{\"echoed\":\"a\"}");
    assertThat(result.get("structuredContent")).isEqualTo(Fixture.json("{\"echoed\":\"a\"}"));
    assertThat(result.has("isError")).isFalse();
  }

  @Test
  void outputSchemaMismatchIsAToolErrorAndMatchPasses() {
    JsonNode bad = call2025("tools/call", "{\"name\":\"typed\"}").result();
    assertThat(bad.get("isError").asBoolean()).isTrue();
    assertThat(bad.get("content").get(0).get("text").asText())
        .contains("does not match its outputSchema")
        .contains("/n");
    JsonNode good =
        call2025("tools/call", "{\"name\":\"typed\",\"arguments\":{\"good\":true}}").result();
    assertThat(good.has("isError")).isFalse();
    assertThat(good.get("structuredContent").get("n").asInt()).isEqualTo(7);
  }

  @Test
  void longFunctionErrorsAreCapped() {
    fixture.functions.register(
        Fixture.FN + "failing", e -> new InvocationOutcome.FunctionError("E", "x".repeat(50_000)));
    String text =
        call2025("tools/call", "{\"name\":\"failing\"}")
            .result()
            .get("content")
            .get(0)
            .get("text")
            .asText();
    assertThat(text.length()).isLessThanOrEqualTo(2001);
  }

  // ---- event contract ------------------------------------------------------------------------

  @Test
  void toolEventCarriesArgsAndExtra() {
    call2025("tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":\"t\"}}");
    FakeFunctionInvoker.Call c = fixture.functions.lastCall();
    assertThat(c.arn()).isEqualTo(Fixture.FN + "echo");
    assertThat(c.event())
        .isEqualTo(
            Fixture.json(
                "{\"args\":{\"text\":\"t\"},\"extra\":{\"type\":\"tool\",\"name\":\"echo\","
                    + "\"principal\":\""
                    + Fixture.ALICE
                    + "\",\"protocolVersion\":\"2025-11-25\",\"era\":\"streamable-http\","
                    + "\"requestId\":1,\"clientCapabilities\":{}}}"));
  }

  @Test
  void resourceEventCarriesActionUriAndVariables() {
    call2025("resources/read", "{\"uri\":\"file:///logs/2026-11-01\"}");
    JsonNode event = fixture.functions.lastCall().event();
    assertThat(event.get("action").asText()).isEqualTo("read");
    assertThat(event.get("uri").asText()).isEqualTo("file:///logs/2026-11-01");
    assertThat(event.get("variables")).isEqualTo(Fixture.json("{\"date\":\"2026-11-01\"}"));
    assertThat(event.get("extra").get("type").asText()).isEqualTo("resource");
  }

  @Test
  void promptEventCarriesArgs() {
    call2025("prompts/get", "{\"name\":\"greet\",\"arguments\":{\"name\":\"Bo\"}}");
    JsonNode event = fixture.functions.lastCall().event();
    assertThat(event.get("args")).isEqualTo(Fixture.json("{\"name\":\"Bo\"}"));
    assertThat(event.get("extra").get("name").asText()).isEqualTo("greet");
  }

  // ---- MRTR ----------------------------------------------------------------------------------

  @Test
  void mrtrRoundTripHandsTheToolItsOwnStateAndRejectsForgeries() {
    CallContext ctx = Fixture.context(Era.STATELESS, null, Fixture.ALICE);
    JsonRpcResponse first =
        fixture.dispatcher.handle(
            request(1, "tools/call", "{\"name\":\"ask\",\"arguments\":{}," + META + "}"),
            ctx,
            OutboundChannel.DISCARD);
    String sealed = first.result().get("requestState").asText();
    assertThat(first.result().get("resultType").asText()).isEqualTo("input_required");
    assertThat(sealed).doesNotContain("step-1").startsWith("v2.");

    // a client that rewrites the embedded state (keeping the MAC) is refused
    String[] parts = sealed.split("\\.");
    String forgedPayload =
        java.util.Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[2]))
                    .replace("step-1", "step-9")
                    .getBytes());
    String forged = "v2." + parts[1] + "." + forgedPayload + "." + parts[3];
    JsonRpcResponse rejected =
        fixture.dispatcher.handle(
            request(
                2,
                "tools/call",
                "{\"name\":\"ask\",\"arguments\":{},\"requestState\":\""
                    + forged
                    + "\","
                    + META
                    + "}"),
            ctx,
            OutboundChannel.DISCARD);
    assertThat(rejected.error().code()).isEqualTo(ErrorCodes.INVALID_PARAMS);

    // the genuine state works and the tool gets inputResponses + its own state
    JsonRpcResponse done =
        fixture.dispatcher.handle(
            request(
                3,
                "tools/call",
                "{\"name\":\"ask\",\"arguments\":{},\"inputResponses\":{\"name\":{\"action\":"
                    + "\"accept\",\"content\":{\"name\":\"Ada\"}}},\"requestState\":\""
                    + sealed
                    + "\","
                    + META
                    + "}"),
            ctx,
            OutboundChannel.DISCARD);
    assertThat(done.result().get("content").get(0).get("text").asText())
        .isEqualTo("hello Ada (state step-1)");
    JsonNode extra = fixture.functions.lastCall().event().get("extra");
    assertThat(extra.get("requestState").asText()).isEqualTo("step-1");
    assertThat(extra.get("inputResponses").get("name").get("action").asText()).isEqualTo("accept");
  }

  @Test
  void aStateIssuedForSomeArgumentsIsRefusedWithOtherArguments() {
    // given a state issued for tools/call ask with {"q":"a"}
    CallContext ctx = Fixture.context(Era.STATELESS, null, Fixture.ALICE);
    String sealed =
        fixture
            .dispatcher
            .handle(
                request(
                    1, "tools/call", "{\"name\":\"ask\",\"arguments\":{\"q\":\"a\"}," + META + "}"),
                ctx,
                OutboundChannel.DISCARD)
            .result()
            .get("requestState")
            .asText();
    int calls = fixture.functions.calls.size();

    // when the retry carries other arguments
    JsonRpcResponse replayed =
        fixture.dispatcher.handle(
            request(
                2,
                "tools/call",
                "{\"name\":\"ask\",\"arguments\":{\"q\":\"b\"},\"requestState\":\""
                    + sealed
                    + "\","
                    + META
                    + "}"),
            ctx,
            OutboundChannel.DISCARD);

    // then it is refused and the tool is not invoked
    assertThat(replayed.error().code()).isEqualTo(ErrorCodes.INVALID_PARAMS);
    assertThat(replayed.error().message()).contains("arguments");
    assertThat(fixture.functions.calls).hasSize(calls);
  }

  @Test
  void expiredStateIsRejected() {
    MutableClock clock = new MutableClock(Fixture.NOW);
    Fixture timed = new Fixture();
    ProtocolDispatcher dispatcher =
        new ProtocolDispatcher(
            new CatalogCache(timed.registry),
            timed.functions,
            timed.sessions,
            new dev.mcplambda.schema.SchemaValidator(),
            ServerInfo.DEFAULT,
            DispatcherConfig.defaults().withStateSecret("s").withClock(clock));
    CallContext ctx = Fixture.context(Era.STATELESS, null, Fixture.ALICE);
    String sealed =
        dispatcher
            .handle(
                request(1, "tools/call", "{\"name\":\"ask\"," + META + "}"),
                ctx,
                OutboundChannel.DISCARD)
            .result()
            .get("requestState")
            .asText();
    clock.now = Fixture.NOW.plus(Duration.ofMinutes(11));
    JsonRpcResponse late =
        dispatcher.handle(
            request(
                2,
                "tools/call",
                "{\"name\":\"ask\",\"requestState\":\"" + sealed + "\"," + META + "}"),
            ctx,
            OutboundChannel.DISCARD);
    assertThat(late.error().code()).isEqualTo(ErrorCodes.INVALID_PARAMS);
  }

  @Test
  void stateSealedByAnotherSecretIsRejected() {
    CallContext ctx = Fixture.context(Era.STATELESS, null, Fixture.ALICE);
    String foreign =
        new RequestStateSealer("other-secret")
            .seal(
                "step-1",
                Fixture.ALICE,
                "tools/call",
                "ask",
                null,
                Fixture.NOW.toEpochMilli() + 60_000);
    JsonRpcResponse response =
        fixture.dispatcher.handle(
            request(
                1,
                "tools/call",
                "{\"name\":\"ask\",\"requestState\":\"" + foreign + "\"," + META + "}"),
            ctx,
            OutboundChannel.DISCARD);
    assertThat(response.error().code()).isEqualTo(ErrorCodes.INVALID_PARAMS);
    assertThat(fixture.functions.calls).isEmpty();
  }

  // ---- catalog revalidation -----------------------------------------------------------------

  @Test
  void eachRequestReadsTheCatalogVersionOnceAndReloadsOnlyOnChange() {
    int reads = fixture.registry.versionReads.get();
    call2025("tools/list", "{}");
    call2025("tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":\"x\"}}");
    call2025("resources/read", "{\"uri\":\"file:///readme.txt\"}");
    assertThat(fixture.registry.versionReads.get() - reads).isEqualTo(3);
    assertThat(fixture.registry.fullLoads.get()).isEqualTo(1);

    fixture.tool("late_tool", "registered later", null, null, null);
    JsonRpcResponse list = call2025("tools/list", "{}");
    assertThat(list.result().get("tools").findValuesAsText("name")).contains("late_tool");
    assertThat(fixture.registry.fullLoads.get()).isEqualTo(2);
    assertThat(fixture.registry.versionReads.get() - reads).isEqualTo(4);

    call2025("ping", null);
    assertThat(fixture.registry.versionReads.get() - reads).isEqualTo(4);
  }

  // ---- summary, cancellation, logging --------------------------------------------------------

  @Test
  void summaryNamesMethodTargetLatencyAndOutcome() {
    Dispatched ok =
        call(Era.STREAMABLE_HTTP, Fixture.ALICE, request(1, "tools/call", "{\"name\":\"slow\"}"));
    assertThat(ok.summary())
        .isEqualTo(
            new RequestSummary(
                "tools/call", "slow", ok.summary().lambdaMillis(), "tool_error", null, "timeout"));
    assertThat(ok.summary().lambdaMillis()).isNotNull().isGreaterThanOrEqualTo(0);

    Dispatched err =
        call(
            Era.STREAMABLE_HTTP,
            Fixture.ALICE,
            request(2, "resources/read", "{\"uri\":\"file:///x\"}"));
    assertThat(err.summary().outcome()).isEqualTo("error");
    assertThat(err.summary().errorCode()).isEqualTo(ErrorCodes.RESOURCE_NOT_FOUND_2025);
    assertThat(err.summary().target()).isEqualTo("file:///x");
  }

  @Test
  void cancelledRequestsAreMarkedSoTheTransportDropsTheResponse() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    fixture.functions.register(
        Fixture.FN + "slow",
        e -> {
          started.countDown();
          try {
            release.await(5, TimeUnit.SECONDS);
          } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
          }
          return new InvocationOutcome.Success(Fixture.json("{}"));
        });
    CallContext ctx = Fixture.context(Era.STREAMABLE_HTTP, "2025-11-25", Fixture.ALICE);
    var result =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () ->
                fixture.dispatcher.dispatch(
                    request(42, "tools/call", "{\"name\":\"slow\"}"),
                    ctx,
                    OutboundChannel.DISCARD));
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
    fixture.dispatcher.accept(
        new JsonRpcNotification("notifications/cancelled", Fixture.json("{\"requestId\":42}")),
        ctx);
    release.countDown();
    assertThat(result.get(5, TimeUnit.SECONDS).summary().outcome()).isEqualTo("cancelled");
  }

  @Test
  void toolFailuresAreLoggedOnlyWhenTheClientAskedForLogs() {
    List<dev.mcplambda.jsonrpc.JsonRpcMessage> sent = new ArrayList<>();
    OutboundChannel channel = sent::add;
    CallContext quiet = Fixture.context(Era.STATELESS, null, Fixture.ALICE);
    fixture.dispatcher.handle(
        request(1, "tools/call", "{\"name\":\"failing\"," + META + "}"), quiet, channel);
    assertThat(sent).isEmpty();

    String loud =
        "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
            + "\"io.modelcontextprotocol/clientCapabilities\":{},"
            + "\"io.modelcontextprotocol/logLevel\":\"warning\"}";
    fixture.dispatcher.handle(
        request(2, "tools/call", "{\"name\":\"failing\"," + loud + "}"), quiet, channel);
    assertThat(sent)
        .singleElement()
        .isInstanceOfSatisfying(
            JsonRpcNotification.class,
            n -> {
              assertThat(n.method()).isEqualTo("notifications/message");
              assertThat(n.params().get("level").asText()).isEqualTo("error");
              assertThat(n.params().get("data").asText()).contains("boom");
            });

    CallContext session =
        new CallContext(
            Era.STREAMABLE_HTTP,
            "2025-11-25",
            Fixture.ALICE,
            null,
            null,
            null,
            "critical",
            Fixture.context(Era.STATELESS, null, null).invocation());
    fixture.dispatcher.handle(request(3, "tools/call", "{\"name\":\"failing\"}"), session, channel);
    assertThat(sent).hasSize(1);
  }

  @Test
  void aCachedCatalogIsServedWhenTheRegistryBecomesUnreadable() {
    java.util.concurrent.atomic.AtomicBoolean down =
        new java.util.concurrent.atomic.AtomicBoolean();
    dev.mcplambda.registry.RegistryStore flaky =
        new CountingRegistryStore(new dev.mcplambda.store.memory.InMemoryRegistryStore()) {
          @Override
          public long catalogVersion() {
            if (down.get()) {
              throw new dev.mcplambda.registry.RegistryUnavailableException("down", null);
            }
            return super.catalogVersion();
          }
        };
    CatalogCache cache = new CatalogCache(flaky);
    ProtocolDispatcher d =
        new ProtocolDispatcher(
            cache,
            fixture.functions,
            fixture.sessions,
            new dev.mcplambda.schema.SchemaValidator(),
            ServerInfo.DEFAULT,
            DispatcherConfig.defaults().withStateSecret("x"));
    CallContext ctx = Fixture.context(Era.STREAMABLE_HTTP, "2025-11-25", Fixture.ALICE);
    down.set(true);
    JsonRpcResponse cold = d.handle(request(1, "tools/list", "{}"), ctx, OutboundChannel.DISCARD);
    assertThat(cold.error().code()).isEqualTo(ErrorCodes.INTERNAL_ERROR);
    assertThat(cold.error().message()).isEqualTo("The registry is unavailable; retry later");
    down.set(false);
    assertThat(d.handle(request(2, "tools/list", "{}"), ctx, OutboundChannel.DISCARD).isError())
        .isFalse();
    down.set(true);
    assertThat(d.handle(request(3, "tools/list", "{}"), ctx, OutboundChannel.DISCARD).isError())
        .isFalse();
  }

  @Test
  void completionsAreCappedAtAHundredWithHasMore() {
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      many.add(String.format("item-%03d", i));
    }
    fixture.resource("items", null, "items://{id}", null, java.util.Map.of("id", many));
    JsonNode completion =
        call2025(
                "completion/complete",
                "{\"ref\":{\"type\":\"ref/resource\",\"uri\":\"items://{id}\"},"
                    + "\"argument\":{\"name\":\"id\",\"value\":\"ITEM-\"}}")
            .result()
            .get("completion");
    assertThat(completion.get("values")).hasSize(100);
    assertThat(completion.get("values").get(0).asText()).isEqualTo("item-000");
    assertThat(completion.get("total").asInt()).isEqualTo(150);
    assertThat(completion.get("hasMore").asBoolean()).isTrue();
  }

  @Test
  void functionsGetWhatIsLeftOfTheDeadlineAndNothingWhenItHasPassed() {
    long now = System.currentTimeMillis();
    CallContext soon =
        new CallContext(
            Era.STREAMABLE_HTTP,
            "2025-11-25",
            Fixture.ALICE,
            null,
            null,
            null,
            null,
            new InvocationContext("r", now + 60_000, null, null));
    fixture.dispatcher.handle(
        request(1, "tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":\"x\"}}"),
        soon,
        OutboundChannel.DISCARD);
    assertThat(fixture.functions.lastBudget)
        .isNotNull()
        .isLessThanOrEqualTo(Duration.ofMillis(59_500))
        .isGreaterThan(Duration.ofSeconds(30));

    CallContext late =
        new CallContext(
            Era.STREAMABLE_HTTP,
            "2025-11-25",
            Fixture.ALICE,
            null,
            null,
            null,
            null,
            new InvocationContext("r", now - 1, null, null));
    int calls = fixture.functions.calls.size();
    JsonNode result =
        fixture
            .dispatcher
            .handle(
                request(2, "tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":\"x\"}}"),
                late,
                OutboundChannel.DISCARD)
            .result();
    assertThat(result.get("isError").asBoolean()).isTrue();
    assertThat(result.get("content").get(0).get("text").asText()).contains("timed out");
    assertThat(fixture.functions.calls).hasSize(calls);
  }

  @Test
  void summaryDetailsNameWhyARequestFailed() {
    CallContext ctx = Fixture.context(Era.STATELESS, null, Fixture.ALICE);
    Dispatched noMeta =
        fixture.dispatcher.dispatch(request(1, "tools/list", "{}"), ctx, OutboundChannel.DISCARD);
    assertThat(noMeta.summary().detail()).isEqualTo("invalid_meta");
    Dispatched version =
        fixture.dispatcher.dispatch(
            request(
                2,
                "tools/list",
                "{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"1999-01-01\","
                    + "\"io.modelcontextprotocol/clientCapabilities\":{}}}"),
            ctx,
            OutboundChannel.DISCARD);
    assertThat(version.summary().errorCode()).isEqualTo(ErrorCodes.UNSUPPORTED_PROTOCOL_VERSION);
    assertThat(version.summary().detail()).isEqualTo("unsupported_version");
    Dispatched unknownTool =
        fixture.dispatcher.dispatch(
            request(3, "tools/call", "{\"name\":\"nope\"," + META + "}"),
            ctx,
            OutboundChannel.DISCARD);
    assertThat(unknownTool.summary().detail()).isEqualTo("unknown_tool");
  }

  @Test
  void setLevelIsStoredOnTheSession() {
    SessionRecord s =
        SessionRecord.builder("s-1", Fixture.ALICE)
            .era("streamable-http")
            .protocolVersion("2025-11-25")
            .createdAt(1)
            .lastSeenAt(1)
            .expiresAt(Long.MAX_VALUE / 1000)
            .build();
    fixture.sessions.create(s);
    call2025("logging/setLevel", "{\"level\":\"error\"}");
    assertThat(fixture.sessions.get("s-1").orElseThrow().logLevel()).isEqualTo("error");
  }

  @Test
  void nothingAClientSendsMakesTheDispatcherThrow() {
    String[] params = {
      null,
      "{}",
      "{\"name\":null}",
      "{\"name\":{}}",
      "{\"uri\":[]}",
      "{\"ref\":1}",
      "{\"argument\":{}}",
      "{\"cursor\":\"\"}",
      "{\"_meta\":[]}",
      "{\"level\":3}",
      "{\"arguments\":\"x\",\"name\":\"echo\"}",
      "{\"protocolVersion\":5}"
    };
    String[] methods = {
      "initialize",
      "ping",
      "tools/list",
      "tools/call",
      "resources/list",
      "resources/read",
      "resources/templates/list",
      "prompts/list",
      "prompts/get",
      "completion/complete",
      "logging/setLevel",
      "server/discover",
      "echo",
      "x"
    };
    for (Era era : Era.values()) {
      for (String m : methods) {
        for (String p : params) {
          Dispatched d = call(era, Fixture.ALICE, request(1, m, p));
          assertThat(d.response()).isNotNull();
          if (d.response().isError()) {
            assertThat(d.response().error().code()).isNotEqualTo(ErrorCodes.INTERNAL_ERROR);
          }
        }
      }
    }
  }

  private static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @SuppressWarnings("unused")
  private static ObjectNode obj(String s) {
    return Fixture.json(s);
  }

  // ---- input requests on 2025 sessions (InputRequestRelay) ------------------------------------

  @Test
  void aPromptAskingForInputOnALegacySessionGetsItFromTheClientThroughAccept() throws Exception {
    // given a prompt function that asks for an elicitation, and a legacy session that declared it
    fixture.prompt("ask_prompt", List.of());
    fixture.functions.register(
        Fixture.FN + "ask_prompt",
        e -> {
          JsonNode answer = e.path("extra").path("inputResponses").path("ctx");
          return new InvocationOutcome.Success(
              answer.isMissingNode()
                  ? Fixture.json(
                      "{\"resultType\":\"input_required\",\"inputRequests\":{\"ctx\":{"
                          + "\"method\":\"elicitation/create\",\"params\":{\"message\":\"Why?\","
                          + "\"requestedSchema\":{\"type\":\"object\",\"properties\":{}}}}}}")
                  : Fixture.json(
                      "{\"messages\":[{\"role\":\"user\",\"content\":{\"type\":\"text\","
                          + "\"text\":\"ctx: "
                          + answer.path("action").asText()
                          + "\"}}]}"));
        });
    SessionRecord session =
        SessionRecord.builder("s-prompt", Fixture.ALICE)
            .era("legacy-sse")
            .protocolVersion("2024-11-05")
            .clientCapabilities(Fixture.json("{\"elicitation\":{}}"))
            .createdAt(0)
            .lastSeenAt(0)
            .expiresAt(System.currentTimeMillis() / 1000 + 3600)
            .build();
    fixture.sessions.create(session);
    CallContext ctx =
        new CallContext(
            Era.LEGACY_SSE,
            "2024-11-05",
            Fixture.ALICE,
            session,
            session.clientCapabilities(),
            null,
            null,
            new InvocationContext("r", Long.MAX_VALUE, null, null));
    BlockingQueue<dev.mcplambda.jsonrpc.JsonRpcMessage> stream = new LinkedBlockingQueue<>();
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try {
      Future<Dispatched> call =
          thread.submit(
              () ->
                  fixture.dispatcher.dispatch(
                      request(5, "prompts/get", "{\"name\":\"ask_prompt\"}"), ctx, stream::add));

      // when the client answers the elicitation it got on the session stream
      JsonRpcRequest asked = (JsonRpcRequest) stream.poll(60, TimeUnit.SECONDS);
      fixture.dispatcher.accept(
          JsonRpcResponse.success(asked.id(), Fixture.json("{\"action\":\"decline\"}")), ctx);

      // then the prompt completes with the answer
      Dispatched done = call.get(60, TimeUnit.SECONDS);
      assertThat(asked.method()).isEqualTo("elicitation/create");
      assertThat(done.response().result().path("messages").get(0).path("content").path("text"))
          .isEqualTo(Json.nodes().textNode("ctx: decline"));
    } finally {
      thread.shutdownNow();
    }
  }
}
