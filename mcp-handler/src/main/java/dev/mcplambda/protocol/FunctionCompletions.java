package dev.mcplambda.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code completion/complete} answered by the entry's function (docs/completion.md) when the
 * registration declares no values for the argument ({@code enumValues} of a prompt argument, {@code
 * completions} of a resource template win).
 *
 * <p>Event: {@code {"action": "complete", "ref": {...}, "argument": {"name", "value"}, "context":
 * {"arguments": {...}}, "extra": {...}}}. Result: {@code {"values": [...], "total"?: n, "hasMore"?:
 * b}}, also accepted wrapped as {@code {"completion": {...}}} (a {@code CompleteResult}). Only
 * strings are kept, at most {@link #MAX_VALUES}; anything else — a failing, slow or silent
 * function, or output of another shape — completes to no values rather than an error, since
 * completion is a hint.
 */
public final class FunctionCompletions {

  /** Most values in one answer (the spec's cap). */
  public static final int MAX_VALUES = 100;

  /** Longest a completion function may take (completions are typed interactively). */
  public static final Duration TIMEOUT = Duration.ofSeconds(3);

  /** What a function answered. */
  public record Answer(List<String> values, int total, boolean hasMore) {

    static final Answer EMPTY = new Answer(List.of(), 0, false);
  }

  private FunctionCompletions() {}

  /** The event for the function. */
  public static ObjectNode event(
      JsonNode ref, String argName, String argValue, JsonNode contextArguments, JsonNode extra) {
    ObjectNode event = Json.object();
    event.put("action", "complete");
    event.set("ref", ref);
    ObjectNode argument = event.putObject("argument");
    argument.put("name", argName);
    argument.put("value", argValue);
    ObjectNode context = event.putObject("context");
    context.set(
        "arguments",
        contextArguments != null && contextArguments.isObject() ? contextArguments : Json.object());
    event.set("extra", extra);
    return event;
  }

  /** The answer in a function's output; {@link Answer#EMPTY} when it has none. */
  public static Answer parse(JsonNode payload) {
    if (payload == null || !payload.isObject()) {
      return Answer.EMPTY;
    }
    JsonNode body = payload.get("completion") instanceof ObjectNode c ? c : payload;
    JsonNode values = body.get("values");
    if (values == null || !values.isArray()) {
      return Answer.EMPTY;
    }
    List<String> out = new ArrayList<>();
    int strings = 0;
    for (JsonNode v : values) {
      if (v.isTextual()) {
        strings++;
        if (out.size() < MAX_VALUES) {
          out.add(v.asText());
        }
      }
    }
    JsonNode total = body.get("total");
    int declaredTotal =
        total != null && total.canConvertToInt() && total.asInt() >= strings
            ? total.asInt()
            : strings;
    boolean hasMore = body.path("hasMore").asBoolean(false) || strings > out.size();
    return new Answer(List.copyOf(out), declaredTotal, hasMore);
  }
}
