package dev.mcplambda.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.jsonrpc.JsonRpcError;
import dev.mcplambda.jsonrpc.JsonRpcResponse;

/**
 * How a request ended, as a method handler returns it. The JSON-RPC response and the request's
 * {@link RequestSummary} (its log line) are both derived from it; nothing else is set on the side.
 */
public sealed interface Outcome {

  /** A short machine-friendly reason for the log line, or {@code null}. */
  String detail();

  /** The summary's {@code outcome} word. */
  String word();

  /** A result. {@code detail} notes a degradation the client cannot see (e.g. no completions). */
  record Ok(ObjectNode result, String detail) implements Outcome {
    Ok(ObjectNode result) {
      this(result, null);
    }

    @Override
    public String word() {
      return "ok";
    }
  }

  /** A tool result with {@code isError: true} (the tool failed, not the request). */
  record ToolError(ObjectNode result, String detail) implements Outcome {
    @Override
    public String word() {
      return "tool_error";
    }
  }

  /** A 2026-07-28 {@code InputRequiredResult}: the client answers and retries. */
  record InputRequired(ObjectNode result) implements Outcome {
    @Override
    public String detail() {
      return null;
    }

    @Override
    public String word() {
      return "input_required";
    }
  }

  /** A tool call that became an MCP task (tasks extension): the {@code CreateTaskResult}. */
  record Task(ObjectNode result) implements Outcome {
    @Override
    public String detail() {
      return null;
    }

    @Override
    public String word() {
      return "task";
    }
  }

  /** A JSON-RPC error. */
  record Failed(JsonRpcError error, String detail) implements Outcome {
    @Override
    public String word() {
      return "error";
    }
  }

  /** The JSON-RPC response to {@code id}. */
  default JsonRpcResponse response(JsonNode id) {
    return switch (this) {
      case Ok ok -> JsonRpcResponse.success(id, ok.result());
      case ToolError error -> JsonRpcResponse.success(id, error.result());
      case InputRequired input -> JsonRpcResponse.success(id, input.result());
      case Task task -> JsonRpcResponse.success(id, task.result());
      case Failed failed -> JsonRpcResponse.failure(id, failed.error());
    };
  }

  /** The result object, or {@code null} for a {@link Failed} outcome. */
  default ObjectNode result() {
    return switch (this) {
      case Ok ok -> ok.result();
      case ToolError error -> error.result();
      case InputRequired input -> input.result();
      case Task task -> task.result();
      case Failed failed -> null;
    };
  }
}
