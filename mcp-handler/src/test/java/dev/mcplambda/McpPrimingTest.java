package dev.mcplambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.config.Environment;
import dev.mcplambda.http.FunctionUrlRequest;
import dev.mcplambda.json.Json;
import dev.mcplambda.jsonrpc.JsonRpcNotification;
import dev.mcplambda.jsonrpc.JsonRpcRequest;
import dev.mcplambda.jsonrpc.JsonRpcResponse;
import dev.mcplambda.protocol.CallContext;
import dev.mcplambda.protocol.McpDispatcher;
import dev.mcplambda.protocol.OutboundChannel;
import dev.mcplambda.runtime.BufferedResponseStream;
import dev.mcplambda.runtime.InvocationContext;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class McpPrimingTest {

  @Test
  void everySyntheticRequestIsAnsweredAsARealOneWouldBe() throws Exception {
    // given the handler as the runtime builds it (memory store)
    McpHandler handler =
        new McpHandler(
            McpWiring.fromEnvironment(
                new Environment(Map.of("MCP_STORE", "memory", "AWS_REGION", "us-east-1"))));

    for (byte[] event : McpPriming.events()) {
      // when one priming event is served
      FunctionUrlRequest request = Json.mapper().readValue(event, FunctionUrlRequest.class);
      BufferedResponseStream response = new BufferedResponseStream();
      handler.handle(
          request,
          response,
          new InvocationContext("priming", System.currentTimeMillis() + 10_000, null, null));

      // then it went the whole way: 200 with a JSON-RPC answer, not a transport rejection
      String body = new String(response.bodyBytes(), StandardCharsets.UTF_8);
      assertThat(response.status()).as(body).isEqualTo(200);
      String json = body.startsWith("{") ? body : body.substring(body.indexOf("data:") + 5).trim();
      JsonNode answer = Json.mapper().readTree(json);
      assertThat(answer.has("result") || answer.has("error")).as(body).isTrue();
      if (request.body().contains("tools/call")) {
        assertThat(answer.toString()).contains("mcp-lambda-priming-no-such-tool");
      } else {
        assertThat(answer.has("result")).as(body).isTrue();
      }
    }
  }

  @Test
  void theHookPrimesTheDispatcherBeforeTheSyntheticRequests() {
    // given a dispatcher that records prime() (the schema validator is built lazily otherwise)
    McpWiring wiring =
        McpWiring.fromEnvironment(
            new Environment(Map.of("MCP_STORE", "memory", "AWS_REGION", "us-east-1")));
    AtomicInteger primed = new AtomicInteger();
    McpDispatcher recording =
        new McpDispatcher() {
          @Override
          public JsonRpcResponse handle(
              JsonRpcRequest request, CallContext context, OutboundChannel channel) {
            return wiring.dispatcher().handle(request, context, channel);
          }

          @Override
          public ObjectNode capabilities(String protocolVersion) {
            return wiring.dispatcher().capabilities(protocolVersion);
          }

          @Override
          public void prime() {
            primed.incrementAndGet();
            wiring.dispatcher().prime();
          }

          @Override
          public void accept(JsonRpcNotification notification, CallContext context) {}

          @Override
          public void accept(JsonRpcResponse response, CallContext context) {}
        };

    // when the SnapStart hook runs
    McpPriming.hook(new McpHandler(wiring), recording).beforeSnapshot();

    // then the dispatcher was primed once
    assertThat(primed).hasValue(1);
  }
}
