package dev.mcplambda.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.bench.jmh.EchoInvoker;
import dev.mcplambda.bench.jmh.ProtocolCoreFixture;
import dev.mcplambda.json.Json;
import dev.mcplambda.jsonrpc.JsonRpcRequest;
import dev.mcplambda.jsonrpc.JsonRpcResponse;
import dev.mcplambda.protocol.CallContext;
import dev.mcplambda.protocol.OutboundChannel;
import dev.mcplambda.protocol.ProtocolDispatcher;
import dev.mcplambda.store.memory.InMemoryRegistryStore;
import java.util.ArrayList;
import java.util.List;

/**
 * Catalog scale: 2026-07-28 {@code tools/list} through the protocol core with 10, 1,000 and 10,000
 * registered tools on the in-memory registry (warm catalog cache), each response written to bytes
 * as a transport would: the first page, and a full walk following {@code nextCursor}. Runs in the
 * bench JVM (the load-generator core).
 */
public final class CatalogSection implements BenchSection {

  @Override
  public String id() {
    return "catalog";
  }

  @Override
  public void run(BenchConfig config, ObjectNode out) throws Exception {
    int[] sizes = {10, 1_000, 10_000};
    int firstPageSamples = config.smoke() ? 3 : 300;
    int walks = config.smoke() ? 1 : 15;
    out.put(
        "method",
        "in process: ProtocolDispatcher.handle + response serialisation, in-memory registry,"
            + " default page size; warm cache (3 full walks first)");
    ObjectNode sizesOut = out.putObject("sizes");
    CallContext ctx = ProtocolCoreFixture.statelessContext();
    for (int size : sizes) {
      InMemoryRegistryStore store = new InMemoryRegistryStore();
      for (int i = 0; i < size; i++) {
        store.create(
            EchoEntries.tool(
                String.format("tool_%05d", i),
                "Catalog filler tool number " + i + " for the scale benchmark",
                EchoEntries.ECHO_ARN));
      }
      ProtocolDispatcher d = ProtocolCoreFixture.dispatcher(store, new EchoInvoker());
      for (int w = 0; w < 3; w++) {
        walk(d, ctx, size);
      }
      List<Double> first = new ArrayList<>();
      int pageSize = 0;
      for (int i = 0; i < firstPageSamples; i++) {
        long t0 = System.nanoTime();
        JsonNode page = page(d, ctx, null);
        first.add((System.nanoTime() - t0) / 1e6);
        pageSize = page.path("tools").size();
      }
      List<Double> full = new ArrayList<>();
      int pages = 0;
      for (int i = 0; i < walks; i++) {
        long t0 = System.nanoTime();
        pages = walk(d, ctx, size);
        full.add((System.nanoTime() - t0) / 1e6);
      }
      ObjectNode s = sizesOut.putObject(Integer.toString(size));
      Stats fp = Stats.of(first);
      s.set("firstPageMs", fp.toJson());
      s.put("firstPageP99Ms", Stats.round(fp.p99()));
      s.put("pageSize", pageSize);
      s.set("fullWalkMs", Stats.of(full).toJson());
      s.put("pages", pages);
    }
  }

  private static int walk(ProtocolDispatcher d, CallContext ctx, int expected) throws Exception {
    String cursor = null;
    int pages = 0;
    int tools = 0;
    do {
      JsonNode result = page(d, ctx, cursor);
      pages++;
      tools += result.path("tools").size();
      cursor = result.hasNonNull("nextCursor") ? result.get("nextCursor").asText() : null;
    } while (cursor != null);
    if (tools != expected) {
      throw new IllegalStateException("walked " + tools + " tools, expected " + expected);
    }
    return pages;
  }

  private static JsonNode page(ProtocolDispatcher d, CallContext ctx, String cursor)
      throws Exception {
    ObjectNode params = Json.mapper().createObjectNode();
    if (cursor != null) {
      params.put("cursor", cursor);
    }
    ObjectNode msg = McpMessages.stateless(1, "tools/list", params);
    JsonRpcRequest req = new JsonRpcRequest(msg.get("id"), "tools/list", msg.get("params"));
    JsonRpcResponse r = d.handle(req, ctx, OutboundChannel.DISCARD);
    if (r.isError()) {
      throw new IllegalStateException("tools/list failed: " + Json.write(r));
    }
    byte[] bytes = Json.mapper().writeValueAsBytes(r);
    if (bytes.length == 0) {
      throw new IllegalStateException("empty response");
    }
    return r.result();
  }
}
