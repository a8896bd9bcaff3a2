package dev.mcplambda.protocol;

import dev.mcplambda.registry.EntryType;
import dev.mcplambda.registry.PrincipalPattern;
import dev.mcplambda.registry.RegistryEntry;
import dev.mcplambda.uri.UriTemplate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An immutable snapshot of the registry at one catalog version: entries by type in deterministic
 * order (tools and prompts by name, resources by uri, templates by uri template) and indexed by
 * name/uri.
 */
public final class Catalog {

  private static final Logger LOG = LoggerFactory.getLogger(Catalog.class);

  /** A resource template that matched a uri, with the variables. */
  public record TemplateMatch(RegistryEntry entry, Map<String, String> variables) {}

  private record CompiledTemplate(RegistryEntry entry, UriTemplate template) {}

  /** By {@link #sortKey}. */
  private static final Comparator<RegistryEntry> BY_SORT_KEY =
      (a, b) -> sortKey(a).compareTo(sortKey(b));

  /** Most specific first: more literal characters, then template text for determinism. */
  private static final Comparator<CompiledTemplate> MOST_SPECIFIC_FIRST =
      (a, b) -> {
        int byLiterals =
            Integer.compare(b.template().literalLength(), a.template().literalLength());
        return byLiterals != 0
            ? byLiterals
            : a.template().template().compareTo(b.template().template());
      };

  private final long version;
  private final List<RegistryEntry> tools;
  private final List<RegistryEntry> prompts;
  private final List<RegistryEntry> resources;
  private final List<RegistryEntry> templates;
  private final Map<String, RegistryEntry> toolsByName = new HashMap<>();
  private final Map<String, RegistryEntry> promptsByName = new HashMap<>();
  private final Map<String, RegistryEntry> resourcesByUri = new HashMap<>();
  private final Map<String, RegistryEntry> templatesByTemplate = new HashMap<>();
  private final List<CompiledTemplate> compiled;
  private final boolean restricted;

  public Catalog(long version, List<RegistryEntry> entries) {
    this.version = version;
    List<RegistryEntry> t = new ArrayList<>();
    List<RegistryEntry> p = new ArrayList<>();
    List<RegistryEntry> r = new ArrayList<>();
    List<RegistryEntry> rt = new ArrayList<>();
    boolean anyRestricted = false;
    for (RegistryEntry e : entries) {
      if (e == null || e.type() == null) {
        continue;
      }
      anyRestricted |= e.allowedPrincipals() != null && !e.allowedPrincipals().isEmpty();
      if (e.type() == EntryType.TOOL && e.name() != null) {
        t.add(e);
      } else if (e.type() == EntryType.PROMPT && e.name() != null) {
        p.add(e);
      } else if (e.type() == EntryType.RESOURCE && e.uri() != null) {
        r.add(e);
      } else if (e.type() == EntryType.RESOURCE && e.uriTemplate() != null) {
        rt.add(e);
      }
    }
    t.sort(BY_SORT_KEY);
    p.sort(BY_SORT_KEY);
    r.sort(BY_SORT_KEY);
    rt.sort(BY_SORT_KEY);
    this.tools = Collections.unmodifiableList(t);
    this.prompts = Collections.unmodifiableList(p);
    this.resources = Collections.unmodifiableList(r);
    this.templates = Collections.unmodifiableList(rt);
    // plain loops and one comparator per order: every lambda site costs a class at cold start
    for (RegistryEntry e : t) {
      toolsByName.putIfAbsent(e.name(), e);
    }
    for (RegistryEntry e : p) {
      promptsByName.putIfAbsent(e.name(), e);
    }
    for (RegistryEntry e : r) {
      resourcesByUri.putIfAbsent(e.uri(), e);
    }
    for (RegistryEntry e : rt) {
      templatesByTemplate.putIfAbsent(e.uriTemplate(), e);
    }
    List<CompiledTemplate> c = new ArrayList<>();
    for (RegistryEntry e : rt) {
      Optional<UriTemplate> template = UriTemplate.compile(e.uriTemplate());
      if (template.isPresent()) {
        c.add(new CompiledTemplate(e, template.get()));
      } else {
        // registered before the grammar got stricter (e.g. adjacent expressions {a}{b})
        LOG.warn(
            "resource template of entry '{}' matches nothing: {}",
            e.id(),
            UriTemplate.problem(e.uriTemplate()).orElse("invalid"));
      }
    }
    if (c.size() > 1) {
      c.sort(MOST_SPECIFIC_FIRST);
    }
    this.compiled = List.copyOf(c);
    this.restricted = anyRestricted;
  }

  /**
   * The order of every list and the key list cursors point at: name (tools, prompts), uri
   * (resources) or uri template, then id to break ties.
   */
  public static String sortKey(RegistryEntry e) {
    String primary =
        switch (e.type()) {
          case TOOL, PROMPT -> e.name();
          case RESOURCE -> e.uri() != null ? e.uri() : e.uriTemplate();
        };
    return primary + '\u0000' + (e.id() == null ? "" : e.id());
  }

  public static Catalog empty() {
    return new Catalog(-1, List.of());
  }

  public long version() {
    return version;
  }

  public List<RegistryEntry> tools() {
    return tools;
  }

  public List<RegistryEntry> prompts() {
    return prompts;
  }

  /** Resources with a concrete {@code uri}. */
  public List<RegistryEntry> resources() {
    return resources;
  }

  /** Resources with a {@code uriTemplate}. */
  public List<RegistryEntry> templates() {
    return templates;
  }

  /** Whether {@code other} holds exactly the same entries (whatever its version). */
  public boolean sameEntries(Catalog other) {
    return tools.equals(other.tools)
        && prompts.equals(other.prompts)
        && resources.equals(other.resources)
        && templates.equals(other.templates);
  }

  /** Whether any entry carries {@code allowedPrincipals} (lists then vary per caller). */
  public boolean hasRestrictedEntries() {
    return restricted;
  }

  public Optional<RegistryEntry> tool(String name) {
    return Optional.ofNullable(toolsByName.get(name));
  }

  public Optional<RegistryEntry> prompt(String name) {
    return Optional.ofNullable(promptsByName.get(name));
  }

  public Optional<RegistryEntry> resource(String uri) {
    return Optional.ofNullable(resourcesByUri.get(uri));
  }

  public Optional<RegistryEntry> template(String uriTemplate) {
    return Optional.ofNullable(templatesByTemplate.get(uriTemplate));
  }

  /**
   * The most specific template (most literal characters) that {@code uri} expands from, among those
   * {@code principal} may use.
   */
  public Optional<TemplateMatch> matchTemplate(String uri, String principal) {
    for (CompiledTemplate c : compiled) {
      if (!PrincipalPattern.allows(c.entry().allowedPrincipals(), principal)) {
        continue;
      }
      Optional<Map<String, String>> vars = c.template().match(uri);
      if (vars.isPresent()) {
        return Optional.of(new TemplateMatch(c.entry(), vars.get()));
      }
    }
    return Optional.empty();
  }
}
