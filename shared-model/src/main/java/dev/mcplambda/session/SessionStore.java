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
 *
 * <p>Expiry: a session whose {@code expiresAt} (epoch seconds, {@code 0} = never) lies in the past
 * is treated as absent by every method, whether or not the backing store has removed it yet.
 *
 * <p>Every method may throw {@link SessionStoreUnavailableException} when the backing store fails.
 */
public interface SessionStore {

  /**
   * Creates the session's meta item. An expired session with the same id is replaced (its messages
   * are dropped, sequence numbers start again at 1).
   *
   * @throws SessionAlreadyExistsException if a live session has this id
   */
  void create(SessionRecord session);

  /** The session, if it exists and has not expired. */
  Optional<SessionRecord> get(String sessionId);

  /**
   * Replaces the meta item (log level, subscriptions, last seen, expiry). Has no effect when the
   * session is unknown, deleted or expired: an update never resurrects a session. The message
   * sequence is not touched.
   */
  void update(SessionRecord session);

  /** Deletes the session and its queued messages. Unknown ids are ignored. */
  void delete(String sessionId);

  /**
   * Queues an outbound message for the session's stream.
   *
   * @return the sequence number it was stored under
   * @throws SessionNotFoundException if the session is unknown, deleted or expired
   */
  long append(String sessionId, String json);

  /**
   * Messages with {@code seq > afterSeq}, in order, contiguous from {@code afterSeq + 1}. Returns
   * as soon as at least one is available, or an empty list after {@code maxWait}. The in-memory
   * store wakes the waiter at once; the DynamoDB store polls.
   *
   * <p>May return fewer than all available messages (an implementation may page); call again with
   * the last sequence number returned. Returns an empty list for an unknown, deleted or expired
   * session, and a waiting poll returns soon after its session is deleted.
   *
   * @throws IllegalArgumentException if {@code afterSeq} is negative
   */
  List<StoredMessage> poll(String sessionId, long afterSeq, Duration maxWait)
      throws InterruptedException;
}
