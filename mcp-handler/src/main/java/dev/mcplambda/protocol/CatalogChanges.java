package dev.mcplambda.protocol;

import dev.mcplambda.registry.PrincipalPattern;
import dev.mcplambda.registry.RegistryEntry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * What changed between two catalog snapshots, as one caller sees them (entries its principal may
 * not use are left out): which lists changed (an entry added, removed or changed in any field) and
 * which resources were updated (a concrete resource whose entry changed, or a template whose entry
 * changed, for the URIs it expands to).
 */
public final class CatalogChanges {

  /** Nothing changed. */
  public static final CatalogChanges NONE =
      new CatalogChanges(Set.of(), Set.of(), Set.of(), null, null);

  public static final String TOOLS_LIST_CHANGED = "notifications/tools/list_changed";
  public static final String PROMPTS_LIST_CHANGED = "notifications/prompts/list_changed";
  public static final String RESOURCES_LIST_CHANGED = "notifications/resources/list_changed";
  public static final String RESOURCE_UPDATED = "notifications/resources/updated";

  private final Set<String> listChanged;
  private final Set<String> updatedUris;
  private final Set<String> updatedTemplateIds;
  private final Catalog after;
  private final String principal;

  private CatalogChanges(
      Set<String> listChanged,
      Set<String> updatedUris,
      Set<String> updatedTemplateIds,
      Catalog after,
      String principal) {
    this.listChanged = listChanged;
    this.updatedUris = updatedUris;
    this.updatedTemplateIds = updatedTemplateIds;
    this.after = after;
    this.principal = principal;
  }

  /** Changes given directly (for feeds that are not backed by a catalog, and tests). */
  public static CatalogChanges of(Set<String> listChanged, Set<String> updatedUris) {
    return new CatalogChanges(
        new LinkedHashSet<>(listChanged), new LinkedHashSet<>(updatedUris), Set.of(), null, null);
  }

  /** The difference between two snapshots for {@code principal}. */
  public static CatalogChanges between(Catalog before, Catalog after, String principal) {
    if (before.version() == after.version()) {
      return NONE;
    }
    Set<String> lists = new LinkedHashSet<>();
    if (differs(before.tools(), after.tools(), RegistryEntry::name, principal)) {
      lists.add(TOOLS_LIST_CHANGED);
    }
    if (differs(before.prompts(), after.prompts(), RegistryEntry::name, principal)) {
      lists.add(PROMPTS_LIST_CHANGED);
    }
    boolean resources =
        differs(before.resources(), after.resources(), RegistryEntry::uri, principal)
            || differs(
                before.templates(), after.templates(), RegistryEntry::uriTemplate, principal);
    if (resources) {
      lists.add(RESOURCES_LIST_CHANGED);
    }
    Set<String> uris = new HashSet<>();
    Map<String, RegistryEntry> old = index(before.resources(), RegistryEntry::uri, principal);
    index(after.resources(), RegistryEntry::uri, principal)
        .forEach(
            (uri, e) -> {
              RegistryEntry was = old.get(uri);
              if (was != null && !was.equals(e)) {
                uris.add(uri);
              }
            });
    Set<String> templateIds = new HashSet<>();
    Map<String, RegistryEntry> oldTemplates =
        index(before.templates(), RegistryEntry::uriTemplate, principal);
    index(after.templates(), RegistryEntry::uriTemplate, principal)
        .forEach(
            (t, e) -> {
              RegistryEntry was = oldTemplates.get(t);
              if (was != null && !was.equals(e)) {
                templateIds.add(e.id());
              }
            });
    if (lists.isEmpty() && uris.isEmpty() && templateIds.isEmpty()) {
      return NONE;
    }
    return new CatalogChanges(lists, uris, templateIds, after, principal);
  }

  /**
   * The list-changed notification methods that became due ({@link #TOOLS_LIST_CHANGED}, {@link
   * #PROMPTS_LIST_CHANGED}, {@link #RESOURCES_LIST_CHANGED}), in that order.
   */
  public Set<String> listChanged() {
    return listChanged;
  }

  /** The URIs among {@code subscribed} whose resource was updated, in the given order. */
  public List<String> updated(Collection<String> subscribed) {
    List<String> out = new ArrayList<>();
    for (String uri : subscribed) {
      if (uri == null || out.contains(uri)) {
        continue;
      }
      if (updatedUris.contains(uri)) {
        out.add(uri);
      } else if (!updatedTemplateIds.isEmpty()
          && after != null
          && after.resource(uri).isEmpty()
          && after
              .matchTemplate(uri, principal)
              .filter(m -> updatedTemplateIds.contains(m.entry().id()))
              .isPresent()) {
        out.add(uri);
      }
    }
    return out;
  }

  public boolean isEmpty() {
    return listChanged.isEmpty() && updatedUris.isEmpty() && updatedTemplateIds.isEmpty();
  }

  private static boolean differs(
      List<RegistryEntry> before,
      List<RegistryEntry> after,
      Function<RegistryEntry, String> key,
      String principal) {
    return !index(before, key, principal).equals(index(after, key, principal));
  }

  private static Map<String, RegistryEntry> index(
      List<RegistryEntry> entries, Function<RegistryEntry, String> key, String principal) {
    Map<String, RegistryEntry> out = new HashMap<>();
    for (RegistryEntry e : entries) {
      if (PrincipalPattern.allows(e.allowedPrincipals(), principal)) {
        out.putIfAbsent(Objects.requireNonNull(key.apply(e)), e);
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "CatalogChanges" + listChanged + updatedUris + updatedTemplateIds;
  }
}
