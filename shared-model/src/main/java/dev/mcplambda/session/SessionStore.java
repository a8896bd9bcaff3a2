package dev.mcplambda.session;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Sessions and their outbound message queues (DESIGN §4). Implementations: {@code
 * store.memory.InMemorySessionStore} and {@code store.dynamodb.DynamoDbSessionStore}; both pass
 * {@code SessionStoreContractTest}.
 *
 * <p>Cross-invocation delivery: whoever handles a POST calls {@link #append}; whoever holds the
 * session's stream calls {@link #poll} with the last sequence number it wrote out. Sequence numbers
 * are 1, 2, 3, … per session without gaps visible to {@code poll}: no message is lost or delivered
 * twice, even with concurrent appends from many processes.
 */
public interface SessionStore {

  /** Creates the session's meta item. */
  void create(SessionRecord session);

  /** The session, if it exists and has not expired. */
  Optional<SessionRecord> get(String sessionId);

  /** Replaces the meta item (log level, subscriptions, last seen, expiry). */
  void update(SessionRecord session);

  /** Deletes the session and its queued messages. Unknown ids are ignored. */
  void delete(String sessionId);

  /**
   * Queues an outbound message for the session's stream.
   *
   * @return the sequence number it was stored under
   */
  long append(String sessionId, String json);

  /**
   * Messages with {@code seq > afterSeq}, in order, contiguous from {@code afterSeq + 1}. Returns
   * as soon as at least one is available, or an empty list after {@code maxWait}. The in-memory
   * store wakes the waiter at once; the DynamoDB store polls.
   */
  List<StoredMessage> poll(String sessionId, long afterSeq, Duration maxWait)
      throws InterruptedException;
}
