package dev.mcplambda.task;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One task: who owns it, which function runs it with which event, where it stands and, once
 * terminal, its result or error.
 *
 * @param taskId random, unguessable id the client polls with
 * @param principal the caller who created it; only this principal sees it
 * @param toolName the tool's registered name
 * @param lambdaArn the tool's function
 * @param status where it stands
 * @param statusMessage optional human-readable detail ({@code null} if none)
 * @param createdAt creation time
 * @param lastUpdatedAt time of the last status change
 * @param ttlMs how long after {@code createdAt} the task stays readable
 * @param pollIntervalMs how often clients are advised to poll
 * @param round the run number: 1 for the first run, +1 whenever input answers start another run (an
 *     asynchronous launch carries it, so a stale or duplicated launch does nothing)
 * @param event the function event of the next (or current) run: {@code {"args", "extra"}}
 * @param inputRequests pending input requests (status {@code input_required}), else {@code null}
 * @param inputResponses answers gathered so far in this input round, else {@code null}
 * @param requestState the function's opaque state from its last {@code input_required}, or {@code
 *     null}; handed back to the function, never shown to the client
 * @param result the tool result (status {@code completed}), else {@code null}
 * @param error the JSON-RPC error object {@code {code, message}} (status {@code failed}), else
 *     {@code null}
 * @param version optimistic-locking version, 1 on create
 */
