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
 * waiting for it. Expired sessions are invisible and dropped lazily. Record updates run under the
 * session's lock, so none is lost; messages over {@link #MAX_MESSAGE_BYTES} are refused as the
 * DynamoDB store refuses them.
 */
public final class InMemorySessionStore implements SessionStore {

  private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();
  private final Clock clock;

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
    final List<String> messages = new ArrayList<>();

    /** Expected request ids → the response ({@code null} while unanswered); guarded by lock. */
    final Map<String, String> responses = new HashMap<>();

    volatile SessionRecord record;
    volatile boolean deleted;

    Session(SessionRecord record) {
      this.record = record;
    }
  }

  @Override
  public void create(SessionRecord session) {
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
      s.record =
          new SessionRecord(
              r.sessionId(),
              r.principal(),
              r.era(),
              r.protocolVersion(),
              r.clientInfo(),
              r.clientCapabilities(),
              r.logLevel(),
              r.createdAt(),
              r.lastSeenAt(),
              r.expiresAt(),
              next);
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
      s.messages.add(json);
      s.appended.signalAll();
      return s.messages.size();
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
      while (s.messages.size() <= afterSeq && !s.deleted) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return List.of();
        }
        s.appended.await(left, TimeUnit.NANOSECONDS);
      }
      if (s.deleted) {
        return List.of();
      }
      List<StoredMessage> out = new ArrayList<>();
      for (int i = (int) afterSeq; i < s.messages.size(); i++) {
        out.add(new StoredMessage(i + 1L, s.messages.get(i)));
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
