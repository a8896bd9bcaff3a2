package dev.mcplambda.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.invoke.ToolEvent;
import dev.mcplambda.invoke.ToolEventListener;
import dev.mcplambda.json.Json;
import dev.mcplambda.jsonrpc.JsonRpcNotification;
import dev.mcplambda.session.LogLevel;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards a streaming tool's events, as they arrive, on the request's {@link OutboundChannel}
 * (before the request's result):
 *
 * <ul>
 *   <li>{@code notifications/progress} only when the request carried {@code _meta.progressToken},
 *       with that token; progress that does not increase is dropped (the spec requires it to grow
 *       with every notification); {@code message} only from 2025-03-26 on.
 *   <li>{@code notifications/message} only at or above the level the client asked for ({@code
 *       logging/setLevel} on 2025 sessions, {@code _meta} {@code io.modelcontextprotocol/logLevel}
 *       on 2026-07-28); without one, none (2025 sets no default level, 2026 says no log messages
 *       without a requested level).
 * </ul>
 *
 * A channel that fails (the client went away) is not written to again; the tool call goes on.
 */
final class ToolNotifications implements ToolEventListener {

  private static final Logger LOG = LoggerFactory.getLogger(ToolNotifications.class);

  private final OutboundChannel channel;
  private final JsonNode progressToken;
  private final String logLevel;
  private final boolean progressMessages;
  private Double lastProgress;
  private boolean broken;

  /**
   * @param progressToken the request's {@code _meta.progressToken} (string or number), or {@code
   *     null}
   * @param logLevel the minimum level to forward, or {@code null} for none
   * @param protocolVersion the request's protocol version (decides whether progress carries a
   *     {@code message}); {@code null} (a legacy SSE session without {@code initialize}) counts as
   *     2024-11-05
   */
  ToolNotifications(
      OutboundChannel channel, JsonNode progressToken, String logLevel, String protocolVersion) {
    this.channel = channel == null ? OutboundChannel.DISCARD : channel;
    this.progressToken = validToken(progressToken) ? progressToken : null;
    this.logLevel = LogLevel.isWireName(logLevel) ? logLevel : null;
    this.progressMessages =
        protocolVersion != null
            && ProtocolVersions.atLeast(protocolVersion, ProtocolVersions.V2025_03_26);
  }

  /** The progress token of a request's params ({@code _meta.progressToken}), or {@code null}. */
  static JsonNode progressToken(JsonNode params) {
    JsonNode token = params == null ? null : params.path("_meta").get("progressToken");
    return validToken(token) ? token : null;
  }

  @Override
  public void onEvent(ToolEvent event) {
    switch (event) {
      case ToolEvent.Progress p -> progress(p);
      case ToolEvent.Log l -> log(l);
      case ToolEvent.Result r -> {
        // the result is the request's response, not a notification
      }
    }
  }

  private void progress(ToolEvent.Progress p) {
    if (progressToken == null || (lastProgress != null && p.progress() <= lastProgress)) {
      return;
    }
    lastProgress = p.progress();
    ObjectNode params = Json.object();
    params.set("progressToken", progressToken);
    putNumber(params, "progress", p.progress());
    if (p.total() != null) {
      putNumber(params, "total", p.total());
    }
    if (p.message() != null && progressMessages) {
      params.put("message", p.message());
    }
    send(new JsonRpcNotification("notifications/progress", params));
  }

  private void log(ToolEvent.Log l) {
    if (!LogLevel.passes(l.level(), logLevel)) {
      return;
    }
    ObjectNode params = Json.object();
    params.put("level", l.level());
    if (l.logger() != null) {
      params.put("logger", l.logger());
    }
    params.set("data", l.data());
    send(new JsonRpcNotification("notifications/message", params));
  }

  private void send(JsonRpcNotification notification) {
    if (broken) {
      return;
    }
    try {
      channel.send(notification);
    } catch (IOException | RuntimeException e) {
      broken = true;
      LOG.debug("tool notifications no longer delivered: {}", e.getClass().getSimpleName());
    }
  }

  /** Whole numbers as integers ({@code 50}, not {@code 50.0}). */
  private static void putNumber(ObjectNode node, String field, double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      node.put(field, (long) value);
    } else {
      node.put(field, value);
    }
  }

  private static boolean validToken(JsonNode token) {
    return token != null && (token.isTextual() || token.isIntegralNumber());
  }
}
