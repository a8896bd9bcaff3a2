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
    return new TaskRecord(
        taskId,
        principal,
        toolName,
        lambdaArn,
        TaskStatus.WORKING,
        null,
        now,
        now,
        ttlMs,
        pollIntervalMs,
        1,
        event,
        null,
        null,
        null,
        null,
        null,
        1);
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
    return new TaskRecord(
        taskId,
        principal,
        toolName,
        lambdaArn,
        terminal,
        statusMessage,
        createdAt,
        now,
        ttlMs,
        pollIntervalMs,
        round,
        event,
        null,
        null,
        null,
        result,
        error,
        version + 1);
  }

  /**
   * The next version: failed with a JSON-RPC {@code error}; its message also becomes the {@code
   * statusMessage}.
   */
  public TaskRecord failed(JsonNode error, Instant now) {
    TaskRecord f = finished(TaskStatus.FAILED, null, error, now);
    String message = error == null ? null : error.path("message").asText(null);
    return new TaskRecord(
        f.taskId,
        f.principal,
        f.toolName,
        f.lambdaArn,
        f.status,
        message,
        f.createdAt,
        f.lastUpdatedAt,
        f.ttlMs,
        f.pollIntervalMs,
        f.round,
        f.event,
        null,
        null,
        null,
        null,
        f.error,
        f.version);
  }

  /** The next version: cancelled (no result). */
  public TaskRecord cancelled(Instant now) {
    return finished(TaskStatus.CANCELLED, null, null, now);
  }

  /** The next version: waiting for the client to answer {@code requests}. */
  public TaskRecord awaitingInput(JsonNode requests, String state, Instant now) {
    return new TaskRecord(
        taskId,
        principal,
        toolName,
        lambdaArn,
        TaskStatus.INPUT_REQUIRED,
        statusMessage,
        createdAt,
        now,
        ttlMs,
        pollIntervalMs,
        round,
        event,
        requests,
        null,
        state,
        null,
        null,
        version + 1);
  }

  /** The next version: some answers taken, {@code stillPending} still open. */
  public TaskRecord answered(JsonNode stillPending, JsonNode responses, Instant now) {
    return new TaskRecord(
        taskId,
        principal,
        toolName,
        lambdaArn,
        status,
        statusMessage,
        createdAt,
        now,
        ttlMs,
        pollIntervalMs,
        round,
        event,
        stillPending,
        responses,
        requestState,
        null,
        null,
        version + 1);
  }

  /** The next version: working again on a new round with {@code nextEvent}. */
  public TaskRecord resumed(JsonNode nextEvent, Instant now) {
    return new TaskRecord(
        taskId,
        principal,
        toolName,
        lambdaArn,
        TaskStatus.WORKING,
        statusMessage,
        createdAt,
        now,
        ttlMs,
        pollIntervalMs,
        round + 1,
        nextEvent,
        null,
        null,
        null,
        null,
        null,
        version + 1);
  }
}
