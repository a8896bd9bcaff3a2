package dev.mcplambda.registry;

import java.util.List;

/** One page of a registry listing; {@code nextCursor} is {@code null} on the last page. */
public record RegistryPage(List<RegistryEntry> entries, String nextCursor) {
  public RegistryPage {
    entries = List.copyOf(entries);
  }
}
