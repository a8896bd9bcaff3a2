package dev.mcplambda.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.json.Json;
import dev.mcplambda.session.SessionStore;
import java.util.ArrayList;
import java.util.List;

/**
 * The shape of {@link dev.mcplambda.session.SessionRecord#subscriptions()}: {@code {"resources":
 * ["uri", …]}} — the resource URIs a 2025 session subscribed to with {@code resources/subscribe},
 * in subscription order, each once. Unknown fields are kept when the record is rewritten.
 */
public final class SessionSubscriptions {

  /** Most resource subscriptions one session may hold. */
  public static final int MAX_RESOURCES = 100;

  private static final String RESOURCES = "resources";

  private SessionSubscriptions() {}

  /** The subscribed resource URIs (empty for {@code null} or malformed state). */
  public static List<String> resourceUris(JsonNode subscriptions) {
    List<String> out = new ArrayList<>();
    if (subscriptions != null && subscriptions.get(RESOURCES) instanceof ArrayNode array) {
      for (JsonNode uri : array) {
        if (uri.isTextual() && !out.contains(uri.asText())) {
          out.add(uri.asText());
        }
      }
    }
    return out;
  }

  /** {@code subscriptions} with {@code uri} added (unchanged if already there). */
  public static ObjectNode withResource(JsonNode subscriptions, String uri) {
    List<String> uris = resourceUris(subscriptions);
    if (!uris.contains(uri)) {
      uris.add(uri);
    }
    return with(subscriptions, uris);
  }

  /** {@code subscriptions} without {@code uri}. */
  public static ObjectNode withoutResource(JsonNode subscriptions, String uri) {
    List<String> uris = resourceUris(subscriptions);
    uris.remove(uri);
    return with(subscriptions, uris);
  }

  /**
   * Adds ({@code subscribe}) or removes {@code uri} on the stored session with the store's atomic
   * {@link SessionStore#updateSubscriptions}, so neither a concurrent change of another field (log
   * level, last seen) nor a concurrent subscribe from another request is undone. Returns {@code
   * false} when the session already holds {@link #MAX_RESOURCES} other subscriptions (nothing is
   * written); {@code true} otherwise, also when the session is gone (updates never resurrect
   * sessions).
   */
  public static boolean record(
      SessionStore store, String sessionId, String uri, boolean subscribe) {
    boolean[] full = {false};
    store.updateSubscriptions(
        sessionId,
        current -> {
          full[0] = false;
          List<String> uris = resourceUris(current);
          if (subscribe == uris.contains(uri)) {
            return current;
          }
          if (subscribe && uris.size() >= MAX_RESOURCES) {
            full[0] = true;
            return current;
          }
          return subscribe ? withResource(current, uri) : withoutResource(current, uri);
        });
    return !full[0];
  }

  private static ObjectNode with(JsonNode subscriptions, List<String> uris) {
    ObjectNode out = subscriptions instanceof ObjectNode o ? o.deepCopy() : Json.object();
    ArrayNode array = out.putArray(RESOURCES);
    uris.forEach(array::add);
    return out;
  }
}
