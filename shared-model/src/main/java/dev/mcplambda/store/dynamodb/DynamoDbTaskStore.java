package dev.mcplambda.store.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcplambda.json.Json;
import dev.mcplambda.task.TaskRecord;
import dev.mcplambda.task.TaskStatus;
import dev.mcplambda.task.TaskStore;
import dev.mcplambda.task.TaskStoreUnavailableException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * A {@link TaskStore} in the session table (tables: template.yaml, storage), one item per task
 * under its own key prefix: partition key {@code sessionId = "task#<taskId>"}, sort key {@code sk =
 * "task"}. No session id starts with {@code task#} (they are hex), so tasks and sessions never
 * meet.
 *
 * <p>Attributes: {@code principal}, {@code toolName}, {@code lambdaArn}, {@code status} (wire
 * name), {@code statusMessage}, {@code createdAt} / {@code lastUpdatedAt} (N, epoch millis), {@code
 * ttlMs}, {@code pollIntervalMs}, {@code round}, {@code version} (N), the JSON values {@code
 * event}, {@code inputRequests}, {@code inputResponses}, {@code result}, {@code error} as JSON
 * strings, {@code requestState} (S) and the TTL attribute {@code expiresAt} (N, epoch seconds).
 * Absent values are left out. Writes: create is a put conditional on the item not existing (or
 * having expired); replace is a put conditional on {@code version} being the one the caller read.
 * Reads are strongly consistent (a task is readable the moment {@code tools/call} answers) and
 * treat an expired item as absent, so correctness does not depend on TTL deletion. A task result
 * must fit in one item (400 KB).
 */
public final class DynamoDbTaskStore implements TaskStore {

  static final String PK = "sessionId";
  static final String SK = "sk";
  static final String KEY_PREFIX = "task#";
  static final String SORT_KEY = "task";
  static final String EXPIRES_AT = "expiresAt";
  static final String VERSION = "version";

  private final DynamoDbClient client;
  private final String tableName;

  public DynamoDbTaskStore(DynamoDbClient client, String tableName) {
    this.client = Objects.requireNonNull(client, "client");
    this.tableName = Objects.requireNonNull(tableName, "tableName");
  }

  @Override
  public boolean create(TaskRecord task) {
    try {
      client.putItem(
          b ->
              b.tableName(tableName)
                  .item(item(task))
                  .conditionExpression("attribute_not_exists(#sk) OR #exp <= :now")
                  .expressionAttributeNames(Map.of("#sk", SK, "#exp", EXPIRES_AT))
                  .expressionAttributeValues(
                      Map.of(":now", number(Math.floorDiv(System.currentTimeMillis(), 1000L)))));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    } catch (SdkException e) {
      throw unavailable("create", e);
    }
  }

  @Override
  public Optional<TaskRecord> get(String taskId, Instant now) {
    if (taskId == null || taskId.isEmpty()) {
      return Optional.empty();
    }
    Map<String, AttributeValue> item;
    try {
      item =
          client.getItem(b -> b.tableName(tableName).key(key(taskId)).consistentRead(true)).item();
    } catch (SdkException e) {
      throw unavailable("get", e);
    }
    if (item == null || item.isEmpty()) {
      return Optional.empty();
    }
    TaskRecord task = toRecord(item);
    return task.expiredAt(now) ? Optional.empty() : Optional.of(task);
  }

  @Override
  public boolean replace(TaskRecord next) {
    try {
      client.putItem(
          b ->
              b.tableName(tableName)
                  .item(item(next))
                  .conditionExpression("#v = :expected")
                  .expressionAttributeNames(Map.of("#v", VERSION))
                  .expressionAttributeValues(Map.of(":expected", number(next.version() - 1))));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    } catch (SdkException e) {
      throw unavailable("replace", e);
    }
  }

  // ---- mapping ----

  private static Map<String, AttributeValue> item(TaskRecord t) {
    Map<String, AttributeValue> item = new HashMap<>(key(t.taskId()));
    putString(item, "principal", t.principal());
    putString(item, "toolName", t.toolName());
    putString(item, "lambdaArn", t.lambdaArn());
    putString(item, "status", t.status().wireName());
    putString(item, "statusMessage", t.statusMessage());
    item.put("createdAt", number(t.createdAt().toEpochMilli()));
    item.put("lastUpdatedAt", number(t.lastUpdatedAt().toEpochMilli()));
    item.put("ttlMs", number(t.ttlMs()));
    item.put("pollIntervalMs", number(t.pollIntervalMs()));
    item.put("round", number(t.round()));
    putJson(item, "event", t.event());
    putJson(item, "inputRequests", t.inputRequests());
    putJson(item, "inputResponses", t.inputResponses());
    putString(item, "requestState", t.requestState());
    putJson(item, "result", t.result());
    putJson(item, "error", t.error());
    item.put(VERSION, number(t.version()));
    item.put(EXPIRES_AT, number(t.expiresAt()));
    return item;
  }

  private static TaskRecord toRecord(Map<String, AttributeValue> item) {
    String status = ItemAttributes.string(item, "status");
    return TaskRecord.builder()
        .taskId(item.get(PK).s().substring(KEY_PREFIX.length()))
        .principal(ItemAttributes.string(item, "principal"))
        .toolName(ItemAttributes.string(item, "toolName"))
        .lambdaArn(ItemAttributes.string(item, "lambdaArn"))
        .status(
            TaskStatus.fromWireName(status)
                .orElseThrow(
                    () ->
                        new TaskStoreUnavailableException("task store: unknown task status", null)))
        .statusMessage(ItemAttributes.string(item, "statusMessage"))
        .createdAt(Instant.ofEpochMilli(ItemAttributes.number(item, "createdAt")))
        .lastUpdatedAt(Instant.ofEpochMilli(ItemAttributes.number(item, "lastUpdatedAt")))
        .ttlMs(ItemAttributes.number(item, "ttlMs"))
        .pollIntervalMs(ItemAttributes.number(item, "pollIntervalMs"))
        .round((int) ItemAttributes.number(item, "round"))
        .event(jsonOf(item, "event"))
        .inputRequests(jsonOf(item, "inputRequests"))
        .inputResponses(jsonOf(item, "inputResponses"))
        .requestState(ItemAttributes.string(item, "requestState"))
        .result(jsonOf(item, "result"))
        .error(jsonOf(item, "error"))
        .version(ItemAttributes.number(item, VERSION))
        .build();
  }

  private static Map<String, AttributeValue> key(String taskId) {
    if (taskId == null || taskId.isEmpty()) {
      throw new IllegalArgumentException("taskId must not be empty");
    }
    return Map.of(
        PK, AttributeValue.fromS(KEY_PREFIX + taskId), SK, AttributeValue.fromS(SORT_KEY));
  }

  private static void putString(Map<String, AttributeValue> item, String name, String value) {
    if (value != null) {
      item.put(name, AttributeValue.fromS(value));
    }
  }

  private static void putJson(Map<String, AttributeValue> item, String name, JsonNode value) {
    if (value != null && !value.isNull()) {
      item.put(name, AttributeValue.fromS(Json.write(value)));
    }
  }

  private static AttributeValue number(long n) {
    return AttributeValue.fromN(Long.toString(n));
  }

  private static JsonNode jsonOf(Map<String, AttributeValue> item, String name) {
    return ItemAttributes.json(
        item,
        name,
        () ->
            new TaskStoreUnavailableException(
                "task store: unreadable JSON in task attribute " + name, null));
  }

  private static TaskStoreUnavailableException unavailable(String operation, SdkException e) {
    return new TaskStoreUnavailableException(
        "task store unavailable (" + operation + "): " + e.getClass().getSimpleName(), e);
  }
}
