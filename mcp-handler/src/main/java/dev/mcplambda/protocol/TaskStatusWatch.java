package dev.mcplambda.protocol;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.json.Json;
import dev.mcplambda.task.TaskRecord;
import dev.mcplambda.task.TaskStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link TaskStatusFeed.Watch} over the task store: each check reads the watched tasks (one
 * consistent read each) and reports those whose version moved since the previous read. Tasks of
 * other principals and unknown ids are not honoured; terminal and expired tasks drop out after
 * their last notification.
 */
final class TaskStatusWatch implements TaskStatusFeed.Watch {

  /** Most task ids one stream watches. */
  static final int MAX_TASKS = 100;

  private final TaskStore store;
  private final Clock clock;
  private final long intervalMillis;
  private final Map<String, Long> versions = new LinkedHashMap<>();
  private final ArrayNode honoured = Json.nodes().arrayNode();
  private long nextCheckAt;

  TaskStatusWatch(
      TaskStore store, Clock clock, Duration interval, String principal, Iterable<String> ids) {
    this.store = store;
    this.clock = clock;
    this.intervalMillis = Math.max(10, interval.toMillis());
    for (String id : ids) {
      if (versions.size() >= MAX_TASKS || versions.containsKey(id)) {
        continue;
      }
      Optional<TaskRecord> task =
          store
              .get(id, clock.instant())
              .filter(t -> t.principal() == null || t.principal().equals(principal));
      if (task.isPresent()) {
        honoured.add(id);
        // a task already terminal has nothing more to report
        if (!task.get().status().terminal()) {
          versions.put(id, task.get().version());
        }
      }
    }
    this.nextCheckAt = versions.isEmpty() ? Long.MAX_VALUE : clock.millis() + intervalMillis;
  }

  @Override
  public ArrayNode taskIds() {
    return honoured;
  }

  @Override
  public long nextCheckAt() {
    return nextCheckAt;
  }

  @Override
  public List<ObjectNode> check() {
    List<ObjectNode> changed = new ArrayList<>();
    for (Iterator<Map.Entry<String, Long>> it = versions.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Long> watched = it.next();
      TaskRecord task = store.get(watched.getKey(), clock.instant()).orElse(null);
      if (task == null) {
        it.remove();
        continue;
      }
      if (task.version() != watched.getValue()) {
        changed.add(TaskMethods.detailed(task));
        watched.setValue(task.version());
      }
      if (task.status().terminal()) {
        it.remove();
      }
    }
    nextCheckAt = versions.isEmpty() ? Long.MAX_VALUE : clock.millis() + intervalMillis;
    return changed;
  }
}
