package dev.mcplambda.task;

import java.util.Locale;
import java.util.Optional;

/** A task's status as the tasks extension (SEP-2663) names it on the wire. */
public enum TaskStatus {
  WORKING,
  INPUT_REQUIRED,
  COMPLETED,
  FAILED,
  CANCELLED;

  /** The wire name: {@code working}, {@code input_required}, … */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether nothing changes a task in this status any more. */
  public boolean terminal() {
    return this == COMPLETED || this == FAILED || this == CANCELLED;
  }

  /** The status with this wire name, if any. */
  public static Optional<TaskStatus> fromWireName(String name) {
    for (TaskStatus s : values()) {
      if (s.wireName().equals(name)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