public record TaskRecord(
    String taskId,
    String principal,
    String toolName,
    String lambdaArn,
    TaskStatus status,
    String statusMessage,
    Instant createdAt,
    Instant lastUpdatedAt,
    long ttlMs,
    long pollIntervalMs,
    int round,
    JsonNode event,
    JsonNode inputRequests,
    JsonNode inputResponses,
    String requestState,
    JsonNode result,
    JsonNode error,
    long version) {

  public TaskRecord {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(lastUpdatedAt, "lastUpdatedAt");
    if (ttlMs <= 0) {
      throw new IllegalArgumentException("ttlMs must be positive");
    }
  }

  /** A new working task, version 1, round 1. */
  public static TaskRecord working(
      String taskId,
      String principal,
      String toolName,
      String lambdaArn,
      JsonNode event,
      Instant now,
      long ttlMs,
      long pollIntervalMs) {
    return builder()
        .taskId(taskId)
        .principal(principal)
        .toolName(toolName)
        .lambdaArn(lambdaArn)
        .status(TaskStatus.WORKING)
        .createdAt(now)
        .lastUpdatedAt(now)
        .ttlMs(ttlMs)
        .pollIntervalMs(pollIntervalMs)
        .round(1)
        .event(event)
        .version(1)
        .build();
  }

  /** An empty builder (for a store reading a task back); {@link #build()} checks the invariants. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this task's fields, for the next version. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The TTL attribute value: epoch seconds after which the task is gone (rounded up). */
  public long expiresAt() {
    return Math.ceilDiv(createdAt.toEpochMilli() + ttlMs, 1000L);
  }

  /** Whether the task has expired at {@code now}. */
  public boolean expiredAt(Instant now) {
    return now.toEpochMilli() >= createdAt.toEpochMilli() + ttlMs;
  }

  /** The next version: a terminal outcome ({@code result} or {@code error}). */
  public TaskRecord finished(TaskStatus terminal, JsonNode result, JsonNode error, Instant now) {
    return next(now).status(terminal).result(result).error(error).build();
  }

  /**
   * The next version: failed with a JSON-RPC {@code error}; its message also becomes the {@code
   * statusMessage}.
   */
  public TaskRecord failed(JsonNode error, Instant now) {
    String message = error == null ? null : error.path("message").asText(null);
    return next(now).status(TaskStatus.FAILED).statusMessage(message).error(error).build();
  }

  /** The next version: cancelled (no result). */
  public TaskRecord cancelled(Instant now) {
    return finished(TaskStatus.CANCELLED, null, null, now);
  }

  /** The next version: waiting for the client to answer {@code requests}. */
  public TaskRecord awaitingInput(JsonNode requests, String state, Instant now) {
    return next(now)
        .status(TaskStatus.INPUT_REQUIRED)
        .inputRequests(requests)
        .requestState(state)
        .build();
  }

  /** The next version: some answers taken, {@code stillPending} still open. */
  public TaskRecord answered(JsonNode stillPending, JsonNode responses, Instant now) {
    return next(now)
        .inputRequests(stillPending)
        .inputResponses(responses)
        .requestState(requestState)
        .build();
  }

  /** The next version: working again on a new round with {@code nextEvent}. */
  public TaskRecord resumed(JsonNode nextEvent, Instant now) {
    return next(now).status(TaskStatus.WORKING).round(round + 1).event(nextEvent).build();
  }

  /**
   * The next version's starting point: identity, timing, round and event kept; input round state,
   * result and error cleared; {@code lastUpdatedAt} {@code now}; version + 1.
   */
  private Builder next(Instant now) {
    return toBuilder()
        .lastUpdatedAt(now)
        .inputRequests(null)
        .inputResponses(null)
        .requestState(null)
        .result(null)
        .error(null)
        .version(version + 1);
  }

  /** Builds a {@link TaskRecord} by field name; the record's constructor checks the result. */
  public static final class Builder {
    private String taskId;
    private String principal;
    private String toolName;
    private String lambdaArn;
    private TaskStatus status;
    private String statusMessage;
    private Instant createdAt;
    private Instant lastUpdatedAt;
    private long ttlMs;
    private long pollIntervalMs;
    private int round;
    private JsonNode event;
    private JsonNode inputRequests;
    private JsonNode inputResponses;
    private String requestState;
    private JsonNode result;
    private JsonNode error;
    private long version;

    private Builder() {}

    private Builder(TaskRecord t) {
      taskId = t.taskId;
      principal = t.principal;
      toolName = t.toolName;
      lambdaArn = t.lambdaArn;
      status = t.status;
      statusMessage = t.statusMessage;
      createdAt = t.createdAt;
      lastUpdatedAt = t.lastUpdatedAt;
      ttlMs = t.ttlMs;
      pollIntervalMs = t.pollIntervalMs;
      round = t.round;
      event = t.event;
      inputRequests = t.inputRequests;
      inputResponses = t.inputResponses;
      requestState = t.requestState;
      result = t.result;
      error = t.error;
      version = t.version;
    }

    public Builder taskId(String taskId) {
      this.taskId = taskId;
      return this;
    }

    public Builder principal(String principal) {
      this.principal = principal;
      return this;
    }

    public Builder toolName(String toolName) {
      this.toolName = toolName;
      return this;
    }

    public Builder lambdaArn(String lambdaArn) {
      this.lambdaArn = lambdaArn;
      return this;
    }

    public Builder status(TaskStatus status) {
      this.status = status;
      return this;
    }

    public Builder statusMessage(String statusMessage) {
      this.statusMessage = statusMessage;
      return this;
    }

    public Builder createdAt(Instant createdAt) {
      this.createdAt = createdAt;
      return this;
    }

    public Builder lastUpdatedAt(Instant lastUpdatedAt) {
      this.lastUpdatedAt = lastUpdatedAt;
      return this;
    }

    public Builder ttlMs(long ttlMs) {
      this.ttlMs = ttlMs;
      return this;
    }

    public Builder pollIntervalMs(long pollIntervalMs) {
      this.pollIntervalMs = pollIntervalMs;
      return this;
    }

    public Builder round(int round) {
      this.round = round;
      return this;
    }

    public Builder event(JsonNode event) {
      this.event = event;
      return this;
    }

    public Builder inputRequests(JsonNode inputRequests) {
      this.inputRequests = inputRequests;
      return this;
    }

    public Builder inputResponses(JsonNode inputResponses) {
      this.inputResponses = inputResponses;
      return this;
    }

    public Builder requestState(String requestState) {
      this.requestState = requestState;
      return this;
    }

    public Builder result(JsonNode result) {
      this.result = result;
      return this;
    }

    public Builder error(JsonNode error) {
      this.error = error;
      return this;
    }

    public Builder version(long version) {
      this.version = version;
      return this;
    }

    public TaskRecord build() {
      return new TaskRecord(
          taskId,
          principal,
          toolName,
          lambdaArn,
          status,
          statusMessage,
          createdAt,
          lastUpdatedAt,
          ttlMs,
          pollIntervalMs,
          round,
          event,
          inputRequests,
          inputResponses,
          requestState,
          result,
          error,
          version);
    }
  }
}
