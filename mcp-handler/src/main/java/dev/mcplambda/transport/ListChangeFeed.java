package dev.mcplambda.transport;

import dev.mcplambda.protocol.CatalogChanges;

/**
 * Where long-lived streams (2026-07-28 {@code subscriptions/listen}, the 2025 {@code GET /mcp}
 * stream and the 2024-11-05 {@code GET /sse} stream) learn about catalog changes. Each stream opens
 * its own {@link Watch}, positioned at the catalog as it is when the stream opens, and checks it
 * whenever {@link Watch#nextCheckAt()} comes. {@link CatalogChangeFeed} is backed by the registry's
 * catalog version, so writes made by the registration function in another process are seen.
 */
public interface ListChangeFeed {

  String TOOLS = CatalogChanges.TOOLS_LIST_CHANGED;
  String PROMPTS = CatalogChanges.PROMPTS_LIST_CHANGED;
  String RESOURCES = CatalogChanges.RESOURCES_LIST_CHANGED;
  String RESOURCE_UPDATED = CatalogChanges.RESOURCE_UPDATED;

  /** A watch for one stream of {@code principal} (entries it may not use are not reported). */
  Watch watch(String principal);

  /** One stream's view of the catalog. Not thread-safe: one stream, one thread. */
  interface Watch {

    /**
     * Wall-clock millis at which the next {@link #check()} is due; {@link Long#MAX_VALUE}: never.
     */
    long nextCheckAt();

    /**
     * Checks the catalog (at most one catalog-version read) and returns what changed since the
     * previous check (or since the watch opened); {@link CatalogChanges#NONE} when nothing did.
     */
    CatalogChanges check();
  }

  /** A watch that never reports anything. */
  Watch NEVER =
      new Watch() {
        @Override
        public long nextCheckAt() {
          return Long.MAX_VALUE;
        }

        @Override
        public CatalogChanges check() {
          return CatalogChanges.NONE;
        }
      };

  /** No change notifications. */
  ListChangeFeed NONE = principal -> NEVER;
}
