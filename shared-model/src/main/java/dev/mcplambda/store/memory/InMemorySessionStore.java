package dev.mcplambda.store.memory;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcplambda.session.MessageTooLargeException;
import dev.mcplambda.session.SessionAlreadyExistsException;
import dev.mcplambda.session.SessionNotFoundException;
import dev.mcplambda.session.SessionRecord;
import dev.mcplambda.session.SessionStore;
import dev.mcplambda.session.SessionUpdate;
import dev.mcplambda.session.StoredMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * A {@link SessionStore} in memory. {@link #append} wakes every {@link #poll} waiting on the same
 * session at once (no polling interval), and {@link #putResponse} wakes the {@link #awaitResponse}
 * waiting for it. Record updates run under the session's lock, so none is lost; messages over
 * {@link #MAX_MESSAGE_BYTES} are refused as the DynamoDB store refuses them.
 *
 * <p>Bounded memory (a long-running local server): expired sessions are invisible at once and
 * removed by {@link #sweepExpired()}, which {@link #create} runs at most every {@link
 * #SWEEP_INTERVAL}, so sessions that nobody touches again do not pile up. A message expires with
 * the session's {@code expiresAt} at the time it was appended (as its DynamoDB item would by TTL);
 * expired messages are trimmed from the front of a live session's queue on each append and sweep.
 */
public final class InMemorySessionStore implements SessionStore {

  /** How often {@link #create} sweeps expired sessions at most. */
  public static final Duration SWEEP_INTERVAL = Duration.ofSeconds(30);

  private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();
  private final Clock clock;
  private final java.util.concurrent.atomic.AtomicLong nextSweepMillis =
      new java.util.concurrent.atomic.AtomicLong();

  public InMemorySessionStore() {
    this(Clock.systemUTC());
  }

  public InMemorySessionStore(Clock clock) {
    this.clock = clock;
  }

  private static final class Session {
    final ReentrantLock lock = new ReentrantLock();
    final Condition appended = lock.newCondition();
    final Condition responded = lock.newCondition();

    /** Queued messages in sequence order; expired ones are trimmed from the front. */
    final java.util.ArrayDeque<Queued> messages = new java.util.ArrayDeque<>();

    /** The sequence number of the last message appended; guarded by lock. */
    long lastSeq;

    /** Expected request ids → the response ({@code null} while unanswered); guarded by lock. */
    final Map<String, String> responses = new HashMap<>();

    volatile SessionRecord record;
    volatile boolean deleted;

    Session(SessionRecord record) {
      this.record = record;
    }
  }

  /** One queued message and when it expires (epoch millis, {@code 0} = never). */
  private record Queued(long seq, String json, long expiresAtMillis) {}

  /**
   * Removes expired sessions (waking their waiting polls) and trims expired messages of live
   * sessions.
   *
   * @return how many sessions were removed
   */
  public int sweepExpired() {
    nextSweepMillis.set(clock.millis() + SWEEP_INTERVAL.toMillis());
    int removed = 0;
    for (var e : sessions.entrySet()) {
      Session s = e.getValue();
      if (expired(s)) {
        if (sessions.remove(e.getKey(), s)) {
          retire(s);
          removed++;
        }
      } else {
        s.lock.lock();
        try {
          trim(s);
        } finally {
          s.lock.unlock();
        }
      }
    }
    return removed;
  }

  /** What the store holds now: sessions (live or not yet swept) and queued messages. */
  public record Footprint(int sessions, long messages) {}

  /** What the store holds now (tests, diagnostics). */
  public Footprint footprint() {
    long messages = 0;
    for (Session s : sessions.values()) {
      s.lock.lock();
      try {
        messages += s.messages.size();
      } finally {
        s.lock.unlock();
      }
    }
    return new Footprint(sessions.size(), messages);
  }

  /** Drops expired messages from the front of the queue; caller holds the lock. */
  private void trim(Session s) {
    long now = clock.millis();
    while (!s.messages.isEmpty()) {
      long exp = s.messages.peekFirst().expiresAtMillis();
      if (exp <= 0 || exp >= now) {
        break;
      }
      s.messages.pollFirst();
    }
  }

  @Override
  public void create(SessionRecord session) {
    long due = nextSweepMillis.get();
    if (clock.millis() >= due && nextSweepMillis.compareAndSet(due, Long.MAX_VALUE)) {
      sweepExpired();
    }
    Session created = new Session(session);
    Session[] replaced = new Session[1];
    Session current =
        sessions.compute(
            session.sessionId(),
            (id, existing) -> {
              if (existing == null) {
                return created;
              }
              if (expired(existing)) {
                replaced[0] = existing;
                return created;
              }
              return existing;
            });
    if (replaced[0] != null) {
      retire(replaced[0]);
    }
    if (current != created) {
      throw new SessionAlreadyExistsException("session already exists");
    }
  }

  @Override
  public Optional<SessionRecord> get(String sessionId) {
    Session s = live(sessionId);
    return s == null ? Optional.empty() : Optional.of(s.record);
  }

  @Override
  public void update(String sessionId, SessionUpdate changes) {
    Session s = live(sessionId);
    if (s == null) {
      return;
    }
    s.lock.lock();
    try {
      if (!s.deleted) {
        s.record = changes.applyTo(s.record);
      }
    } finally {
      s.lock.unlock();
    }
  }

  @Override
  public Optional<JsonNode> updateSubscriptions(String sessionId, UnaryOperator<JsonNode> change) {
    Session s = live(sessionId);
    if (s == null) {
      return Optional.empty();
    }
    s.lock.lock();
    try {
      if (s.deleted) {
        return Optional.empty();
      }
      SessionRecord r = s.record;
      JsonNode next = change.apply(r.subscriptions() == null ? null : r.subscriptions().deepCopy());
      s.record = r.toBuilder().subscriptions(next).build();
      return Optional.ofNullable(next);
    } finally {
      s.lock.unlock();
    }
  }

  @Override
  public void delete(String sessionId) {
    if (sessionId == null) {
      return;
    }
    Session s = sessions.remove(sessionId);
    if (s != null) {
      retire(s);
    }
  }

  /** Marks a session removed from the map as gone and wakes its waiting polls. */
  private static void retire(Session s) {
    s.lock.lock();
    try {
      s.deleted = true;
      s.responses.clear();
      s.appended.signalAll();
      s.responded.signalAll();
    } finally {
      s.lock.unlock();
    }
  }

  @Override
  public long append(String sessionId, String json) {
    MessageTooLargeException.check("a message", json);
    Session s = live(sessionId);
    if (s == null) {
      throw new SessionNotFoundException("no such session (unknown, deleted or expired)");
    }
    s.lock.lock();
    try {
      if (s.deleted) {
        // deleted between the look-up and the lock
        throw new SessionNotFoundException("no such session (unknown, deleted or expired)");
      }
      trim(s);
      long expiresAt = s.record.expiresAt();
      long seq = ++s.lastSeq;
      s.messages.addLast(new Queued(seq, json, expiresAt > 0 ? expiresAt * 1000 : 0));
      s.appended.signalAll();
      return seq;
    } finally {
      s.lock.unlock();
    }
  }

  @Override
  public List<StoredMessage> poll(String sessionId, long afterSeq, Duration maxWait)
      throws InterruptedException {
    if (afterSeq < 0) {
      throw new IllegalArgumentException("afterSeq must not be negative");
    }
    Session s = live(sessionId);
    if (s == null) {
      return List.of();
    }
    long deadline = System.nanoTime() + maxWait.toNanos();
    s.lock.lock();
    try {
      while (s.lastSeq <= afterSeq && !s.deleted) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return List.of();
        }
        s.appended.await(left, TimeUnit.NANOSECONDS);
      }
      if (s.deleted) {
        return List.of();
      }
      trim(s);
      List<StoredMessage> out = new ArrayList<>();
      for (Queued q : s.messages) {
        if (q.seq() > afterSeq) {
          out.add(new StoredMessage(q.seq(), q.json()));
        }
      }
      return out;
    } finally {
      s.lock.unlock();
    }
  }

  private Session live(String sessionId) {
    if (sessionId == null) {
      return null;
    }
    Session s = sessions.get(sessionId);
    if (s == null) {
      return null;
    }
    if (expired(s)) {
      if (sessions.remove(sessionId, s)) {
        retire(s);
      }
      return null;
    }
    return s;
  }

  private boolean expired(Session s) {
    long expiresAt = s.record.expiresAt();
    return expiresAt > 0 && expiresAt * 1000 < clock.millis();
  }

  @Override
  public void expectResponse(String sessionId, String requestId) {
    if (requestId == null || requestId.isEmpty() || requestId.length() > MAX_REQUEST_ID_CHARS) {
      throw new IllegalArgumentException(
          "requestId must have 1.." + MAX_REQUEST_ID_CHARS + " chars");
    }
    Session s = live(sessionId);
    if (s == null) {
      throw new SessionNotFoundException("no such session (unknown, deleted or expired)");
    }
    s.lock.lock();
    try {
      if (s.deleted) {
        throw new SessionNotFoundException("no such session (unknown, deleted or expired)");
      }
      s.responses.putIfAbsent(requestId, null);
    } finally {
      s.lock.unlock();
    }
  }

  @Override
  public boolean putResponse(String sessionId, String requestId, String json) {
    if (json == null || requestId == null) {
      return false;
    }
    MessageTooLargeException.check("a response", json);
    Session s = live(sessionId);
    if (s == null) {
      return false;
    }
    s.lock.lock();
    try {
      if (s.deleted || !s.responses.containsKey(requestId) || s.responses.get(requestId) != null) {
        return false;
      }
      s.responses.put(requestId, json);
      s.responded.signalAll();
      return true;
    } finally {
      s.lock.unlock();
    }
  }

  @Override
  public Optional<String> awaitResponse(String sessionId, String requestId, Duration maxWait)
      throws InterruptedException {
    Session s = live(sessionId);
    if (s == null || requestId == null) {
      return Optional.empty();
    }
    long deadline = System.nanoTime() + maxWait.toNanos();
    s.lock.lock();
    try {
      if (!s.responses.containsKey(requestId)) {
        return Optional.empty();
      }
      try {
        while (s.responses.get(requestId) == null && !s.deleted) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return Optional.empty();
          }
          s.responded.await(left, TimeUnit.NANOSECONDS);
        }
        return Optional.ofNullable(s.responses.get(requestId));
      } finally {
        s.responses.remove(requestId);
      }
    } finally {
      s.lock.unlock();
    }
  }
}
