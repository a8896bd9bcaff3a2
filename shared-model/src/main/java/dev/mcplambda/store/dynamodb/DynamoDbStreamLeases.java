package dev.mcplambda.store.dynamodb;

import dev.mcplambda.session.SessionStoreUnavailableException;
import dev.mcplambda.session.StreamLeases;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@link StreamLeases} in the session table: partition {@code lease#<kind>#<sha-256 of the
 * principal>} (kind {@code stream} for open streams, {@code session} for session slots), one item
 * per slot ({@code sk = slot#<n>}) with the holder and {@code expiresAt} (epoch seconds, the
 * table's TTL attribute, so leftovers disappear). Acquiring reads the partition (one strongly
 * consistent query), picks a free or expired slot and claims it with a conditional put ({@code
 * attribute_not_exists OR expiresAt < now}); a lost race tries the next free slot. Cost per stream:
 * one query, one put and one delete.
 */
public final class DynamoDbStreamLeases implements StreamLeases {

  private static final Logger LOG = LoggerFactory.getLogger(DynamoDbStreamLeases.class);
  private static final String PK = DynamoDbSessionStore.PK;
  private static final String SK = DynamoDbSessionStore.SK;
  private static final String EXPIRES_AT = DynamoDbSessionStore.EXPIRES_AT;
  private static final String HOLDER = "holder";
  private static final String SLOT_PREFIX = "slot#";
  private static final int ATTEMPTS = 3;

  private final DynamoDbClient client;
  private final String tableName;
  private final Clock clock;
  private final String kind;

  /** Stream slots (kind {@code stream}). */
  public DynamoDbStreamLeases(DynamoDbClient client, String tableName, Clock clock) {
    this(client, tableName, clock, "stream");
  }

  /**
   * @param kind what the slots count ({@code stream}, {@code session}): each kind has its own
   *     partitions
   */
  public DynamoDbStreamLeases(DynamoDbClient client, String tableName, Clock clock, String kind) {
    this.client = client;
    this.tableName = tableName;
    this.clock = clock;
    this.kind = kind;
  }

  @Override
  public Outcome acquire(String principal, int max, long expiresAtMillis) {
    String pk = partition(kind, principal);
    try {
      for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
        long nowSeconds = clock.millis() / 1000;
        Map<Integer, Long> held = new HashMap<>();
        List<Map<String, AttributeValue>> items =
            client
                .query(
                    b ->
                        b.tableName(tableName)
                            .consistentRead(true)
                            .keyConditionExpression("#pk = :pk")
                            .expressionAttributeNames(Map.of("#pk", PK))
                            .expressionAttributeValues(Map.of(":pk", s(pk))))
                .items();
        for (Map<String, AttributeValue> item : items) {
          String sk = item.get(SK).s();
          AttributeValue exp = item.get(EXPIRES_AT);
          long expires = exp == null ? 0 : Long.parseLong(exp.n());
          if (sk.startsWith(SLOT_PREFIX) && expires >= nowSeconds) {
            held.put(Integer.parseInt(sk.substring(SLOT_PREFIX.length())), expires);
          }
        }
        int free = -1;
        for (int i = 0; i < max; i++) {
          if (!held.containsKey(i)) {
            free = i;
            break;
          }
        }
        if (free < 0) {
          long earliest =
              held.entrySet().stream()
                  .filter(e -> e.getKey() < max)
                  .mapToLong(Map.Entry::getValue)
                  .min()
                  .orElse(nowSeconds);
          return new Full(Math.max(1, earliest - nowSeconds + 1));
        }
        String holder = UUID.randomUUID().toString();
        int slot = free;
        long expiresSeconds = (expiresAtMillis + 999) / 1000;
        try {
          client.putItem(
              b ->
                  b.tableName(tableName)
                      .item(
                          Map.of(
                              PK, s(pk),
                              SK, s(SLOT_PREFIX + slot),
                              HOLDER, s(holder),
                              EXPIRES_AT, n(expiresSeconds)))
                      .conditionExpression("attribute_not_exists(#sk) OR #exp < :now")
                      .expressionAttributeNames(Map.of("#sk", SK, "#exp", EXPIRES_AT))
                      .expressionAttributeValues(Map.of(":now", n(nowSeconds))));
          return new Granted(principal, slot, holder, expiresAtMillis);
        } catch (ConditionalCheckFailedException e) {
          // another container took that slot first: look again
        }
      }
      return new Full(1);
    } catch (SdkException e) {
      throw new SessionStoreUnavailableException(
          "session store unavailable (acquire lease): " + e.getClass().getSimpleName(), e);
    }
  }

  @Override
  public void release(Granted lease) {
    try {
      client.deleteItem(
          b ->
              b.tableName(tableName)
                  .key(
                      Map.of(
                          PK,
                          s(partition(kind, lease.principal())),
                          SK,
                          s(SLOT_PREFIX + lease.slot())))
                  .conditionExpression("#h = :h")
                  .expressionAttributeNames(Map.of("#h", HOLDER))
                  .expressionAttributeValues(Map.of(":h", s(lease.holder()))));
    } catch (ConditionalCheckFailedException e) {
      // the lease expired and another stream holds the slot now
    } catch (SdkException e) {
      // the lease frees itself at its expiry
      LOG.warn("releasing a stream lease failed: {}", e.getClass().getSimpleName());
    }
  }

  /** The partition of a principal's slots; hashed, so no ARN shows in keys. */
  static String partition(String kind, String principal) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(principal.getBytes(StandardCharsets.UTF_8));
      return "lease#" + kind + "#" + HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  private static AttributeValue s(String v) {
    return AttributeValue.builder().s(v).build();
  }

  private static AttributeValue n(long v) {
    return AttributeValue.builder().n(Long.toString(v)).build();
  }
}
