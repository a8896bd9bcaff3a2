package dev.mcplambda.transport;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcplambda.protocol.Catalog;
import dev.mcplambda.protocol.CatalogCache;
import dev.mcplambda.registry.RegistryEntry;
import java.util.Optional;

/**
 * Tool input schemas from the dispatcher's {@link CatalogCache}, revalidated at most once per
 * {@code refreshMillis} (the dispatcher itself revalidates on every request; header validation
 * tolerates a schema that is that much stale rather than paying a second registry read).
 */
public final class CachedToolInputSchemas implements ToolInputSchemas {

  private final CatalogCache catalog;
  private final long refreshMillis;
  private volatile Catalog current;
  private volatile long loadedAt;

  public CachedToolInputSchemas(CatalogCache catalog, long refreshMillis) {
    this.catalog = catalog;
    this.refreshMillis = refreshMillis;
  }

  @Override
  public Optional<JsonNode> inputSchema(String toolName) {
    long now = System.currentTimeMillis();
    Catalog c = current;
    if (c == null || now - loadedAt >= refreshMillis) {
      c = catalog.current();
      current = c;
      loadedAt = now;
    }
    return c.tool(toolName).map(RegistryEntry::inputSchema);
  }
}
