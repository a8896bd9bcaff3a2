package dev.mcplambda.task;

import java.time.Instant;
import java.util.Optional;

/**
 * Where long-running tool calls (MCP tasks, SEP-2663) keep their state and result between the
 * request that created them, the asynchronous run of the tool and the client's later {@code
 * tasks/get}, {@code tasks/update} and {@code tasks/cancel}: one {@link TaskRecord} per task.
 *
 * <p>Writes are optimistic: {@link #replace} succeeds only when the stored version is the one the
 * caller read, so a cancel and a finishing run never overwrite each other. A task lives until
 * {@link TaskRecord#expiresAt()}; the stores treat an expired task as absent on every read (TTL
 * deletion, where the backing service has it, only reclaims space). Implementations are thread-safe
 * and throw {@link TaskStoreUnavailableException} when their backing service fails.
 */
public interface TaskStore {

  /**
   * Stores a new task (its {@link TaskRecord#version()} is kept as given, normally 1).
   *
   * @return false if a task with this id exists (ids are random; the caller picks another)
   */
  boolean create(TaskRecord task);

  /** The task, unless unknown or expired at {@code now}. */
  Optional<TaskRecord> get(String taskId, Instant now);

  /**
   * Replaces a task if its stored version is still {@code next.version() - 1} (the version the
   * caller read) and it has not expired.
   *
   * @return false if another writer got there first (re-read and decide again) or it is gone
   */
  boolean replace(TaskRecord next);
}
