package dev.mcplambda.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.json.Json;
import dev.mcplambda.jsonrpc.ErrorCodes;
import dev.mcplambda.jsonrpc.JsonRpcError;
import java.util.List;

/**
 * Task status notifications ({@code notifications/tasks}, docs/tasks.md) for a 2026-07-28 {@code
 * subscriptions/listen} stream whose filter names {@code taskIds}. The stream asks for a {@link
 * Watch} once, puts its {@link Watch#taskIds()} in the acknowledgement and, whenever {@link
 * Watch#nextCheckAt()} has come, sends what {@link Watch#check()} returns.
 */
public interface TaskStatusFeed {

  /** The {@code notifications/tasks} method. */
  String METHOD = "notifications/tasks";

  /**
   * A watch over the caller's tasks among {@code requestedTaskIds} (the filter's {@code taskIds},
   * possibly absent).
   *
   * @return the watch, or {@code null} when task ids were requested by a client that did not
   *     declare the tasks extension (the stream is then refused with {@link #missingCapability()})
   */
  Watch watch(String principal, JsonNode clientCapabilities, JsonNode requestedTaskIds);

  /** One stream's view of its tasks. Not thread-safe: one stream, one thread. */
  interface Watch {

    /** The task ids honoured, for the acknowledgement; {@code null} if none were asked for. */
    ArrayNode taskIds();

    /** Epoch millis of the next {@link #check()}; {@link Long#MAX_VALUE} for never. */
    long nextCheckAt();

    /**
     * The {@code notifications/tasks} params (a DetailedTask each) of the watched tasks that
     * changed since the last check; a task that became terminal (or expired) is not watched any
     * more.
     */
    List<ObjectNode> check();
  }

  /** Watches nothing: the feed of a server without tasks. */
  Watch NOTHING =
      new Watch() {
        @Override
        public ArrayNode taskIds() {
          return null;
        }

        @Override
        public long nextCheckAt() {
          return Long.MAX_VALUE;
        }

        @Override
        public List<ObjectNode> check() {
          return List.of();
        }
      };

  /** The feed of a server without tasks: task ids are never honoured. */
  TaskStatusFeed NONE = (principal, capabilities, ids) -> NOTHING;

  /** -32021 for task notifications requested without the extension declared. */
  static JsonRpcError missingCapability() {
    ObjectNode data = Json.object();
    data.putObject("requiredCapabilities").putObject("extensions").putObject(TaskMethods.EXTENSION);
    return new JsonRpcError(
        ErrorCodes.MISSING_REQUIRED_CLIENT_CAPABILITY,
        "Task status notifications require the client capability extensions."
            + TaskMethods.EXTENSION,
        data);
  }
}
