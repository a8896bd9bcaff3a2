package dev.mcplambda.session;

/** One outbound JSON-RPC message queued for a session's stream, in sequence order (from 1). */
public record StoredMessage(long seq, String json) {}
