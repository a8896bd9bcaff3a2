package dev.mcplambda.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.json.Json;
import dev.mcplambda.jsonrpc.ErrorCodes;
import dev.mcplambda.registry.PrincipalPattern;
import dev.mcplambda.registry.RegistryEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The list methods' pages ({@code tools/list}, {@code prompts/list}, ...): entries the caller may
 * see, in sort-key order, {@link DispatcherConfig#pageSize()} at a time, the next page behind an
 * opaque {@link ListCursor}.
 */
final class CatalogLists {

  private final DispatcherConfig config;

  CatalogLists(DispatcherConfig config) {
    this.config = config;
  }

  private record Page(List<RegistryEntry> items, String nextCursor) {}

  /** One page of {@code entries} as {@code {field: [...], nextCursor?}}; cacheable. */
  Outcome list(
      Exchange x,
      String list,
      String field,
      List<RegistryEntry> entries,
      Function<RegistryEntry, ObjectNode> render) {
    Page page = page(x, list, entries);
    ObjectNode result = Json.object();
    ArrayNode array = result.putArray(field);
    page.items().forEach(e -> array.add(render.apply(e)));
    if (page.nextCursor() != null) {
      result.put("nextCursor", page.nextCursor());
    }
    x.cacheable(x.catalog().hasRestrictedEntries() ? "private" : "public", config.listTtlMs());
    return new Outcome.Ok(result);
  }

  private Page page(Exchange x, String list, List<RegistryEntry> entries) {
    JsonNode cursorNode = x.params.get("cursor");
    if (cursorNode != null && !cursorNode.isNull() && !cursorNode.isTextual()) {
      throw new ProtocolException(ErrorCodes.INVALID_PARAMS, "Invalid cursor", null, "bad_cursor");
    }
    String after =
        ListCursor.decode(
            list, cursorNode == null || cursorNode.isNull() ? null : cursorNode.asText());
    int start = after == null ? 0 : firstAfter(entries, after);
    List<RegistryEntry> items = new ArrayList<>(Math.min(config.pageSize(), entries.size()));
    int i = start;
    for (; i < entries.size() && items.size() < config.pageSize(); i++) {
      RegistryEntry e = entries.get(i);
      if (PrincipalPattern.allows(e.allowedPrincipals(), x.principal())) {
        items.add(e);
      }
    }
    String next = null;
    for (; i < entries.size(); i++) {
      if (PrincipalPattern.allows(entries.get(i).allowedPrincipals(), x.principal())) {
        next = ListCursor.encode(list, Catalog.sortKey(items.get(items.size() - 1)));
        break;
      }
    }
    return new Page(items, next);
  }

  /** Index of the first entry whose sort key is greater than {@code key}. */
  private static int firstAfter(List<RegistryEntry> entries, String key) {
    int lo = 0;
    int hi = entries.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (Catalog.sortKey(entries.get(mid)).compareTo(key) <= 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
