package dev.mcplambda.store.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcplambda.json.Json;
import dev.mcplambda.session.MessageTooLargeException;
import dev.mcplambda.session.SessionAlreadyExistsException;
import dev.mcplambda.session.SessionNotFoundException;
import dev.mcplambda.session.SessionRecord;
import dev.mcplambda.session.SessionStore;
import dev.mcplambda.session.SessionStoreUnavailableException;
import dev.mcplambda.session.SessionUpdate;
import dev.mcplambda.session.StoredMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * A {@link SessionStore} on one DynamoDB table (tables: template.yaml, storage).
 *
 * <h2>Table layout</h2>
 *
 * Partition key {@code sessionId} (S), sort key {@code sk} (S):
 *
 * <ul>
 *   <li>{@code sk = "meta"}: every {@link SessionRecord} field ({@code clientInfo}, {@code
 *       clientCapabilities} and {@code subscriptions} as JSON strings; absent values left out) plus
 *       {@code nextSeq} (N), the last sequence number handed out.
 *   <li>{@code sk = "msg#<seq, 20 digits zero-padded>"}: one outbound message each, attributes
 *       {@code body} (S, the JSON text) and {@code writtenAt} (N, epoch millis of the writer's
 *       clock).
 *   <li>{@code sk = "rsp#<request id>"}: a server-to-client request awaiting the client's response
 *       ({@link #expectResponse}); {@code body} (S) once the response arrived. Its {@code
 *       expiresAt} is {@link #RESPONSE_TTL} after it was expected (no wait outlives a Lambda
 *       invocation).
 * </ul>
 *
 * Every item carries the TTL attribute {@code expiresAt} (epoch seconds) when the session has an
 * expiry; messages copy the session's value at the time they are appended. Correctness never
 * depends on TTL deletion (which is lazy, and which dynalite does not do at all): {@link #get}
 * treats an expired session as absent, and {@link #delete} removes the meta item and all messages.
 *
 * <h2>Updates without lost updates</h2>
 *
 * {@link #update} is one {@code UpdateItem} that {@code SET}s only the attributes it names (never a
 * whole-item put), conditional on the session being live, so concurrent updates of different
 * attributes from different invocations all survive. {@link #updateSubscriptions} is a
 * compare-and-set: read the {@code subscriptions} text, apply the change, write it on the condition
 * that the attribute still holds the text read (or is still absent); on a failed condition read
 * again and retry, up to 20 times.
 *
 * <h2>Delivery guarantee</h2>
 *
 * {@link #append} takes the next sequence number from an atomic counter on the meta item ({@code
 * UpdateItem ADD nextSeq :one}, conditional on the session existing and not being expired), then
 * writes the message item under that number. Two concurrent appenders, in one process or in
 * separate Lambda invocations, therefore never share a number, and numbers have no gaps. {@link
 * #poll} reads with strongly consistent Queries and only ever returns a run contiguous from {@code
 * afterSeq + 1}: if message {@code n + 1} is already visible but {@code n} is not, {@code n}'s
 * writer is between its counter update and its put, and the poll waits for it. So a reader that
 * always passes the last sequence number it received gets every message exactly once, in order.
 *
 * <p>The one failure mode: a writer that dies (or stalls) between taking a number and writing the
 * message leaves a hole that would block the stream for ever. A poll therefore waits for a missing
 * number only until a later message has been in the table for {@link #GAP_GRACE} (5 s, measured
 * with the message's {@code writtenAt}; the missing number was taken before that later one); then
 * it skips the hole, logs a WARN and returns the later messages. The dead writer's message is lost,
 * and its {@code append} has not returned a sequence number (it died or threw). To keep a merely
 * slow writer from being skipped, the message put runs with a {@link #PUT_TIMEOUT} (3 s) API-call
 * timeout, well inside the grace: a writer either writes in time or its {@code append} fails.
 *
 * <p>Deleting a session while an append is between its counter update and its put may leave that
 * one message item behind; it carries the TTL attribute, and a session id is never reused while its
 * session is live.
 *
 * <h2>Polling and latency</h2>
 *
 * A waiting {@link #poll} queries once every poll interval (default {@link #DEFAULT_POLL_INTERVAL},
 * 50 ms) while its session is active, so a message written by another process while a stream waits
 * is relayed after about half an interval plus one Query on average: the relay budget is p50 ≤
 * interval ÷ 2 + 10 ms. A message appended by <em>this</em> process is handed to a waiting poll of
 * the same session at once, without a Query ({@link PollCadence}). An idle session (no message for
 * 2 s) is queried less often: every tenth of its idle time, at most every {@link
 * #DEFAULT_IDLE_MAX_INTERVAL} (1 s); the next message snaps it back. Each waiting poll costs one
 * Query per interval plus one {@code GetItem} of the meta item per second (so that a deleted or
 * expired session ends the wait). A poll returns at most {@link #PAGE_SIZE} messages.
 *
 * <p>SDK types never leave this class: failures of the service become {@link
 * SessionStoreUnavailableException}.
 */
public final class DynamoDbSessionStore implements SessionStore {

  /** Default time between two Queries of a waiting {@link #poll}. */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(50);

  /** Default longest time between two Queries of a waiting {@link #poll} of an idle session. */
  public static final Duration DEFAULT_IDLE_MAX_INTERVAL = PollCadence.DEFAULT_IDLE_MAX;

  /** How long a poll waits for a sequence number that was taken but never written. */
  public static final Duration GAP_GRACE = Duration.ofSeconds(5);

  /** API-call timeout of the message put in {@link #append}; shorter than {@link #GAP_GRACE}. */
  public static final Duration PUT_TIMEOUT = Duration.ofSeconds(3);

  /** Most messages one {@link #poll} returns. */
  public static final int PAGE_SIZE = 100;

  static final String PK = "sessionId";
  static final String SK = "sk";
  static final String META = "meta";
  static final String MSG_PREFIX = "msg#";
  static final String EXPIRES_AT = "expiresAt";
  static final String NEXT_SEQ = "nextSeq";
  static final String BODY = "body";
  static final String WRITTEN_AT = "writtenAt";
  static final String RSP_PREFIX = "rsp#";

  /** TTL of a {@code rsp#} item: longer than any Lambda invocation waits for it. */
  public static final Duration RESPONSE_TTL = Duration.ofHours(1);

  private static final String MSG_LAST = MSG_PREFIX + "9".repeat(20);
  private static final Duration META_RECHECK = Duration.ofSeconds(1);
  private static final int BATCH_SIZE = 25;
  private static final int BATCH_ATTEMPTS = 8;
  private static final int CAS_ATTEMPTS = 20;
  private static final String SUBSCRIPTIONS = "subscriptions";
  private static final String LIVE_CONDITION =
      "attribute_exists(#sk) AND (attribute_not_exists(#exp) OR #exp >= :minLive)";

  private static final Logger LOG = LoggerFactory.getLogger(DynamoDbSessionStore.class);

  private final DynamoDbClient client;
  private final String tableName;
  private final Clock clock;
  private final long pollIntervalNanos;
  private final PollCadence cadence;

  /** A store with the system clock and the {@link #DEFAULT_POLL_INTERVAL}. */
  public DynamoDbSessionStore(DynamoDbClient client, String tableName) {
    this(client, tableName, Clock.systemUTC(), DEFAULT_POLL_INTERVAL);
  }

  /**
   * @param clock decides expiry and stamps {@code writtenAt}
   * @param pollInterval time between two Queries of a waiting {@link #poll}
   */
  public DynamoDbSessionStore(
      DynamoDbClient client, String tableName, Clock clock, Duration pollInterval) {
    this(client, tableName, clock, pollInterval, DEFAULT_IDLE_MAX_INTERVAL);
  }

  /**
   * @param pollInterval time between two Queries of a waiting {@link #poll} of an active session
   * @param idleMaxInterval the longest time between two Queries of an idle session (set it to
   *     {@code pollInterval} for a fixed rate)
   */
  public DynamoDbSessionStore(
      DynamoDbClient client,
      String tableName,
      Clock clock,
      Duration pollInterval,
      Duration idleMaxInterval) {
    this.client = Objects.requireNonNull(client, "client");
    this.tableName = Objects.requireNonNull(tableName, "tableName");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("pollInterval must be positive");
    }
    this.pollIntervalNanos = pollInterval.toNanos();
    this.cadence =
        new PollCadence(pollInterval, PollCadence.DEFAULT_ACTIVE_WINDOW, idleMaxInterval);
  }

  @Override
  public void create(SessionRecord session) {
    Map<String, AttributeValue> item = metaItem(session);
    try {
      if (putMetaIfAbsent(item)) {
        return;
      }
      if (isLive(session.sessionId())) {
        throw new SessionAlreadyExistsException("session already exists");
      }
      // an expired session that TTL has not removed yet: drop it with its messages, start afresh
      delete(session.sessionId());
      if (!putMetaIfAbsent(item)) {
        throw new SessionAlreadyExistsException("session already exists");
      }
    } catch (SdkException e) {
      throw unavailable("create", e);
    }
  }

  private boolean putMetaIfAbsent(Map<String, AttributeValue> item) {
    try {
      client.putItem(
          b ->
              b.tableName(tableName)
                  .item(item)
                  .conditionExpression("attribute_not_exists(#sk)")
                  .expressionAttributeNames(Map.of("#sk", SK)));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  @Override
  public Optional<SessionRecord> get(String sessionId) {
    if (sessionId == null) {
      return Optional.empty();
    }
    Map<String, AttributeValue> item;
    try {
      item =
          client
              .getItem(b -> b.tableName(tableName).key(key(sessionId, META)).consistentRead(true))
              .item();
    } catch (SdkException e) {
      throw unavailable("get", e);
    }
    if (item == null || item.isEmpty() || expired(item)) {
      return Optional.empty();
    }
    return Optional.of(toRecord(item));
  }

  @Override
  public void update(String sessionId, SessionUpdate changes) {
    if (sessionId == null || sessionId.isEmpty()) {
      return;
    }
    Map<String, AttributeValue> fields = new LinkedHashMap<>();
    if (changes.protocolVersion() != null) {
      fields.put("protocolVersion", string(changes.protocolVersion()));
    }
    if (changes.clientInfo() != null) {
      fields.put("clientInfo", json(changes.clientInfo()));
    }
    if (changes.clientCapabilities() != null) {
      fields.put("clientCapabilities", json(changes.clientCapabilities()));
    }
    if (changes.logLevel() != null) {
      fields.put("logLevel", string(changes.logLevel()));
    }
    if (changes.lastSeenAt() != null) {
      fields.put("lastSeenAt", number(changes.lastSeenAt()));
    }
    if (changes.expiresAt() != null) {
      // 0 = never: the attribute goes
      fields.put(EXPIRES_AT, changes.expiresAt() > 0 ? number(changes.expiresAt()) : null);
    }
    if (fields.isEmpty()) {
      return;
    }
    setOrRemove(sessionId, fields, null, "update");
  }

  @Override
  public Optional<JsonNode> updateSubscriptions(String sessionId, UnaryOperator<JsonNode> change) {
    if (sessionId == null || sessionId.isEmpty()) {
      return Optional.empty();
    }
    for (int attempt = 1; attempt <= CAS_ATTEMPTS; attempt++) {
      Map<String, AttributeValue> item;
      try {
        item =
            client
                .getItem(
                    b ->
                        b.tableName(tableName)
                            .key(key(sessionId, META))
                            .consistentRead(true)
                            .projectionExpression("#sk, #exp, #subs")
                            .expressionAttributeNames(
                                Map.of("#sk", SK, "#exp", EXPIRES_AT, "#subs", SUBSCRIPTIONS)))
                .item();
      } catch (SdkException e) {
        throw unavailable("updateSubscriptions", e);
      }
      if (item == null || item.isEmpty() || expired(item)) {
        return Optional.empty();
      }
      AttributeValue stored = item.get(SUBSCRIPTIONS);
      JsonNode current = jsonOf(item, SUBSCRIPTIONS);
      JsonNode next = change.apply(current == null ? null : current.deepCopy());
      if (Objects.equals(next, current)) {
        return Optional.ofNullable(current);
      }
      Map<String, AttributeValue> fields = new HashMap<>();
      fields.put(SUBSCRIPTIONS, json(next));
      if (setOrRemove(
          sessionId, fields, stored == null ? NOT_STORED : stored, "updateSubscriptions")) {
        return Optional.ofNullable(next);
      }
      // someone else changed the state (or the session went): read again
    }
    throw new SessionStoreUnavailableException(
        "session store: subscriptions of one session still contended after "
            + CAS_ATTEMPTS
            + " attempts",
        null);
  }

  /** Marks "the attribute must be absent" as the expected value of a compare-and-set. */
  private static final AttributeValue NOT_STORED = AttributeValue.fromNul(true);

  /**
   * One conditional UpdateItem of the meta item: {@code SET} the non-null {@code fields}, {@code
   * REMOVE} the null ones, only while the session is live and, with {@code expectedSubscriptions},
   * while the subscriptions attribute still holds that value ({@link #NOT_STORED}: is absent).
   *
   * @return false if a condition failed (nothing written)
   */
  private boolean setOrRemove(
      String sessionId,
      Map<String, AttributeValue> fields,
      AttributeValue expectedSubscriptions,
      String operation) {
    Map<String, String> names = new HashMap<>();
    Map<String, AttributeValue> values = new HashMap<>();
    List<String> set = new ArrayList<>();
    List<String> remove = new ArrayList<>();
    int i = 0;
    for (Map.Entry<String, AttributeValue> field : fields.entrySet()) {
      String name = "#f" + i;
      names.put(name, field.getKey());
      if (field.getValue() == null) {
        remove.add(name);
      } else {
        values.put(":f" + i, field.getValue());
        set.add(name + " = :f" + i);
      }
      i++;
    }
    names.put("#sk", SK);
    names.put("#exp", EXPIRES_AT);
    values.put(":minLive", number(minLiveExpiresAt()));
    String condition = LIVE_CONDITION;
    if (expectedSubscriptions != null) {
      names.put("#subs", SUBSCRIPTIONS);
      if (expectedSubscriptions == NOT_STORED) {
        condition += " AND attribute_not_exists(#subs)";
      } else {
        values.put(":oldSubs", expectedSubscriptions);
        condition += " AND #subs = :oldSubs";
      }
    }
    String expression =
        (set.isEmpty() ? "" : "SET " + String.join(", ", set))
            + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove));
    String finalCondition = condition;
    try {
      client.updateItem(
          b ->
              b.tableName(tableName)
                  .key(key(sessionId, META))
                  .updateExpression(expression.strip())
                  .conditionExpression(finalCondition)
                  .expressionAttributeNames(names)
                  .expressionAttributeValues(values));
      return true;
    } catch (ConditionalCheckFailedException e) {
      LOG.debug("session {} not applied: a condition failed", operation);
      return false;
    } catch (SdkException e) {
      throw unavailable(operation, e);
    }
  }

  @Override
  public void delete(String sessionId) {
    if (sessionId == null) {
      return;
    }
    try {
      // the meta item first: from here on appends fail and polls end
      client.deleteItem(b -> b.tableName(tableName).key(key(sessionId, META)));
      List<WriteRequest> pending = new ArrayList<>();
      QueryRequest query =
          QueryRequest.builder()
              .tableName(tableName)
              .keyConditionExpression("#pk = :id")
              .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
              .expressionAttributeValues(Map.of(":id", string(sessionId)))
              .projectionExpression("#pk, #sk")
              .consistentRead(true)
              .build();
      for (Map<String, AttributeValue> item : client.queryPaginator(query).items()) {
        pending.add(
            WriteRequest.builder()
                .deleteRequest(DeleteRequest.builder().key(Map.copyOf(item)).build())
                .build());
        if (pending.size() == BATCH_SIZE) {
          batchDelete(pending);
          pending = new ArrayList<>();
        }
      }
      if (!pending.isEmpty()) {
        batchDelete(pending);
      }
    } catch (SdkException e) {
      throw unavailable("delete", e);
    }
  }

  /** One BatchWriteItem, resubmitting unprocessed items with backoff. */
  private void batchDelete(List<WriteRequest> requests) {
    List<WriteRequest> left = requests;
    for (int attempt = 1; ; attempt++) {
      List<WriteRequest> toSend = left;
      BatchWriteItemResponse response =
          client.batchWriteItem(b -> b.requestItems(Map.of(tableName, toSend)));
      left = response.unprocessedItems().getOrDefault(tableName, List.of());
      if (left.isEmpty()) {
        return;
      }
      if (attempt == BATCH_ATTEMPTS) {
        throw new SessionStoreUnavailableException(
            "session store unavailable: delete left " + left.size() + " items unprocessed", null);
      }
      try {
        Thread.sleep(Math.min(1000L, 25L << attempt));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SessionStoreUnavailableException("session store: delete interrupted", e);
      }
    }
  }

  @Override
  public long append(String sessionId, String json) {
    Objects.requireNonNull(json, "json");
    MessageTooLargeException.check("a message", json);
    Allocation allocation = allocate(sessionId);
    write(sessionId, allocation.seq(), json, allocation.expiresAt());
    cadence.appended(sessionId, allocation.seq(), json);
    return allocation.seq();
  }

  /** A sequence number taken from the session's counter, and the session's expiry then. */
  record Allocation(long seq, long expiresAt) {}

  /** Step one of {@link #append}: takes the next sequence number. */
  Allocation allocate(String sessionId) {
    if (sessionId == null) {
      throw new SessionNotFoundException("no such session (unknown, deleted or expired)");
    }
    Map<String, AttributeValue> meta;
    try {
      meta =
          client
              .updateItem(
                  b ->
                      b.tableName(tableName)
                          .key(key(sessionId, META))
                          .updateExpression("ADD #next :one")
                          .conditionExpression(LIVE_CONDITION)
                          .expressionAttributeNames(
                              Map.of("#next", NEXT_SEQ, "#sk", SK, "#exp", EXPIRES_AT))
                          .expressionAttributeValues(
                              Map.of(":one", number(1), ":minLive", number(minLiveExpiresAt())))
                          .returnValues(ReturnValue.ALL_NEW))
              .attributes();
    } catch (ConditionalCheckFailedException e) {
      throw new SessionNotFoundException("no such session (unknown, deleted or expired)");
    } catch (SdkException e) {
      throw unavailable("append", e);
    }
    return new Allocation(
        ItemAttributes.number(meta, NEXT_SEQ), ItemAttributes.number(meta, EXPIRES_AT));
  }

  /** Step two of {@link #append}: writes the message under its sequence number. */
  void write(String sessionId, long seq, String json, long expiresAt) {
    Map<String, AttributeValue> item = new HashMap<>(key(sessionId, msgKey(seq)));
    item.put(BODY, string(json));
    item.put(WRITTEN_AT, number(clock.millis()));
    if (expiresAt > 0) {
      item.put(EXPIRES_AT, number(expiresAt));
    }
    try {
      client.putItem(
          b ->
              b.tableName(tableName)
                  .item(item)
                  .overrideConfiguration(o -> o.apiCallTimeout(PUT_TIMEOUT)));
    } catch (SdkException e) {
      throw unavailable("append", e);
    }
  }

  @Override
  public List<StoredMessage> poll(String sessionId, long afterSeq, Duration maxWait)
      throws InterruptedException {
    if (afterSeq < 0) {
      throw new IllegalArgumentException("afterSeq must not be negative");
    }
    long start = System.nanoTime();
    long deadline = start + Math.max(0, maxWait.toNanos());
    PollCadence.Session watched = cadence.watch(sessionId);
    try {
      if (!isLive(sessionId)) {
        return List.of();
      }
      long lastMetaCheck = start;
      long next = afterSeq + 1;
      while (true) {
        long seen = cadence.appends(watched);
        List<StoredMessage> handedOver = cadence.takeFrom(watched, next);
        if (!handedOver.isEmpty()) {
          return handedOver;
        }
        long queriedAt = System.nanoTime();
        List<Map<String, AttributeValue>> items = queryMessages(sessionId, next);
        if (!items.isEmpty()) {
          long first = seqOf(items.get(0));
          if (first > next && holeIsAbandoned(items.get(0))) {
            LOG.warn(
                "session stream skips sequence numbers {}..{}: taken more than {} ms ago but never"
                    + " written (the writer died or failed); those messages are lost",
                next,
                first - 1,
                GAP_GRACE.toMillis());
            next = first;
          }
          if (first == next) {
            cadence.delivered(watched);
            return contiguousRun(items, next);
          }
          // else: a writer is between its counter update and its put; wait for it
        }
        long now = System.nanoTime();
        if (now - deadline >= 0) {
          return List.of();
        }
        if (now - lastMetaCheck >= META_RECHECK.toNanos()) {
          if (!isLive(sessionId)) {
            return List.of();
          }
          lastMetaCheck = now;
        }
        // the next Query one interval after the last one began (no burst when a Query was slow)
        long sleep = Math.min(queriedAt + cadence.intervalNanos(watched) - now, deadline - now);
        if (sleep > 0) {
          cadence.await(watched, seen, sleep);
        }
      }
    } catch (SdkException e) {
      throw unavailable("poll", e);
    } finally {
      cadence.unwatch(sessionId, watched);
    }
  }

  private List<Map<String, AttributeValue>> queryMessages(String sessionId, long fromSeq) {
    return client
        .query(
            b ->
                b.tableName(tableName)
                    .keyConditionExpression("#pk = :id AND #sk BETWEEN :from AND :to")
                    .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                    .expressionAttributeValues(
                        Map.of(
                            ":id", string(sessionId),
                            ":from", string(msgKey(fromSeq)),
                            ":to", string(MSG_LAST)))
                    .consistentRead(true)
                    .limit(PAGE_SIZE))
        .items();
  }

  /** True when the message after a hole was written more than {@link #GAP_GRACE} ago. */
  private boolean holeIsAbandoned(Map<String, AttributeValue> firstAfterHole) {
    return clock.millis() - ItemAttributes.number(firstAfterHole, WRITTEN_AT)
        > GAP_GRACE.toMillis();
  }

  private static List<StoredMessage> contiguousRun(
      List<Map<String, AttributeValue>> items, long from) {
    List<StoredMessage> run = new ArrayList<>();
    long expected = from;
    for (Map<String, AttributeValue> item : items) {
      long seq = seqOf(item);
      if (seq != expected) {
        break;
      }
      run.add(new StoredMessage(seq, item.get(BODY).s()));
      expected++;
    }
    return run;
  }

  private boolean isLive(String sessionId) {
    if (sessionId == null) {
      return false;
    }
    Map<String, AttributeValue> item =
        client
            .getItem(
                b ->
                    b.tableName(tableName)
                        .key(key(sessionId, META))
                        .consistentRead(true)
                        .projectionExpression("#sk, #exp")
                        .expressionAttributeNames(Map.of("#sk", SK, "#exp", EXPIRES_AT)))
            .item();
    return item != null && !item.isEmpty() && !expired(item);
  }

  // ---- inbound responses ----

  @Override
  public void expectResponse(String sessionId, String requestId) {
    if (requestId == null || requestId.isEmpty() || requestId.length() > MAX_REQUEST_ID_CHARS) {
      throw new IllegalArgumentException(
          "requestId must have 1.." + MAX_REQUEST_ID_CHARS + " chars");
    }
    try {
      if (!isLive(sessionId)) {
        throw new SessionNotFoundException("no such session (unknown, deleted or expired)");
      }
      Map<String, AttributeValue> item = new HashMap<>(key(sessionId, RSP_PREFIX + requestId));
      item.put(EXPIRES_AT, number(Math.ceilDiv(clock.millis() + RESPONSE_TTL.toMillis(), 1000L)));
      client.putItem(
          b ->
              b.tableName(tableName)
                  .item(item)
                  .conditionExpression("attribute_not_exists(#sk)")
                  .expressionAttributeNames(Map.of("#sk", SK)));
    } catch (ConditionalCheckFailedException e) {
      LOG.debug("response already expected");
    } catch (SdkException e) {
      throw unavailable("expectResponse", e);
    }
  }

  @Override
  public boolean putResponse(String sessionId, String requestId, String json) {
    if (sessionId == null
        || sessionId.isEmpty()
        || requestId == null
        || requestId.isEmpty()
        || requestId.length() > MAX_REQUEST_ID_CHARS
        || json == null) {
      return false;
    }
    MessageTooLargeException.check("a response", json);
    try {
      if (!isLive(sessionId)) {
        return false;
      }
      client.updateItem(
          b ->
              b.tableName(tableName)
                  .key(key(sessionId, RSP_PREFIX + requestId))
                  .updateExpression("SET #body = :body")
                  .conditionExpression(
                      "attribute_exists(#sk) AND attribute_not_exists(#body)"
                          + " AND #exp >= :minLive")
                  .expressionAttributeNames(Map.of("#sk", SK, "#body", BODY, "#exp", EXPIRES_AT))
                  .expressionAttributeValues(
                      Map.of(":body", string(json), ":minLive", number(minLiveExpiresAt()))));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    } catch (SdkException e) {
      throw unavailable("putResponse", e);
    }
  }

  @Override
  public Optional<String> awaitResponse(String sessionId, String requestId, Duration maxWait)
      throws InterruptedException {
    if (sessionId == null
        || sessionId.isEmpty()
        || requestId == null
        || requestId.isEmpty()
        || requestId.length() > MAX_REQUEST_ID_CHARS) {
      return Optional.empty();
    }
    Map<String, AttributeValue> rspKey = key(sessionId, RSP_PREFIX + requestId);
    long start = System.nanoTime();
    long deadline = start + Math.max(0, maxWait.toNanos());
    long lastMetaCheck = start;
    long nextQueryAt = start;
    try {
      while (true) {
        Map<String, AttributeValue> item =
            client.getItem(b -> b.tableName(tableName).key(rspKey).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
          return Optional.empty(); // never expected, already ended, or the session was deleted
        }
        if (item.containsKey(BODY)) {
          break;
        }
        long now = System.nanoTime();
        if (now - deadline >= 0) {
          break;
        }
        if (now - lastMetaCheck >= META_RECHECK.toNanos()) {
          if (!isLive(sessionId)) {
            break;
          }
          lastMetaCheck = now;
        }
        nextQueryAt += pollIntervalNanos;
        if (nextQueryAt - now < 0) {
          nextQueryAt = now;
        }
        long sleep = Math.min(nextQueryAt - now, deadline - now);
        if (sleep > 0) {
          TimeUnit.NANOSECONDS.sleep(sleep);
        }
      }
      // end the expectation; a response that arrived since the last read is still returned
      Map<String, AttributeValue> old =
          client
              .deleteItem(b -> b.tableName(tableName).key(rspKey).returnValues(ReturnValue.ALL_OLD))
              .attributes();
      return old == null || !old.containsKey(BODY)
          ? Optional.empty()
          : Optional.of(old.get(BODY).s());
    } catch (SdkException e) {
      throw unavailable("awaitResponse", e);
    }
  }

  // ---- expiry: expired iff expiresAt > 0 and expiresAt * 1000 < now (millis) ----

  private boolean expired(Map<String, AttributeValue> item) {
    long expiresAt = ItemAttributes.number(item, EXPIRES_AT);
    return expiresAt > 0 && expiresAt * 1000 < clock.millis();
  }

  /** The smallest {@code expiresAt} (epoch seconds) of a session that is still live now. */
  private long minLiveExpiresAt() {
    return Math.ceilDiv(clock.millis(), 1000L);
  }

  // ---- mapping ----

  /** The record's attributes in a fixed order; {@code null} values mean "absent". */
  private static Map<String, AttributeValue> recordAttributes(SessionRecord r) {
    Map<String, AttributeValue> a = new LinkedHashMap<>();
    a.put("principal", r.principal() == null ? null : string(r.principal()));
    a.put("era", r.era() == null ? null : string(r.era()));
    a.put("protocolVersion", r.protocolVersion() == null ? null : string(r.protocolVersion()));
    a.put("clientInfo", json(r.clientInfo()));
    a.put("clientCapabilities", json(r.clientCapabilities()));
    a.put("logLevel", r.logLevel() == null ? null : string(r.logLevel()));
    a.put("createdAt", number(r.createdAt()));
    a.put("lastSeenAt", number(r.lastSeenAt()));
    a.put(EXPIRES_AT, r.expiresAt() > 0 ? number(r.expiresAt()) : null);
    a.put("subscriptions", json(r.subscriptions()));
    return a;
  }

  private static Map<String, AttributeValue> metaItem(SessionRecord r) {
    Map<String, AttributeValue> item = new HashMap<>(key(r.sessionId(), META));
    recordAttributes(r)
        .forEach(
            (name, value) -> {
              if (value != null) {
                item.put(name, value);
              }
            });
    return item;
  }

  private static SessionRecord toRecord(Map<String, AttributeValue> item) {
    return SessionRecord.builder(item.get(PK).s(), ItemAttributes.string(item, "principal"))
        .era(ItemAttributes.string(item, "era"))
        .protocolVersion(ItemAttributes.string(item, "protocolVersion"))
        .clientInfo(jsonOf(item, "clientInfo"))
        .clientCapabilities(jsonOf(item, "clientCapabilities"))
        .logLevel(ItemAttributes.string(item, "logLevel"))
        .createdAt(ItemAttributes.number(item, "createdAt"))
        .lastSeenAt(ItemAttributes.number(item, "lastSeenAt"))
        .expiresAt(ItemAttributes.number(item, EXPIRES_AT))
        .subscriptions(jsonOf(item, "subscriptions"))
        .build();
  }

  private static Map<String, AttributeValue> key(String sessionId, String sk) {
    if (sessionId == null || sessionId.isEmpty()) {
      throw new IllegalArgumentException("sessionId must not be empty");
    }
    return Map.of(PK, string(sessionId), SK, string(sk));
  }

  static String msgKey(long seq) {
    return MSG_PREFIX + String.format("%020d", seq);
  }

  private static long seqOf(Map<String, AttributeValue> item) {
    return Long.parseLong(item.get(SK).s().substring(MSG_PREFIX.length()));
  }

  private static AttributeValue string(String s) {
    return AttributeValue.fromS(s);
  }

  private static AttributeValue number(long n) {
    return AttributeValue.fromN(Long.toString(n));
  }

  private static AttributeValue json(JsonNode node) {
    return node == null ? null : string(Json.write(node));
  }

  private static JsonNode jsonOf(Map<String, AttributeValue> item, String name) {
    return ItemAttributes.json(
        item,
        name,
        () ->
            new SessionStoreUnavailableException(
                "session store: unreadable JSON in session attribute " + name, null));
  }

  private static SessionStoreUnavailableException unavailable(String operation, SdkException e) {
    return new SessionStoreUnavailableException(
        "session store unavailable (" + operation + "): " + e.getClass().getSimpleName(), e);
  }
}
