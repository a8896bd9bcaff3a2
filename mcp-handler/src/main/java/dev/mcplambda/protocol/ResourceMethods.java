package dev.mcplambda.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.invoke.FunctionEvents;
import dev.mcplambda.json.Json;
import dev.mcplambda.registry.RegistryEntry;
import dev.mcplambda.session.SessionRecord;
import dev.mcplambda.session.SessionStore;
import java.util.Map;
import java.util.Optional;

/**
 * {@code resources/list}, {@code resources/templates/list}, {@code resources/read} and (2025
 * sessions) {@code resources/subscribe} / {@code resources/unsubscribe}. A failing function is a
 * -32603 error ({@code resources/read} has no {@code isError} result).
 */
final class ResourceMethods {

  private final CatalogLists lists;
  private final FunctionCalls calls;
  private final SessionStore sessions;
  private final DispatcherConfig config;

  ResourceMethods(
      CatalogLists lists, FunctionCalls calls, SessionStore sessions, DispatcherConfig config) {
    this.lists = lists;
    this.calls = calls;
    this.sessions = sessions;
    this.config = config;
  }

  void register(Map<String, MethodHandler> methods) {
    methods.put(
        "resources/list",
        x ->
            lists.list(
                x,
                "resources",
                "resources",
                x.catalog().resources(),
                e -> EntryJson.resource(e, x.version, false)));
    methods.put(
        "resources/templates/list",
        x ->
            lists.list(
                x,
                "templates",
                "resourceTemplates",
                x.catalog().templates(),
                e -> EntryJson.resource(e, x.version, true)));
    methods.put("resources/read", this::read);
    methods.put("resources/subscribe", x -> subscribe(x, true));
    methods.put("resources/unsubscribe", x -> subscribe(x, false));
  }

  private Outcome read(Exchange x) {
    String uri = ResourceUriLimit.check("uri", x.requiredString("uri"));
    x.target = ProtocolDispatcher.clip(uri, 500);
    Catalog cat = x.catalog();
    RegistryEntry entry;
    Map<String, String> variables;
    Optional<RegistryEntry> exact = x.visible(cat.resource(uri));
    if (exact.isPresent()) {
      entry = exact.get();
      variables = Map.of();
    } else {
      Catalog.TemplateMatch match =
          cat.matchTemplate(uri, x.principal()).orElseThrow(() -> notFound(x, uri));
      entry = match.entry();
      variables = match.variables();
    }
    MultiRoundTrip.Retry retry = x.era.retry(x, x.params, "resources/read", uri);
    String what = "Resource '" + ProtocolDispatcher.clip(uri, 200) + "'";
    JsonNode payload =
        calls.payloadOrThrow(
            x,
            calls.call(
                x,
                entry,
                FunctionEvents.resourceRead(uri, variables, calls.extra(x, "resource", uri, retry)),
                r ->
                    FunctionEvents.resourceRead(uri, variables, calls.extra(x, "resource", uri, r)),
                null),
            what);
    ObjectNode result;
    try {
      if (MultiRoundTrip.isInputRequired(payload)) {
        if (!x.era.returnsInputRequired()) {
          throw x.internal(null, what + " needs input_required (2026-07-28)");
        }
        return x.era.inputRequired(x, payload, "resources/read", uri);
      }
      result = FunctionResults.readResource(payload, uri, entry.mimeType(), x.era.stateless());
    } catch (MalformedResultException m) {
      throw x.internal(null, what + " returned malformed output: " + m.getMessage());
    }
    x.cacheable("private", retry.isRetry() ? 0 : config.readTtlMs());
    return new Outcome.Ok(result);
  }

  /** "Resource not found" with {@code data.uri}, in the era's error code. */
  static ProtocolException notFound(Exchange x, String uri) {
    ObjectNode data = Json.object();
    data.put("uri", ProtocolDispatcher.clip(uri, 500));
    return new ProtocolException(
        x.era.resourceNotFoundCode(), "Resource not found", data, "unknown_resource");
  }

  /**
   * Records (or drops) a resource subscription on the session ({@link SessionSubscriptions}); the
   * session's streams then send {@code notifications/resources/updated} when the resource's
   * registry entry (or its template's) changes. Subscribing to a URI that is neither a resource nor
   * matches a template the caller may use is "Resource not found"; unsubscribing is idempotent.
   */
  private Outcome subscribe(Exchange x, boolean on) {
    String uri = ResourceUriLimit.check("uri", x.requiredString("uri"));
    x.target = ProtocolDispatcher.clip(uri, 500);
    if (on) {
      Catalog cat = x.catalog();
      if (x.visible(cat.resource(uri)).isEmpty()
          && cat.matchTemplate(uri, x.principal()).isEmpty()) {
        throw notFound(x, uri);
      }
    }
    SessionRecord s = x.context.session();
    if (s != null && !SessionSubscriptions.record(sessions, s.sessionId(), uri, on) && on) {
      throw Exchange.invalidParams(
          "Too many resource subscriptions (at most "
              + SessionSubscriptions.MAX_RESOURCES
              + " per session)");
    }
    return new Outcome.Ok(Json.object());
  }
}
