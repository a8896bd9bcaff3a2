package dev.mcplambda.session;

/**
 * Per-principal caps on open streams (SSE {@code GET /sse}, {@code GET /mcp}, 2026 {@code
 * subscriptions/listen}): each open stream holds one of at most {@code max} numbered slots of its
 * principal until it ends or its lease expires. Shared by every container (the DynamoDB
 * implementation keeps the slots in the session table), so the cap holds across the fleet. A lease
 * expires on its own at the stream's planned end, so a container that dies mid-stream frees the
 * slot by then at the latest.
 */
public interface StreamLeases {

  /** The outcome of {@link #acquire}. */
  sealed interface Outcome permits Granted, Full {}

  /** A slot is held until {@link #release} or {@code expiresAtMillis}. */
  record Granted(String principal, int slot, String holder, long expiresAtMillis)
      implements Outcome {}

  /** Every slot is held; the earliest frees in {@code retryAfterSeconds} (at least 1). */
  record Full(long retryAfterSeconds) implements Outcome {}

  /**
   * Takes a free (or expired) slot of {@code principal}.
   *
   * @param max the principal's cap (at least 1)
   * @param expiresAtMillis when the lease ends by itself (the stream's planned end)
   * @throws SessionStoreUnavailableException if the backing service fails
   */
  Outcome acquire(String principal, int max, long expiresAtMillis);

  /** Frees the slot if this lease still holds it. Never throws. */
  void release(Granted lease);
}
