package dev.mcplambda.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcplambda.invoke.FunctionEvents;
import dev.mcplambda.json.Json;
import dev.mcplambda.jsonrpc.ErrorCodes;
import dev.mcplambda.registry.PromptArgument;
import dev.mcplambda.registry.RegistryEntry;
import java.util.Map;

/**
 * {@code prompts/list} and {@code prompts/get}. A failing function is a -32603 error ({@code
 * prompts/get} has no {@code isError} result).
 */
final class PromptMethods {

  private final CatalogLists lists;
  private final FunctionCalls calls;

  PromptMethods(CatalogLists lists, FunctionCalls calls) {
    this.lists = lists;
    this.calls = calls;
  }

  void register(Map<String, MethodHandler> methods) {
    methods.put(
        "prompts/list",
        x ->
            lists.list(
                x,
                "prompts",
                "prompts",
                x.catalog().prompts(),
                e -> EntryJson.prompt(e, x.version)));
    methods.put("prompts/get", this::get);
  }

  /** The prompt the caller may use, or -32602 "Unknown prompt". */
  static RegistryEntry visiblePrompt(Exchange x, String name) {
    return x.visible(x.catalog().prompt(name))
        .orElseThrow(
            () ->
                new ProtocolException(
                    ErrorCodes.INVALID_PARAMS,
                    "Unknown prompt: " + ProtocolDispatcher.clip(name, 200),
                    null,
                    "unknown_prompt"));
  }

  private Outcome get(Exchange x) {
    String name = x.requiredString("name");
    x.target = ProtocolDispatcher.clip(name, 200);
    RegistryEntry entry = visiblePrompt(x, name);
    JsonNode args = x.params.get("arguments");
    if (args == null || args.isNull()) {
      args = Json.object();
    } else if (!args.isObject()) {
      throw Exchange.invalidParams("arguments must be an object");
    }
    for (var field : args.properties()) {
      if (!field.getValue().isTextual()) {
        throw Exchange.invalidParams(
            "argument '" + ProtocolDispatcher.clip(field.getKey(), 100) + "' must be a string");
      }
    }
    if (entry.arguments() != null) {
      for (PromptArgument a : entry.arguments()) {
        if (Boolean.TRUE.equals(a.required()) && !args.has(a.name())) {
          throw Exchange.invalidParams("Missing required argument: " + a.name());
        }
      }
    }
    MultiRoundTrip.Retry retry = x.era.retry(x, x.params, "prompts/get", name);
    String what = "Prompt '" + ProtocolDispatcher.clip(name, 200) + "'";
    JsonNode promptArgs = args;
    JsonNode payload =
        calls.payloadOrThrow(
            x,
            calls.call(
                x,
                entry,
                FunctionEvents.prompt(args, calls.extra(x, "prompt", name, retry)),
                r -> FunctionEvents.prompt(promptArgs, calls.extra(x, "prompt", name, r)),
                null),
            what);
    try {
      if (MultiRoundTrip.isInputRequired(payload)) {
        if (!x.era.returnsInputRequired()) {
          throw x.internal(null, what + " needs input_required (2026-07-28)");
        }
        return x.era.inputRequired(x, payload, "prompts/get", name);
      }
      return new Outcome.Ok(FunctionResults.getPrompt(payload, entry.description()));
    } catch (MalformedResultException m) {
      throw x.internal(null, what + " returned malformed output: " + m.getMessage());
    }
  }
}
