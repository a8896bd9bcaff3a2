package dev.mcplambda.store.dynamodb;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * Creates the project's tables (tables: template.yaml, storage) when they are missing: for the
 * local server, tests and first runs against an empty account. Idempotent and safe to race: an
 * existing table with the right key schema is left alone, one with another key schema is an error.
 * Tables are on-demand ({@code PAY_PER_REQUEST}); the calls return once the table is {@code
 * ACTIVE}. The SAM template creates the tables of a deployed stack itself.
 */
public final class DynamoDbTables {

  /** Registry table partition key (S). */
  public static final String REGISTRY_PARTITION_KEY = "id";

  /** Session table partition key (S). */
  public static final String SESSION_PARTITION_KEY = "sessionId";

  /** Session table sort key (S): {@code meta} or {@code msg#<zero-padded seq>}. */
  public static final String SESSION_SORT_KEY = "sk";

  /** Session table TTL attribute (N, epoch seconds) on every item. */
  public static final String SESSION_TTL_ATTRIBUTE = "expiresAt";

  private static final Logger LOG = LoggerFactory.getLogger(DynamoDbTables.class);
  private static final Duration ACTIVE_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

  private DynamoDbTables() {}

  /**
   * Makes sure the registry table exists and is active.
   *
   * @return {@code true} if this call created it
   * @throws IllegalStateException if the table cannot be created or has another key schema
   */
  public static boolean ensureRegistryTable(DynamoDbClient client, String tableName) {
    return ensureTable(
        client,
        tableName,
        List.of(key(REGISTRY_PARTITION_KEY, KeyType.HASH)),
        List.of(stringAttr(REGISTRY_PARTITION_KEY)));
  }

  /**
   * Makes sure the session table exists and is active, and asks for TTL on {@value
   * #SESSION_TTL_ATTRIBUTE}. Servers without {@code UpdateTimeToLive} (dynalite) are tolerated:
   * expired items then stay until deleted, and the session store treats them as absent anyway.
   *
   * @return {@code true} if this call created the table
   * @throws IllegalStateException if the table cannot be created or has another key schema
   */
  public static boolean ensureSessionTable(DynamoDbClient client, String tableName) {
    boolean created =
        ensureTable(
            client,
            tableName,
            List.of(key(SESSION_PARTITION_KEY, KeyType.HASH), key(SESSION_SORT_KEY, KeyType.RANGE)),
            List.of(stringAttr(SESSION_PARTITION_KEY), stringAttr(SESSION_SORT_KEY)));
    enableTimeToLive(client, tableName);
    return created;
  }

  private static boolean ensureTable(
      DynamoDbClient client,
      String tableName,
      List<KeySchemaElement> keySchema,
      List<AttributeDefinition> attributes) {
    try {
      boolean created = false;
      Optional<TableDescription> existing = describe(client, tableName);
      if (existing.isPresent()) {
        checkKeySchema(existing.get(), keySchema);
      } else {
        try {
          client.createTable(
              b ->
                  b.tableName(tableName)
                      .keySchema(keySchema)
                      .attributeDefinitions(attributes)
                      .billingMode(BillingMode.PAY_PER_REQUEST));
          created = true;
          LOG.info("created DynamoDB table {}", tableName);
        } catch (ResourceInUseException raced) {
          LOG.debug("table {} is being created by someone else", tableName);
        }
      }
      checkKeySchema(waitUntilActive(client, tableName), keySchema);
      return created;
    } catch (SdkException e) {
      throw new IllegalStateException(
          "cannot ensure DynamoDB table " + tableName + ": " + e.getMessage(), e);
    }
  }

  private static Optional<TableDescription> describe(DynamoDbClient client, String tableName) {
    try {
      return Optional.of(client.describeTable(b -> b.tableName(tableName)).table());
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    }
  }

  private static TableDescription waitUntilActive(DynamoDbClient client, String tableName) {
    long deadline = System.nanoTime() + ACTIVE_TIMEOUT.toNanos();
    while (true) {
      Optional<TableDescription> table = describe(client, tableName);
      if (table.isPresent() && table.get().tableStatus() == TableStatus.ACTIVE) {
        return table.get();
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "DynamoDB table "
                + tableName
                + " is not ACTIVE after "
                + ACTIVE_TIMEOUT.toSeconds()
                + " s (status "
                + table.map(TableDescription::tableStatusAsString).orElse("missing")
                + ")");
      }
      try {
        Thread.sleep(POLL_INTERVAL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for table " + tableName, e);
      }
    }
  }

  private static void checkKeySchema(TableDescription table, List<KeySchemaElement> expected) {
    Set<String> want = describeKeys(expected);
    Set<String> have = describeKeys(table.keySchema());
    if (!want.equals(have)) {
      throw new IllegalStateException(
          "DynamoDB table " + table.tableName() + " has key schema " + have + ", expected " + want);
    }
  }

  private static Set<String> describeKeys(List<KeySchemaElement> keys) {
    return keys.stream()
        .map(k -> k.attributeName() + " " + k.keyTypeAsString())
        .collect(Collectors.toSet());
  }

  private static void enableTimeToLive(DynamoDbClient client, String tableName) {
    try {
      TimeToLiveDescription current =
          client.describeTimeToLive(b -> b.tableName(tableName)).timeToLiveDescription();
      if (current != null
          && SESSION_TTL_ATTRIBUTE.equals(current.attributeName())
          && (current.timeToLiveStatus() == TimeToLiveStatus.ENABLED
              || current.timeToLiveStatus() == TimeToLiveStatus.ENABLING)) {
        return;
      }
      client.updateTimeToLive(
          b ->
              b.tableName(tableName)
                  .timeToLiveSpecification(
                      s -> s.enabled(true).attributeName(SESSION_TTL_ATTRIBUTE)));
      LOG.info("enabled TTL on {}.{}", tableName, SESSION_TTL_ATTRIBUTE);
    } catch (DynamoDbException e) {
      if (isUnsupported(e)) {
        LOG.info(
            "the DynamoDB-API server does not support TTL; expired session items in {} stay until"
                + " deleted",
            tableName);
      } else if (isAlreadyEnabled(e)) {
        LOG.debug("TTL already enabled on {}", tableName);
      } else {
        throw new IllegalStateException(
            "cannot enable TTL on DynamoDB table " + tableName + ": " + e.getMessage(), e);
      }
    } catch (SdkException e) {
      throw new IllegalStateException(
          "cannot enable TTL on DynamoDB table " + tableName + ": " + e.getMessage(), e);
    }
  }

  private static boolean isUnsupported(DynamoDbException e) {
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    return "UnknownOperationException".equals(code) || e.statusCode() == 501;
  }

  private static boolean isAlreadyEnabled(DynamoDbException e) {
    String message = e.getMessage();
    return e.statusCode() == 400
        && message != null
        && message.toLowerCase(Locale.ROOT).contains("already enabled");
  }

  private static KeySchemaElement key(String name, KeyType type) {
    return KeySchemaElement.builder().attributeName(name).keyType(type).build();
  }

  private static AttributeDefinition stringAttr(String name) {
    return AttributeDefinition.builder()
        .attributeName(name)
        .attributeType(ScalarAttributeType.S)
        .build();
  }
}
