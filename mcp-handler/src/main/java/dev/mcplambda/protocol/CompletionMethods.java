package dev.mcplambda.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.invoke.InvocationOutcome;
import dev.mcplambda.json.Json;
import dev.mcplambda.jsonrpc.ErrorCodes;
import dev.mcplambda.registry.PromptArgument;
import dev.mcplambda.registry.RegistryEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code completion/complete}: a prompt argument's enum values or a resource template variable's
 * registered values, by case-insensitive prefix; otherwise whatever the entry's function offers
 * ({@link FunctionCompletions}), no values when it cannot.
 */
final class CompletionMethods {

  private static final int MAX_COMPLETIONS = 100;

  private final FunctionCalls calls;

  CompletionMethods(FunctionCalls calls) {
    this.calls = calls;
  }

  void register(Map<String, MethodHandler> methods) {
    methods.put("completion/complete", this::complete);
  }

  private Outcome complete(Exchange x) {
    JsonNode ref = x.params.get("ref");
    JsonNode argument = x.params.get("argument");
    if (ref == null || !ref.isObject() || !ref.path("type").isTextual()) {
      throw Exchange.invalidParams("ref must be an object with a type");
    }
    if (argument == null
        || !argument.isObject()
        || !argument.path("name").isTextual()
        || !argument.path("value").isTextual()) {
      throw Exchange.invalidParams("argument must be an object with string name and value");
    }
    String argName = argument.get("name").asText();
    String prefix = argument.get("value").asText();
    List<String> candidates;
    Catalog cat = x.catalog();
    switch (ref.get("type").asText()) {
      case "ref/prompt" -> {
        String name = Exchange.requiredString((ObjectNode) ref, "name");
        x.target = ProtocolDispatcher.clip(name, 200);
        RegistryEntry entry = PromptMethods.visiblePrompt(x, name);
        candidates = null;
        if (entry.arguments() != null) {
          for (PromptArgument a : entry.arguments()) {
            if (argName.equals(a.name()) && a.enumValues() != null) {
              candidates = a.enumValues();
            }
          }
        }
        if (candidates == null) {
          return byFunction(x, entry, "prompt", name, argName, prefix);
        }
      }
      case "ref/resource" -> {
        String uri =
            ResourceUriLimit.check("ref.uri", Exchange.requiredString((ObjectNode) ref, "uri"));
        x.target = ProtocolDispatcher.clip(uri, 500);
        RegistryEntry entry =
            x.visible(cat.template(uri))
                .or(() -> x.visible(cat.resource(uri)))
                .orElseThrow(
                    () ->
                        new ProtocolException(
                            ErrorCodes.INVALID_PARAMS,
                            "Unknown resource template: " + ProtocolDispatcher.clip(uri, 200),
                            null,
                            "unknown_resource"));
        candidates = entry.completions() == null ? null : entry.completions().get(argName);
        if (candidates == null) {
          return byFunction(x, entry, "resource", uri, argName, prefix);
        }
      }
      default -> throw Exchange.invalidParams("ref.type must be ref/prompt or ref/resource");
    }
    String lower = prefix.toLowerCase(Locale.ROOT);
    List<String> matches = new ArrayList<>();
    for (String c : candidates) {
      if (c != null && c.toLowerCase(Locale.ROOT).startsWith(lower)) {
        matches.add(c);
      }
    }
    ObjectNode result = Json.object();
    ObjectNode completion = result.putObject("completion");
    ArrayNode values = completion.putArray("values");
    matches.stream().limit(MAX_COMPLETIONS).forEach(values::add);
    completion.put("total", matches.size());
    completion.put("hasMore", matches.size() > MAX_COMPLETIONS);
    return new Outcome.Ok(result);
  }

  /** Completion by the entry's function ({@link FunctionCompletions}); no values on failure. */
  private Outcome byFunction(
      Exchange x, RegistryEntry entry, String kind, String name, String argName, String prefix) {
    FunctionCompletions.Answer answer = FunctionCompletions.Answer.EMPTY;
    String detail = null;
    if (entry.lambdaArn() != null && !entry.lambdaArn().isBlank()) {
      JsonNode contextArgs = x.params.path("context").get("arguments");
      ObjectNode event =
          FunctionCompletions.event(
              x.params.get("ref"),
              argName,
              prefix,
              contextArgs,
              calls.extra(x, kind, name, MultiRoundTrip.Retry.NONE));
      InvocationOutcome outcome = calls.invoke(x, entry, event, null, FunctionCompletions.TIMEOUT);
      if (outcome instanceof InvocationOutcome.Success s) {
        answer = FunctionCompletions.parse(s.payload());
      } else {
        detail = "completion_unavailable";
      }
    }
    ObjectNode result = Json.object();
    ObjectNode completion = result.putObject("completion");
    ArrayNode values = completion.putArray("values");
    answer.values().forEach(values::add);
    completion.put("total", answer.total());
    completion.put("hasMore", answer.hasMore());
    return new Outcome.Ok(result, detail);
  }
}
