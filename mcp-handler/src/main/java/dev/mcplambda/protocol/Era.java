package dev.mcplambda.protocol;

/** The transport era a request arrived through (docs/mcp-endpoints.md, Routing). */
public enum Era {
  /** 2024-11-05 HTTP+SSE: {@code GET /sse} + {@code POST /message?sessionId=}. */
  LEGACY_SSE,
  /** 2025-03-26 … 2025-11-25 Streamable HTTP with {@code initialize} and {@code Mcp-Session-Id}. */
  STREAMABLE_HTTP,
  /** 2026-07-28 stateless Streamable HTTP: per-request {@code _meta}, no sessions. */
  STATELESS
}
