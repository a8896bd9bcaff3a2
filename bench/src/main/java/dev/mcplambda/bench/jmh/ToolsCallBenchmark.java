package dev.mcplambda.bench.jmh;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.bench.McpMessages;
import dev.mcplambda.json.Json;
import dev.mcplambda.jsonrpc.JsonRpcParser;
import dev.mcplambda.jsonrpc.JsonRpcRequest;
import dev.mcplambda.jsonrpc.JsonRpcResponse;
import dev.mcplambda.jsonrpc.ParsedMessage;
import dev.mcplambda.protocol.CallContext;
import dev.mcplambda.protocol.OutboundChannel;
import dev.mcplambda.protocol.ProtocolDispatcher;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Warm {@code tools/call} (2026-07-28 stateless, echo tool) through the protocol core with the echo
 * function in process: {@code handle} alone, and the whole in-process path (parse the body, handle,
 * write the response bytes).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ToolsCallBenchmark {

  private ProtocolDispatcher dispatcher;
  private CallContext context;
  private JsonRpcRequest request;
  private byte[] body;

  @Setup
  public void setUp() throws Exception {
    dispatcher =
        ProtocolCoreFixture.dispatcher(ProtocolCoreFixture.echoRegistry(), new EchoInvoker());
    context = ProtocolCoreFixture.statelessContext();
    ObjectNode msg = McpMessages.stateless(7, "tools/call", McpMessages.echoCallParams("hello"));
    body = Json.mapper().writeValueAsBytes(msg);
    request = (JsonRpcRequest) ((ParsedMessage.Valid) JsonRpcParser.parse(body)).message();
    JsonRpcResponse check = dispatcher.handle(request, context, OutboundChannel.DISCARD);
    if (check.isError()
        || !check.result().path("content").path(0).path("text").asText().equals("hello")) {
      throw new IllegalStateException("echo tools/call did not answer hello: " + Json.write(check));
    }
  }

  @Benchmark
  public JsonRpcResponse handle() {
    return dispatcher.handle(request, context, OutboundChannel.DISCARD);
  }

  @Benchmark
  public byte[] parseHandleWrite() throws Exception {
    JsonRpcRequest r = (JsonRpcRequest) ((ParsedMessage.Valid) JsonRpcParser.parse(body)).message();
    return Json.mapper().writeValueAsBytes(dispatcher.handle(r, context, OutboundChannel.DISCARD));
  }
}
