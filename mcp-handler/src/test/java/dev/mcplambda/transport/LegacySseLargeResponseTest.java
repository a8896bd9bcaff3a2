package dev.mcplambda.transport;

import static dev.mcplambda.transport.FunctionUrlRequests.get;
import static dev.mcplambda.transport.FunctionUrlRequests.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcplambda.json.Json;
import dev.mcplambda.runtime.BufferedResponseStream;
import dev.mcplambda.session.SessionStore;
import dev.mcplambda.session.StoredMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A legacy HTTP+SSE response too large for the session store reaches the client as a JSON-RPC error
 * with the request's id instead of being lost.
 */
class LegacySseLargeResponseTest {

  private final HandlerHarness harness = new HandlerHarness();

  @Test
  void aResponseOverTheStoreLimitBecomesA32603ErrorWithTheSameId() throws Exception {
    // given a session, and a call whose result will be over the store's limit
    harness.send(get("/sse").build(), 0);
    String name = "x".repeat(SessionStore.MAX_MESSAGE_BYTES);

    // when
    BufferedResponseStream call =
        harness.send(
            post(
                    "/message",
                    "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":"
                        + "{\"name\":\""
                        + name
                        + "\",\"arguments\":{}}}")
                .query("sessionId", "sess1")
                .build());
    BufferedResponseStream small =
        harness.send(
            post("/message", "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"ping\"}")
                .query("sessionId", "sess1")
                .build());

    // then
    assertThat(call.status()).isEqualTo(202);
    assertThat(small.status()).isEqualTo(202);
    List<StoredMessage> queued = harness.store.poll("sess1", 0, Duration.ofSeconds(5));
    assertThat(queued).hasSize(2);
    JsonNode error = Json.readTree(queued.get(0).json());
    assertThat(error.path("id").asInt()).isEqualTo(7);
    assertThat(error.path("error").path("code").asInt()).isEqualTo(-32603);
    assertThat(error.path("error").path("message").asText())
        .startsWith("response too large for the session store");
    assertThat(error.path("error").path("data").path("maxBytes").asInt())
        .isEqualTo(SessionStore.MAX_MESSAGE_BYTES);
    assertThat(error.path("error").path("data").path("bytes").asLong())
        .isGreaterThan(SessionStore.MAX_MESSAGE_BYTES);
    assertThat(Json.readTree(queued.get(1).json()).path("id").asInt()).isEqualTo(8);
  }
}
