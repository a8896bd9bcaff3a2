package dev.mcplambda.local.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcplambda.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal MCP 2026-07-28 (stateless) client on {@code java.net.http}: each request carries the
 * {@code MCP-Protocol-Version}, {@code Mcp-Method} and {@code Mcp-Name} headers and the {@code
 * _meta} envelope (protocol version, client info, client capabilities). The MCP Java SDK 2.1.0
 * knows protocol versions up to 2025-11-25 only, so this stands in for it on the 2026 transport.
 */
public final class StatelessMcpClient {

  public static final String VERSION = "2026-07-28";

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final HttpClient http;
  private final URI endpoint;
  private final SigV4RequestCustomizer signer;
  private final AtomicLong ids = new AtomicLong();

  /**
   * @param endpoint the {@code /mcp} URL
   * @param signer signs each request, or {@code null} to send them unsigned
   */
  public StatelessMcpClient(HttpClient http, URI endpoint, SigV4RequestCustomizer signer) {
    this.http = http;
    this.endpoint = endpoint;
    this.signer = signer;
  }

  /** One JSON-RPC request and its JSON-RPC response (from a JSON body or an SSE stream). */
  public record Exchange(int status, JsonNode response) {

    public JsonNode result() {
      if (status != 200 || !response.has("result")) {
        throw new AssertionError("expected a result, got HTTP " + status + ": " + response);
      }
      return response.get("result");
    }
  }

  /** Sends {@code method} with {@code params} plus the {@code _meta} envelope. */
  public Exchange send(String method, Map<String, Object> params)
      throws IOException, InterruptedException {
    return send(method, params, Map.of());
  }

  /** As {@link #send(String, Map)}, declaring {@code capabilities} in the {@code _meta}. */
  public Exchange send(String method, Map<String, Object> params, Map<String, Object> capabilities)
      throws IOException, InterruptedException {
    Map<String, Object> withMeta = new LinkedHashMap<>(params);
    withMeta.put(
        "_meta",
        Map.of(
            "io.modelcontextprotocol/protocolVersion",
            VERSION,
            "io.modelcontextprotocol/clientInfo",
            Map.of("name", "mcp-lambda-e2e", "version", "1.0.0"),
            "io.modelcontextprotocol/clientCapabilities",
            capabilities));
    long id = ids.incrementAndGet();
    String body =
        Json.write(Map.of("jsonrpc", "2.0", "id", id, "method", method, "params", withMeta));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint)
            .timeout(TIMEOUT)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .header("MCP-Protocol-Version", VERSION)
            .header("Mcp-Method", method);
    Object name =
        switch (method) {
          case "tools/call", "prompts/get" -> params.get("name");
          case "resources/read" -> params.get("uri");
          case "tasks/get", "tasks/update", "tasks/cancel" -> params.get("taskId");
          default -> null;
        };
    if (name != null) {
      request.header("Mcp-Name", name.toString());
    }
    HttpRequest built = signer == null ? request.build() : signer.sign(request, "POST", body);
    HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
    String contentType = response.headers().firstValue("Content-Type").orElse("");
    JsonNode message =
        contentType.startsWith("text/event-stream")
            ? lastMessageWithId(response.body(), id)
            : Json.readTree(response.body());
    return new Exchange(response.statusCode(), message);
  }

  /**
   * Opens a {@code subscriptions/listen} stream with {@code filter} and reads its messages until
   * one matches {@code until} (or {@code guardMillis} pass), then closes it.
   *
   * @return the messages read, in order, the matching one last
   */
  public java.util.List<JsonNode> listenUntil(
      Map<String, Object> filter,
      Map<String, Object> capabilities,
      java.util.function.Predicate<JsonNode> until,
      long guardMillis)
      throws IOException, InterruptedException {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("notifications", filter);
    params.put(
        "_meta",
        Map.of(
            "io.modelcontextprotocol/protocolVersion",
            VERSION,
            "io.modelcontextprotocol/clientCapabilities",
            capabilities));
    String body =
        Json.write(
            Map.of(
                "jsonrpc",
                "2.0",
                "id",
                "listen-" + ids.incrementAndGet(),
                "method",
                "subscriptions/listen",
                "params",
                params));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint)
            .timeout(Duration.ofMillis(guardMillis))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .header("MCP-Protocol-Version", VERSION)
            .header("Mcp-Method", "subscriptions/listen");
    HttpRequest built = signer == null ? request.build() : signer.sign(request, "POST", body);
    HttpResponse<java.util.stream.Stream<String>> response =
        http.send(built, HttpResponse.BodyHandlers.ofLines());
    java.util.List<JsonNode> messages = new java.util.ArrayList<>();
    long guard = System.currentTimeMillis() + guardMillis;
    try (java.util.stream.Stream<String> lines = response.body()) {
      Iterator<String> it = lines.iterator();
      while (System.currentTimeMillis() < guard && it.hasNext()) {
        String line = it.next();
        if (line.startsWith("data:")) {
          JsonNode message = Json.readTree(line.substring(5).strip());
          messages.add(message);
          if (until.test(message)) {
            break;
          }
        }
      }
    }
    return messages;
  }

  /** The response to request {@code id} in an SSE body (notifications before it are skipped). */
  private static JsonNode lastMessageWithId(String sse, long id) throws IOException {
    JsonNode found = null;
    for (String event : sse.split("\n\n")) {
      StringBuilder data = new StringBuilder();
      for (String line : event.split("\n")) {
        if (line.startsWith("data:")) {
          data.append(line.substring(5).strip());
        }
      }
      if (!data.isEmpty()) {
        JsonNode node = Json.readTree(data.toString());
        if (node.path("id").asLong(-1) == id) {
          found = node;
        }
      }
    }
    if (found == null) {
      throw new AssertionError("no response with id " + id + " in the SSE stream: " + sse);
    }
    return found;
  }
}
