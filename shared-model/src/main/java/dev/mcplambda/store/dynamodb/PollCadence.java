package dev.mcplambda.store.dynamodb;

import dev.mcplambda.session.StoredMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * When a waiting {@link DynamoDbSessionStore#poll} queries next, and the hand-off of messages
 * appended in this process (docs/performance.md: relay hand-off and idle back-off).
 *
 * <p><b>Local hand-off.</b> After {@link DynamoDbSessionStore#append} has written a message it
 * {@linkplain #appended hands it here}; a poll of the same session in this process takes it at once
 * instead of finding it with its next Query (which could be up to an interval plus a Query later).
 * Only runs contiguous from the poller's next sequence number are handed over, so the store's
 * guarantee (every message once, in order) is unchanged; anything else is left to the Query.
 *
 * <p><b>Adaptive interval.</b> While a session is active (a message was appended here or found by a
 * Query within the last {@code activeWindow}), a waiting poll queries every {@code active}
 * interval. Past that, the interval grows with the idle time — a tenth of the time since the last
 * activity — up to {@code idleMax}; the next activity snaps it back. A message appended by another
 * process after an idle period of {@code t} therefore waits about {@code min(t/10, idleMax) / 2}
 * longer than when active, and an idle stream costs one strongly consistent Query per {@code
 * idleMax} instead of one per {@code active} interval (see docs/cost.md).
 */
final class PollCadence {

  /** Default interval while active. */
  static final Duration DEFAULT_ACTIVE = Duration.ofMillis(50);

  /** Default time a session counts as active after a message. */
  static final Duration DEFAULT_ACTIVE_WINDOW = Duration.ofSeconds(2);

  /** Default longest interval of an idle session. */
  static final Duration DEFAULT_IDLE_MAX = Duration.ofSeconds(1);

  /** Messages kept per watched session for the hand-off. */
  static final int HAND_OFF_CAPACITY = 64;

  /** Sessions nobody polls are forgotten after this idle time. */
  private static final long FORGET_AFTER_NANOS = TimeUnit.MINUTES.toNanos(2);

  private final long activeNanos;
  private final long activeWindowNanos;
  private final long idleMaxNanos;
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final LongSupplier nanoTime;

  PollCadence(Duration active, Duration activeWindow, Duration idleMax) {
    this(active, activeWindow, idleMax, System::nanoTime);
  }

  /**
   * @param nanoTime the monotonic clock ({@link System#nanoTime()}; tests step their own)
   */
  PollCadence(Duration active, Duration activeWindow, Duration idleMax, LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
    if (active.isNegative() || active.isZero()) {
      throw new IllegalArgumentException("the active poll interval must be positive");
    }
    this.activeNanos = active.toNanos();
    this.activeWindowNanos = Math.max(0, activeWindow.toNanos());
    this.idleMaxNanos = Math.max(activeNanos, idleMax.toNanos());
  }

  /** One session's activity, its waiting polls and the messages appended here lately. */
  static final class Session {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final TreeMap<Long, String> recent = new TreeMap<>();
    private volatile long lastActivity;
    private int watchers;
    private long appends;

    Session(long now) {
      this.lastActivity = now;
    }
  }

  /** Starts watching a session for one poll; pair with {@link #unwatch}. */
  Session watch(String sessionId) {
    long now = nanoTime.getAsLong();
    while (true) {
      Session s = sessions.computeIfAbsent(sessionId, id -> new Session(now));
      s.lock.lock();
      try {
        if (sessions.get(sessionId) == s) {
          s.watchers++;
          return s;
        }
      } finally {
        s.lock.unlock();
      }
    }
  }

  void unwatch(String sessionId, Session s) {
    s.lock.lock();
    try {
      s.watchers--;
      if (s.watchers == 0) {
        s.recent.clear();
        if (nanoTime.getAsLong() - s.lastActivity > FORGET_AFTER_NANOS) {
          sessions.remove(sessionId, s);
        }
      }
    } finally {
      s.lock.unlock();
    }
  }

  /** A message of {@code sessionId} was written by this process: wake its polls, hand it over. */
  void appended(String sessionId, long seq, String json) {
    Session s = sessions.get(sessionId);
    if (s == null) {
      return; // nobody polls this session here; its first poll treats it as fresh (active)
    }
    s.lock.lock();
    try {
      s.lastActivity = nanoTime.getAsLong();
      s.appends++;
      if (s.watchers > 0) {
        s.recent.put(seq, json);
        while (s.recent.size() > HAND_OFF_CAPACITY) {
          s.recent.pollFirstEntry();
        }
      }
      s.changed.signalAll();
    } finally {
      s.lock.unlock();
    }
  }

  /** A Query found messages: the session is active. */
  void delivered(Session s) {
    s.lastActivity = nanoTime.getAsLong();
  }

  /** The messages handed over that run contiguously from {@code next}; empty if none. */
  List<StoredMessage> takeFrom(Session s, long next) {
    s.lock.lock();
    try {
      if (s.recent.isEmpty()) {
        return List.of();
      }
      s.recent.headMap(next).clear();
      List<StoredMessage> run = new ArrayList<>();
      long expected = next;
      for (Map.Entry<Long, String> e : s.recent.entrySet()) {
        if (e.getKey() != expected || run.size() == DynamoDbSessionStore.PAGE_SIZE) {
          break;
        }
        run.add(new StoredMessage(e.getKey(), e.getValue()));
        expected++;
      }
      return run;
    } finally {
      s.lock.unlock();
    }
  }

  /** The time between two Queries now: {@code active}, or longer when the session is idle. */
  long intervalNanos(Session s) {
    long idle = nanoTime.getAsLong() - s.lastActivity;
    if (idle <= activeWindowNanos) {
      return activeNanos;
    }
    return Math.min(idleMaxNanos, Math.max(activeNanos, idle / 10));
  }

  /** How many local appends the session has seen; read before looking, pass to {@link #await}. */
  long appends(Session s) {
    s.lock.lock();
    try {
      return s.appends;
    } finally {
      s.lock.unlock();
    }
  }

  /**
   * Waits up to {@code nanos}, returning early when a message of the session was appended here
   * since {@link #appends} returned {@code seen}.
   *
   * @return {@code true} if woken by an append
   */
  boolean await(Session s, long seen, long nanos) throws InterruptedException {
    s.lock.lock();
    try {
      long left = nanos;
      while (left > 0 && s.appends == seen) {
        left = s.changed.awaitNanos(left);
      }
      return s.appends != seen;
    } finally {
      s.lock.unlock();
    }
  }
}
