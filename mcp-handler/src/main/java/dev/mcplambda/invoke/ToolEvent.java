package dev.mcplambda.invoke;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One event a streaming tool function writes while it runs (docs/streaming-tools.md): a progress
 * report, a log message, or its final result. The orchestrator turns the first two into {@code
 * notifications/progress} and {@code notifications/message}.
 */
public sealed interface ToolEvent {

  /**
   * {@code {"type":"progress","progress":1,"total":3,"message":"…"}}.
   *
   * @param total {@code null} when unknown
   * @param message {@code null} when absent
   */
  record Progress(double progress, Double total, String message) implements ToolEvent {}

  /**
   * {@code {"type":"log","level":"info","logger":"…","data":…}}.
   *
   * @param level an MCP log level ({@code debug} … {@code emergency})
   * @param logger {@code null} when absent
   * @param data any JSON value
   */
  record Log(String level, String logger, JsonNode data) implements ToolEvent {}

  /** {@code {"type":"result","result":{…}}}: what a buffered function would have returned. */
  record Result(JsonNode result) implements ToolEvent {}
}
