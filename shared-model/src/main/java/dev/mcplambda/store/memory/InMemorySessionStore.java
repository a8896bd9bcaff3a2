package dev.mcplambda.store.memory;

import dev.mcplambda.session.SessionRecord;
import dev.mcplambda.session.SessionStore;
import dev.mcplambda.session.StoredMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link SessionStore} in memory. {@link #append} wakes every {@link #poll} waiting on the same
 * session at once (no polling interval). Expired sessions are invisible and dropped lazily.
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
    final List<String> messages = new ArrayList<>();
    volatile SessionRecord record;
    volatile boolean deleted;

    Session(SessionRecord record) {
      this.record = record;
    }
  }

  @Override
  public void create(SessionRecord session) {
    Session previous = sessions.putIfAbsent(session.sessionId(), new Session(session));
    if (previous != null) {
      throw new IllegalStateException("session already exists");
    }
  }

  @Override
  public Optional<SessionRecord> get(String sessionId) {
    Session s = live(sessionId);
    return s == null ? Optional.empty() : Optional.of(s.record);
  }

  @Override
  public void update(SessionRecord session) {
    Session s = live(session.sessionId());
    if (s != null) {
      s.record = session;
    }
  }

  @Override
  public void delete(String sessionId) {
    Session s = sessions.remove(sessionId);
    if (s != null) {
      s.lock.lock();
      try {
        s.deleted = true;
        s.appended.signalAll();
      } finally {
        s.lock.unlock();
      }
    }
  }

  @Override
  public long append(String sessionId, String json) {
    Session s = live(sessionId);
    if (s == null) {
      throw new IllegalStateException("no such session");
    }
    s.lock.lock();
    try {
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
    if (s.record.expiresAt() > 0 && s.record.expiresAt() * 1000 < clock.millis()) {
      sessions.remove(sessionId, s);
      return null;
    }
    return s;
  }
}
