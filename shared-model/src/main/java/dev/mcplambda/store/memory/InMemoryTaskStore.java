package dev.mcplambda.store.memory;

import dev.mcplambda.task.TaskRecord;
import dev.mcplambda.task.TaskStore;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link TaskStore} in one map (the local server's default and the unit tests'). Expired tasks
 * read as absent and are dropped when next touched.
 */
public final class InMemoryTaskStore implements TaskStore {

  private final ConcurrentMap<String, TaskRecord> tasks = new ConcurrentHashMap<>();

  @Override
  public boolean create(TaskRecord task) {
    TaskRecord previous = tasks.putIfAbsent(task.taskId(), task);
    if (previous == null) {
      return true;
    }
    if (previous.expiredAt(Instant.now()) && tasks.replace(task.taskId(), previous, task)) {
      return true;
    }
    return false;
  }

  @Override
  public Optional<TaskRecord> get(String taskId, Instant now) {
    if (taskId == null) {
      return Optional.empty();
    }
    TaskRecord task = tasks.get(taskId);
    if (task == null) {
      return Optional.empty();
    }
    if (task.expiredAt(now)) {
      tasks.remove(taskId, task);
      return Optional.empty();
    }
    return Optional.of(task);
  }

  @Override
  public boolean replace(TaskRecord next) {
    boolean[] replaced = {false};
    tasks.computeIfPresent(
        next.taskId(),
        (id, current) -> {
          if (current.version() == next.version() - 1) {
            replaced[0] = true;
            return next;
          }
          return current;
        });
    return replaced[0];
  }
}
