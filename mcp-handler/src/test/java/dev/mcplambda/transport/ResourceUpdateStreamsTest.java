package dev.mcplambda.transport;

import static dev.mcplambda.transport.FunctionUrlRequests.get;
import static dev.mcplambda.transport.FunctionUrlRequests.modern;
import static dev.mcplambda.transport.FunctionUrlRequests.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcplambda.protocol.CatalogChanges;
import dev.mcplambda.protocol.SessionSubscriptions;
import dev.mcplambda.store.memory.InMemorySessionStore;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Change notifications on the 2025 GET stream, the legacy stream and a 2026 listen stream. */
class ResourceUpdateStreamsTest {

  /** A feed that reports one change (tools list + two updated resources) at the first check. */
  private static ListChangeFeed onceFeed() {
    AtomicBoolean fired = new AtomicBoolean();
    return principal ->
        new ListChangeFeed.Watch() {
          @Override
          public long nextCheckAt() {
            return fired.get() ? Long.MAX_VALUE : 0;
          }

          @Override
          public CatalogChanges check() {
            fired.set(true);
            return CatalogChanges.of(
                Set.of(ListChangeFeed.TOOLS), Set.of("test://watched", "test://other"));
          }
        };
  }

  @Test
  void aSessionStreamSendsListChangesAndUpdatesForSubscribedUrisOnly() {
    // given a 2025 session subscribed to test://watched only
    HandlerHarness h =
        new HandlerHarness(
            new FakeDispatcher(),
            new InMemorySessionStore(),
            HandlerHarness.settings(),
            onceFeed());
    BufferedResponseStream init =
        h.send(
            post(
                    "/mcp",
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
                        + "\"protocolVersion\":\"2025-11-25\",\"capabilities\":{}}}")
                .build());
    String id = init.header("Mcp-Session-Id");
    SessionSubscriptions.record(h.store, id, "test://watched", true);

    // when
    BufferedResponseStream out = h.send(get("/mcp").header("mcp-session-id", id).build(), 200);

    // then
    assertThat(out.bodyText())
        .isEqualTo(
            "data: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}\n\n"
                + "data: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/resources/updated\","
                + "\"params\":{\"uri\":\"test://watched\"}}\n\n"
                + "retry: 1000\n\n");
  }

  @Test
  void aLegacyStreamSendsChangesAsMessageEventsWithoutIds() {
    // given
    HandlerHarness h =
        new HandlerHarness(
            new FakeDispatcher(),
            new InMemorySessionStore(),
            HandlerHarness.settings(),
            onceFeed());

    // when
    BufferedResponseStream out = h.send(get("/sse").build(), 200);

    // then: no subscriptions, so only the list change
    assertThat(out.bodyText())
        .contains(
            "event: message\ndata: {\"jsonrpc\":\"2.0\","
                + "\"method\":\"notifications/tools/list_changed\"}\n\n")
        .doesNotContain("resources/updated");
  }

  @Test
  void aListenStreamAcknowledgesResourceSubscriptionsAndTagsTheirUpdates() {
    // given
    HandlerHarness h =
        new HandlerHarness(
            new FakeDispatcher(),
            new InMemorySessionStore(),
            HandlerHarness.settings(),
            onceFeed());
    String meta =
        "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
            + "\"io.modelcontextprotocol/clientCapabilities\":{}}";

    // when it asks for one URI and no list changes
    BufferedResponseStream out =
        h.send(
            modern(
                    "subscriptions/listen",
                    null,
                    "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"subscriptions/listen\",\"params\":{"
                        + meta
                        + ",\"notifications\":{\"resourceSubscriptions\":[\"test://watched\","
                        + "\"test://watched\",\"test://elsewhere\"]}}}")
                .build(),
            200);

    // then
    List<String> events = List.of(out.bodyText().split("\n\n"));
    assertThat(events.get(0))
        .contains(
            "\"notifications\":{\"resourceSubscriptions\":[\"test://watched\","
                + "\"test://elsewhere\"]}");
    assertThat(out.bodyText())
        .contains(
            "data: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/resources/updated\","
                + "\"params\":{\"uri\":\"test://watched\",\"_meta\":"
                + "{\"io.modelcontextprotocol/subscriptionId\":9}}}\n\n")
        .doesNotContain("test://other")
        .doesNotContain("list_changed");
  }
}
