package dev.mcplambda.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.invoke.FunctionEvents;
import dev.mcplambda.invoke.InvocationOutcome;
import dev.mcplambda.invoke.ToolEventListener;
import dev.mcplambda.json.Json;
import dev.mcplambda.jsonrpc.ErrorCodes;
import dev.mcplambda.registry.RegistryEntry;
import dev.mcplambda.schema.SchemaValidator;
import java.util.List;
import java.util.Map;

/**
 * {@code tools/list}, {@code tools/call} and the seed's shorthand (a {@code method} naming a tool).
 * Every failure of the tool itself, including arguments that fail its {@code inputSchema} and
 * output that fails its {@code outputSchema}, is an {@code isError} result.
 */
final class ToolMethods {

  private final CatalogLists lists;
  private final FunctionCalls calls;
  private final SchemaValidator validator;
  private final TaskMethods tasks;

  /**
   * @param tasks the tasks extension, or {@code null} when it is off
   */
  ToolMethods(
      CatalogLists lists, FunctionCalls calls, SchemaValidator validator, TaskMethods tasks) {
    this.lists = lists;
    this.calls = calls;
    this.validator = validator;
    this.tasks = tasks;
  }

  void register(Map<String, MethodHandler> methods) {
    methods.put(
        "tools/list",
        x ->
            lists.list(
                x, "tools", "tools", x.catalog().tools(), e -> EntryJson.tool(e, x.version)));
    methods.put("tools/call", x -> call(x, x.requiredString("name"), x.params));
  }

  /** The seed's shorthand: {@code method} names a tool the caller may use. */
  Outcome shorthand(Exchange x) {
    String name = x.method;
    if (name.contains("/") || x.visible(x.catalog().tool(name)).isEmpty()) {
      throw ProtocolDispatcher.methodNotFound(x);
    }
    x.method = "tools/call";
    ObjectNode args = x.params.deepCopy();
    args.remove("_meta");
    ObjectNode params = Json.object();
    params.set("arguments", args);
    return call(x, name, params);
  }

  private Outcome call(Exchange x, String name, ObjectNode params) {
    x.target = ProtocolDispatcher.clip(name, 200);
    RegistryEntry entry =
        x.visible(x.catalog().tool(name))
            .orElseThrow(
                () ->
                    new ProtocolException(
                        ErrorCodes.INVALID_PARAMS,
                        "Unknown tool: " + ProtocolDispatcher.clip(name, 200),
                        null,
                        "unknown_tool"));
    JsonNode args = params.get("arguments");
    if (args == null || args.isNull()) {
      args = Json.object();
    } else if (!args.isObject()) {
      throw Exchange.invalidParams("arguments must be an object");
    }
    MultiRoundTrip.Retry retry = x.era.retry(x, params, "tools/call", name);
    if (entry.inputSchema() != null) {
      List<String> problems = validator.validate(entry.inputSchema(), args);
      if (!problems.isEmpty()) {
        return x.toolError(
            "invalid_arguments",
            "Invalid arguments for tool '" + name + "': " + Exchange.describe(problems));
      }
    }
    ObjectNode extra = calls.extra(x, "tool", name, retry);
    boolean taskEra = tasks != null && x.era.stateless();
    if (taskEra && entry.runsAsTask()) {
      if (TaskMethods.negotiated(x.clientCapabilities)) {
        return new Outcome.Task(
            tasks.create(entry, FunctionEvents.tool(args, extra), x.principal()));
      }
      if (entry.requiresTask()) {
        throw TaskMethods.missingCapability("Tool '" + ProtocolDispatcher.clip(name, 200) + "'");
      }
    }
    ToolEventListener events =
        entry.streams()
            ? new ToolNotifications(
                x.channel, ToolNotifications.progressToken(params), x.logLevel, x.version)
            : null;
    JsonNode toolArgs = args;
    InvocationOutcome outcome;
    switch (calls.call(
        x,
        entry,
        FunctionEvents.tool(args, extra),
        r -> FunctionEvents.tool(toolArgs, calls.extra(x, "tool", name, r)),
        events)) {
      case InputRequestRelay.Relayed.Done done -> outcome = done.outcome();
      case InputRequestRelay.Relayed.Failed failed -> {
        return x.toolError(failed.detail(), "Tool '" + name + "' " + failed.message());
      }
    }
    return switch (outcome) {
      case InvocationOutcome.Success s when taskEra && TaskMethods.asksForTask(s.payload()) -> {
        if (!TaskMethods.negotiated(x.clientCapabilities)) {
          throw TaskMethods.missingCapability("Tool '" + ProtocolDispatcher.clip(name, 200) + "'");
        }
        yield new Outcome.Task(
            tasks.create(entry, FunctionEvents.tool(args, extra), x.principal()));
      }
      case InvocationOutcome.Success s -> payload(x, entry, s.payload());
      case InvocationOutcome.FunctionError f ->
          x.toolError(
              "function_error",
              "Tool '" + name + "' failed: " + f.errorType() + ": " + f.errorMessage());
      case InvocationOutcome.Timeout t ->
          x.toolError("timeout", "Tool '" + name + "' timed out: " + t.detail());
      case InvocationOutcome.Throttled t ->
          x.toolError(
              "throttled",
              "Tool '" + name + "' is throttled by AWS Lambda (too many requests); retry later");
      case InvocationOutcome.Unavailable u ->
          x.toolError("unavailable", "Tool '" + name + "' could not be invoked: " + u.reason());
      case InvocationOutcome.MalformedOutput m ->
          x.toolError(
              "malformed_output", "Tool '" + name + "' returned malformed output: " + m.reason());
    };
  }

  private Outcome payload(Exchange x, RegistryEntry entry, JsonNode payload) {
    String name = entry.name();
    boolean v0618 = ProtocolVersions.atLeast(x.version, ProtocolVersions.V2025_06_18);
    ObjectNode result;
    try {
      if (MultiRoundTrip.isInputRequired(payload)) {
        if (!x.era.returnsInputRequired()) {
          return x.toolError(
              "input_required_unsupported",
              "Tool '"
                  + name
                  + "' needs more input from the client (input_required), which requires protocol"
                  + " version 2026-07-28");
        }
        return x.era.inputRequired(x, payload, "tools/call", name);
      }
      result = FunctionResults.callTool(payload, x.era.stateless(), v0618);
    } catch (MalformedResultException m) {
      return x.toolError(
          "malformed_output", "Tool '" + name + "' returned malformed output: " + m.getMessage());
    }
    if (entry.outputSchema() != null && v0618 && !result.path("isError").asBoolean(false)) {
      JsonNode structured = result.get("structuredContent");
      if (structured == null) {
        return x.toolError(
            "output_schema",
            "Tool '" + name + "' declares an outputSchema but returned no structured content");
      }
      List<String> problems = validator.validate(entry.outputSchema(), structured);
      if (!problems.isEmpty()) {
        return x.toolError(
            "output_schema",
            "Tool '"
                + name
                + "' returned structured content that does not match its outputSchema: "
                + Exchange.describe(problems));
      }
    }
    if (result.path("isError").asBoolean(false)) {
      return new Outcome.ToolError(result, "tool_reported_error");
    }
    return new Outcome.Ok(result);
  }
}
