package dev.mcplambda.store.dynamodb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mcplambda.json.Json;
import dev.mcplambda.registry.EntryAlreadyExistsException;
import dev.mcplambda.registry.EntryNotFoundException;
import dev.mcplambda.registry.EntryTooLargeException;
import dev.mcplambda.registry.EntryType;
import dev.mcplambda.registry.PromptArgument;
import dev.mcplambda.registry.RegistryCursor;
import dev.mcplambda.registry.RegistryEntry;
import dev.mcplambda.registry.RegistryException;
import dev.mcplambda.registry.RegistryPage;
import dev.mcplambda.registry.RegistryStore;
import dev.mcplambda.registry.RegistryUnavailableException;
import dev.mcplambda.registry.StaleVersionException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The registry in one DynamoDB table (tables: template.yaml, storage): partition key {@code id}
 * (S), one item per entry, plus one catalog item.
 *
 * <p><b>Items.</b> Text fields are S attributes; the JSON-valued fields ({@code parameters}, {@code
 * inputSchema}, {@code outputSchema}, {@code annotations}, {@code arguments}, {@code
 * allowedPrincipals}) are S attributes holding JSON text written by {@link Json#mapper()}, so they
 * come back exactly as stored. Absent fields have no attribute. {@code version} (N) is the
 * optimistic lock: every write is conditional ({@code attribute_not_exists(id)} on create, {@code
 * version = :expected} or {@code attribute_exists(id)} on update and delete). No transactions are
 * used, so DynamoDB-API servers without them (dynalite) work.
 *
 * <p><b>Catalog version.</b> The item with id {@value #CATALOG_ID} (an id no {@code {type}-{name}}
 * can take, since every entry id starts with a type name) holds the counter {@code catalogVersion},
 * bumped with an atomic {@code ADD} after every write attempt, successful or not: entry first, then
 * counter. In that order, a runtime that reads a new catalog version and then reloads its catalog
 * sees the write. The opposite order would let a runtime reload between the two writes, cache the
 * old catalog under the new version and keep it until some later write. The price of this order: if
 * the bump fails (after 3 attempts, each with the SDK's own retries) or the process dies between
 * the two writes, that write goes unannounced until the next write attempt. The caller of a write
 * whose bump failed gets {@link RegistryUnavailableException} saying the entry was written and
 * asking for a retry; because failed writes bump too, the retry announces it (a retried DELETE ends
 * 404, but the revocation reaches every runtime). The MCP runtime also reloads its catalog at least
 * every minute whatever the version says, which bounds the damage when nobody retries.
 *
 * <p>Entries over {@link RegistryStore#MAX_ENTRY_BYTES} as JSON are refused with {@link
 * EntryTooLargeException} before the put, instead of DynamoDB's item-size ValidationException.
 *
 * <p><b>Reads</b> ({@link #get}, {@link #list}, {@link #catalogVersion}) are strongly consistent.
 * {@link #list} scans in the table's own order; its cursor ({@link RegistryCursor}) carries the id
 * of the last entry on the page.
 *
 * <p>Service and client failures become {@link RegistryUnavailableException}; no DynamoDB type
 * leaves this package through the API.
 */
public final class DynamoDbRegistryStore implements RegistryStore {

  /** The id of the catalog item. Never a valid entry id. */
  public static final String CATALOG_ID = "#catalog";

  private static final Logger LOG = LoggerFactory.getLogger(DynamoDbRegistryStore.class);

  private static final int MAX_KEY_BYTES = 2048;
  private static final String ID = "id";
  private static final String VERSION = "version";
  private static final String CREATED_AT = "createdAt";
  private static final String UPDATED_AT = "updatedAt";
  private static final String CATALOG_VERSION = "catalogVersion";

  /** Entry attributes the client sets (everything but the key and store-managed fields). */
  private static final List<String> CONTENT_ATTRIBUTES =
      List.of(
          "type",
          "name",
          "title",
          "description",
          "lambdaArn",
          "parameters",
          "inputSchema",
          "outputSchema",
          "annotations",
          "uri",
          "uriTemplate",
          "mimeType",
          "arguments",
          "allowedPrincipals",
          "completions",
          "invokeMode");

  private static final TypeReference<List<PromptArgument>> ARGUMENTS = new TypeReference<>() {};
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private static final TypeReference<Map<String, List<String>>> COMPLETIONS =
      new TypeReference<>() {};
  private static final AttributeValue ONE = AttributeValue.fromN("1");
  private static final int BUMP_ATTEMPTS = 3;

  private final DynamoDbClient client;
  private final String tableName;
  private final Clock clock;
  private final String cursorScope;

  public DynamoDbRegistryStore(DynamoDbClient client, String tableName) {
    this(client, tableName, Clock.systemUTC());
  }

  public DynamoDbRegistryStore(DynamoDbClient client, String tableName, Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.tableName = Objects.requireNonNull(tableName, "tableName");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.cursorScope = "dynamodb:" + tableName;
  }

  @Override
  public RegistryEntry create(RegistryEntry entry) {
    String id = requireEntryId(entry.id());
    if (!isEntryKey(id)) {
      throw new IllegalArgumentException("entry id longer than DynamoDB's 2048-byte key limit");
    }
    EntryTooLargeException.check(entry);
    return announced(id, () -> put(entry, id));
  }

  private RegistryEntry put(RegistryEntry entry, String id) {
    String now = clock.instant().toString();
    RegistryEntry stored = entry.withStoreFields(id, 1L, now, now);
    Map<String, AttributeValue> item = new HashMap<>(contentAttributes(stored));
    item.put(ID, AttributeValue.fromS(id));
    item.put(VERSION, AttributeValue.fromN("1"));
    item.put(CREATED_AT, AttributeValue.fromS(now));
    item.put(UPDATED_AT, AttributeValue.fromS(now));
    try {
      client.putItem(
          b ->
              b.tableName(tableName)
                  .item(item)
                  .conditionExpression("attribute_not_exists(#id)")
                  .expressionAttributeNames(Map.of("#id", ID)));
    } catch (ConditionalCheckFailedException e) {
      throw new EntryAlreadyExistsException("entry '" + id + "' already exists");
    } catch (SdkException e) {
      throw unavailable("create", e);
    }
    return stored;
  }

  @Override
  public Optional<RegistryEntry> get(String id) {
    if (!isEntryKey(id)) {
      return Optional.empty();
    }
    return getItem(id).map(this::fromItem);
  }

  @Override
  public RegistryEntry update(RegistryEntry entry, Long expectedVersion) {
    String id = requireEntryId(entry.id());
    if (!isEntryKey(id)) {
      throw new EntryNotFoundException("no entry '" + id + "'");
    }
    EntryTooLargeException.check(entry);
    return announced(id, () -> replace(entry, id, expectedVersion));
  }

  private RegistryEntry replace(RegistryEntry entry, String id, Long expectedVersion) {
    Map<String, String> names = new HashMap<>();
    Map<String, AttributeValue> values = new HashMap<>();
    StringJoiner set = new StringJoiner(", ", "SET ", "");
    StringJoiner remove = new StringJoiner(", ", " REMOVE ", "").setEmptyValue("");
    Map<String, AttributeValue> content = contentAttributes(entry);
    for (int i = 0; i < CONTENT_ATTRIBUTES.size(); i++) {
      String attribute = CONTENT_ATTRIBUTES.get(i);
      names.put("#a" + i, attribute);
      AttributeValue value = content.get(attribute);
      if (value == null) {
        remove.add("#a" + i);
      } else {
        values.put(":a" + i, value);
        set.add("#a" + i + " = :a" + i);
      }
    }
    names.put("#version", VERSION);
    names.put("#updatedAt", UPDATED_AT);
    values.put(":one", ONE);
    values.put(":now", AttributeValue.fromS(clock.instant().toString()));
    set.add("#updatedAt = :now").add("#version = #version + :one");
    String condition;
    if (expectedVersion == null) {
      names.put("#id", ID);
      condition = "attribute_exists(#id)";
    } else {
      values.put(":expected", AttributeValue.fromN(Long.toString(expectedVersion)));
      condition = "#version = :expected";
    }
    UpdateItemResponse response;
    try {
      response =
          client.updateItem(
              b ->
                  b.tableName(tableName)
                      .key(key(id))
                      .updateExpression(set.toString() + remove)
                      .conditionExpression(condition)
                      .expressionAttributeNames(names)
                      .expressionAttributeValues(values)
                      .returnValues(ReturnValue.ALL_NEW)
                      .returnValuesOnConditionCheckFailure(
                          ReturnValuesOnConditionCheckFailure.ALL_OLD));
    } catch (ConditionalCheckFailedException e) {
      throw conditionFailed(id, expectedVersion, e);
    } catch (SdkException e) {
      throw unavailable("update", e);
    }
    return fromItem(response.attributes());
  }

  @Override
  public void delete(String id, Long expectedVersion) {
    if (!isEntryKey(id)) {
      throw new EntryNotFoundException("no entry '" + id + "'");
    }
    announced(
        id,
        () -> {
          remove(id, expectedVersion);
          return null;
        });
  }

  private void remove(String id, Long expectedVersion) {
    Map<String, String> names = new HashMap<>();
    Map<String, AttributeValue> values = new HashMap<>();
    String condition;
    if (expectedVersion == null) {
      names.put("#id", ID);
      condition = "attribute_exists(#id)";
    } else {
      names.put("#version", VERSION);
      values.put(":expected", AttributeValue.fromN(Long.toString(expectedVersion)));
      condition = "#version = :expected";
    }
    try {
      client.deleteItem(
          b ->
              b.tableName(tableName)
                  .key(key(id))
                  .conditionExpression(condition)
                  .expressionAttributeNames(names)
                  .expressionAttributeValues(values.isEmpty() ? null : values)
                  .returnValuesOnConditionCheckFailure(
                      ReturnValuesOnConditionCheckFailure.ALL_OLD));
    } catch (ConditionalCheckFailedException e) {
      throw conditionFailed(id, expectedVersion, e);
    } catch (SdkException e) {
      throw unavailable("delete", e);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Scans until the page is full or the table ends ({@code Limit} counts items before the
   * catalog item is dropped). It asks for one entry more than the page needs, so a full page is
   * known to be the last one and then has no cursor.
   */
  @Override
  public RegistryPage list(int limit, String cursor) {
    if (limit < 1 || limit > 1000) {
      throw new IllegalArgumentException("limit must be 1..1000");
    }
    Map<String, AttributeValue> startKey =
        cursor == null ? null : key(RegistryCursor.decode(cursorScope, cursor));
    List<RegistryEntry> page = new ArrayList<>(Math.min(limit, 64));
    while (true) {
      ScanResponse response = scan(limit - page.size() + 1, startKey);
      for (Map<String, AttributeValue> item : response.items()) {
        if (CATALOG_ID.equals(stringAttribute(item, ID))) {
          continue;
        }
        if (page.size() == limit) {
          // there is at least one more entry: the next page starts after the last one here
          return new RegistryPage(
              page, RegistryCursor.encode(cursorScope, page.get(page.size() - 1).id()));
        }
        page.add(fromItem(item));
      }
      if (!response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty()) {
        return new RegistryPage(page, null);
      }
      startKey = response.lastEvaluatedKey();
    }
  }

  @Override
  public long catalogVersion() {
    return getItem(CATALOG_ID)
        .map(item -> item.get(CATALOG_VERSION))
        .map(v -> Long.parseLong(v.n()))
        .orElse(0L);
  }

  private ScanResponse scan(int limit, Map<String, AttributeValue> startKey) {
    try {
      return client.scan(
          b ->
              b.tableName(tableName).limit(limit).consistentRead(true).exclusiveStartKey(startKey));
    } catch (SdkException e) {
      throw unavailable("list", e);
    }
  }

  private Optional<Map<String, AttributeValue>> getItem(String id) {
    GetItemResponse response;
    try {
      response = client.getItem(b -> b.tableName(tableName).key(key(id)).consistentRead(true));
    } catch (SdkException e) {
      throw unavailable("read", e);
    }
    return response.hasItem() && !response.item().isEmpty()
        ? Optional.of(response.item())
        : Optional.empty();
  }

  /**
   * Runs one entry write, then bumps the catalog version whatever the write's outcome (see {@link
   * RegistryStore}): a failed write may follow an unannounced one (a retry after a failed bump) or
   * may itself have been applied (a timeout after the service wrote). A failed bump after a
   * successful write fails the call, saying the entry was written; after a failed write the write's
   * own exception is what the caller gets.
   */
  private <T> T announced(String id, Supplier<T> write) {
    T result;
    try {
      result = write.get();
    } catch (RegistryException writeFailure) {
      try {
        bumpCatalogVersion();
      } catch (SdkException bumpFailure) {
        LOG.warn(
            "write of entry '{}' failed ({}) and the catalog version could not be bumped ({})",
            id,
            writeFailure.getClass().getSimpleName(),
            describe(bumpFailure));
      }
      throw writeFailure;
    }
    try {
      bumpCatalogVersion();
    } catch (SdkException e) {
      LOG.warn(
          "entry '{}' was written to table {} but the catalog version was not bumped ({})",
          id,
          tableName,
          describe(e));
      throw new RegistryUnavailableException(
          "entry '"
              + id
              + "' was written but the catalog version could not be bumped ("
              + describe(e)
              + "); retry the same request: every write attempt bumps it",
          e);
    }
    return result;
  }

  /** {@code ADD catalogVersion 1}, attempted up to {@value #BUMP_ATTEMPTS} times. */
  private void bumpCatalogVersion() {
    for (int attempt = 1; ; attempt++) {
      try {
        client.updateItem(
            b ->
                b.tableName(tableName)
                    .key(key(CATALOG_ID))
                    .updateExpression("ADD #cv :one")
                    .expressionAttributeNames(Map.of("#cv", CATALOG_VERSION))
                    .expressionAttributeValues(Map.of(":one", ONE)));
        return;
      } catch (SdkException e) {
        if (attempt == BUMP_ATTEMPTS) {
          throw e;
        }
        try {
          Thread.sleep(50L * attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /**
   * Tells a missing entry from a stale version after a failed condition. DynamoDB returns the
   * current item with the failure; servers that do not (dynalite) get one consistent read.
   */
  private RuntimeException conditionFailed(
      String id, Long expectedVersion, ConditionalCheckFailedException e) {
    Optional<Map<String, AttributeValue>> current =
        e.hasItem() && !e.item().isEmpty() ? Optional.of(e.item()) : Optional.empty();
    if (expectedVersion == null) {
      // the only condition was attribute_exists(id)
      return new EntryNotFoundException("no entry '" + id + "'");
    }
    if (current.isEmpty()) {
      current = getItem(id);
    }
    if (current.isEmpty()) {
      return new EntryNotFoundException("no entry '" + id + "'");
    }
    AttributeValue version = current.get().get(VERSION);
    return new StaleVersionException(
        "entry '"
            + id
            + "' is at version "
            + (version == null ? "?" : version.n())
            + ", not "
            + expectedVersion);
  }

  private static Map<String, AttributeValue> contentAttributes(RegistryEntry e) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    putString(item, "type", e.type() == null ? null : e.type().wireName());
    putString(item, "name", e.name());
    putString(item, "title", e.title());
    putString(item, "description", e.description());
    putString(item, "lambdaArn", e.lambdaArn());
    putJson(item, "parameters", e.parameters());
    putJson(item, "inputSchema", e.inputSchema());
    putJson(item, "outputSchema", e.outputSchema());
    putJson(item, "annotations", e.annotations());
    putString(item, "uri", e.uri());
    putString(item, "uriTemplate", e.uriTemplate());
    putString(item, "mimeType", e.mimeType());
    putJson(item, "arguments", e.arguments());
    putJson(item, "allowedPrincipals", e.allowedPrincipals());
    putJson(item, "completions", e.completions());
    putString(item, "invokeMode", e.invokeMode());
    return item;
  }

  private RegistryEntry fromItem(Map<String, AttributeValue> item) {
    String id = stringAttribute(item, ID);
    try {
      String type = stringAttribute(item, "type");
      AttributeValue version = item.get(VERSION);
      return RegistryEntry.builder(
              type == null ? null : EntryType.fromWire(type), stringAttribute(item, "name"))
          .id(id)
          .title(stringAttribute(item, "title"))
          .description(stringAttribute(item, "description"))
          .lambdaArn(stringAttribute(item, "lambdaArn"))
          .parameters(jsonTree(item, "parameters"))
          .inputSchema(jsonTree(item, "inputSchema"))
          .outputSchema(jsonTree(item, "outputSchema"))
          .annotations(jsonTree(item, "annotations"))
          .uri(stringAttribute(item, "uri"))
          .uriTemplate(stringAttribute(item, "uriTemplate"))
          .mimeType(stringAttribute(item, "mimeType"))
          .arguments(jsonValue(item, "arguments", ARGUMENTS))
          .allowedPrincipals(jsonValue(item, "allowedPrincipals", STRINGS))
          .version(version == null ? null : Long.valueOf(version.n()))
          .createdAt(stringAttribute(item, CREATED_AT))
          .updatedAt(stringAttribute(item, UPDATED_AT))
          .completions(jsonValue(item, "completions", COMPLETIONS))
          .invokeMode(stringAttribute(item, "invokeMode"))
          .build();
    } catch (JsonProcessingException | NumberFormatException e) {
      throw new RegistryUnavailableException(
          "registry item '" + id + "' in table " + tableName + " is malformed", e);
    }
  }

  private static void putString(Map<String, AttributeValue> item, String name, String value) {
    if (value != null) {
      item.put(name, AttributeValue.fromS(value));
    }
  }

  private static void putJson(Map<String, AttributeValue> item, String name, Object value) {
    if (value != null) {
      item.put(name, AttributeValue.fromS(Json.write(value)));
    }
  }

  private static String stringAttribute(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null ? null : v.s();
  }

  private static JsonNode jsonTree(Map<String, AttributeValue> item, String name)
      throws JsonProcessingException {
    String json = stringAttribute(item, name);
    return json == null ? null : Json.readTree(json);
  }

  private static <T> T jsonValue(
      Map<String, AttributeValue> item, String name, TypeReference<T> type)
      throws JsonProcessingException {
    String json = stringAttribute(item, name);
    return json == null ? null : Json.mapper().readValue(json, type);
  }

  private static Map<String, AttributeValue> key(String id) {
    return Map.of(ID, AttributeValue.fromS(id));
  }

  /**
   * Whether an id can name an entry item: DynamoDB refuses empty keys and keys over 2048 bytes with
   * a ValidationException, which must not turn a client's odd id into an "unavailable" error.
   */
  private static boolean isEntryKey(String id) {
    return id != null
        && !id.isEmpty()
        && !CATALOG_ID.equals(id)
        && (id.length() <= MAX_KEY_BYTES / 3
            || id.getBytes(StandardCharsets.UTF_8).length <= MAX_KEY_BYTES);
  }

  private static String requireEntryId(String id) {
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException("entry id is required");
    }
    if (CATALOG_ID.equals(id)) {
      throw new IllegalArgumentException("'" + CATALOG_ID + "' is reserved for the catalog item");
    }
    return id;
  }

  private RegistryUnavailableException unavailable(String operation, SdkException e) {
    return new RegistryUnavailableException(
        "registry " + operation + " failed on table " + tableName + ": " + describe(e), e);
  }

  /** The AWS error code or the client-side message, without request data. */
  private static String describe(SdkException e) {
    if (e instanceof AwsServiceException service
        && service.awsErrorDetails() != null
        && service.awsErrorDetails().errorCode() != null) {
      return service.awsErrorDetails().errorCode();
    }
    return e.getClass().getSimpleName();
  }
}
