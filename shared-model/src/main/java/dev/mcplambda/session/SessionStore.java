package dev.mcplambda.session;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

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
 * <p>Inbound responses (2025 sessions): a server-to-client request the orchestrator sent on the
 * session's stream ({@code sampling/createMessage}, {@code elicitation/create}, {@code roots/list})
 * is answered by a POSTed JSON-RPC response that may reach another process. The sender calls {@link
 * #expectResponse} before sending, whoever receives the POST calls {@link #putResponse}, and the
 * sender collects the answer with {@link #awaitResponse}. Only expected ids of the same session are
 * accepted, each at most once; these items never appear in {@link #poll}.
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
   * Sets the attributes {@code changes} names and leaves every other one as stored, atomically per
   * call: two updates of different attributes from different processes never undo each other,
   * whatever order they land in (no read-modify-write of the whole record). Has no effect when the
   * session is unknown, deleted or expired: an update never resurrects a session. The message
   * sequence is not touched.
   */
  void update(String sessionId, SessionUpdate changes);

  /**
   * Replaces the session's {@code subscriptions} state with {@code change} applied to the stored
   * value, as an atomic read-modify-write: when another process changes the state in between, the
   * change is applied again to the newer value (optimistic concurrency, retried), so concurrent
   * subscribes and unsubscribes are never lost. {@code change} may therefore run more than once and
   * must not have side effects beyond its result; returning its argument writes nothing.
   *
   * @return the state now stored, or empty (nothing written) for an unknown, deleted or expired
   *     session
   * @throws SessionStoreUnavailableException also when the state stays contended after many
   *     attempts
   */
  Optional<JsonNode> updateSubscriptions(String sessionId, UnaryOperator<JsonNode> change);

  /**
   * Largest message body {@link #append} and {@link #putResponse} accept, in UTF-8 bytes: what fits
   * a DynamoDB item (400 KB) with its keys and attributes.
   */
  int MAX_MESSAGE_BYTES = 390_000;

  /** Deletes the session and its queued messages. Unknown ids are ignored. */
  void delete(String sessionId);

  /**
   * Queues an outbound message for the session's stream.
   *
   * @return the sequence number it was stored under
   * @throws SessionNotFoundException if the session is unknown, deleted or expired
   * @throws MessageTooLargeException if {@code json} is over {@link #MAX_MESSAGE_BYTES} (nothing is
   *     queued and no sequence number is taken)
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

  /** Longest request id {@link #expectResponse} accepts ({@link #putResponse} ignores longer). */
  int MAX_REQUEST_ID_CHARS = 200;

  /**
   * Registers a server-to-client request of this session that awaits the client's response. The
   * expectation ends when {@link #awaitResponse} returns or the session is deleted (the DynamoDB
   * store also gives it a TTL).
   *
   * @param requestId the request's JSON-RPC id as text, 1 to {@link #MAX_REQUEST_ID_CHARS} chars
   * @throws SessionNotFoundException if the session is unknown, deleted or expired
   * @throws IllegalArgumentException if {@code requestId} is empty or too long
   */
  void expectResponse(String sessionId, String requestId);

  /**
   * Delivers a client's response to a request of this session.
   *
   * @param json the whole JSON-RPC response as sent by the client
   * @return {@code true} if it was stored: the id was expected for this session and not yet
   *     answered; {@code false} (nothing stored) for an unknown id, an id of another session, an
   *     expectation that already ended, a second response, or an unknown or expired session
   * @throws MessageTooLargeException if {@code json} is over {@link #MAX_MESSAGE_BYTES}
   */
  boolean putResponse(String sessionId, String requestId, String json);

  /**
   * The response to an expected request: returns as soon as it is available, or empty after {@code
   * maxWait}. Ends the expectation whatever the outcome, so a response arriving later is refused by
   * {@link #putResponse}. Returns empty at once for an id that is not expected (never was, or
   * already ended) and soon after the session is deleted. One waiter per request id.
   */
  Optional<String> awaitResponse(String sessionId, String requestId, Duration maxWait)
      throws InterruptedException;
}
