package dev.mcplambda.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcplambda.session.SessionRecord;
import dev.mcplambda.session.SessionStore;
import dev.mcplambda.session.SessionStoreContractTest;
import dev.mcplambda.session.SessionStoreUnavailableException;
import dev.mcplambda.session.StoredMessage;
import dev.mcplambda.testing.Dynalite;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * The shared session-store contract against {@link DynamoDbSessionStore} on a real DynamoDB-API
 * server (dynalite), one fresh table per test; plus the DynamoDB store's own guarantees: the item
 * layout of DESIGN §4, deletes beyond one batch, the hole left by a dead writer, failure mapping.
 */
class DynamoDbSessionStoreContractTest extends SessionStoreContractTest {

  private final List<DynamoDbClient> clients = new ArrayList<>();
  private String table;

  @Override
  protected SessionStore newStore(Clock clock) {
    table = "sessions-" + UUID.randomUUID();
    DynamoDbClient client = newClient();
    createSessionTable(client, table);
    return new DynamoDbSessionStore(
        client, table, clock, DynamoDbSessionStore.DEFAULT_POLL_INTERVAL);
  }

  /** A store on the same table with its own client, as a separate Lambda invocation has. */
  @Override
  protected SessionStore anotherProcess() {
    return new DynamoDbSessionStore(
        newClient(), table, clock, DynamoDbSessionStore.DEFAULT_POLL_INTERVAL);
  }

  @AfterEach
  void closeClients() {
    clients.forEach(DynamoDbClient::close);
  }

  // ---- DynamoDB-specific ----

  @Test
  void itemsFollowTheTableLayoutWithTheTtlAttributeOnEveryItem() {
    // given
    SessionRecord session = fullSession(newId());
    store.create(session);

    // when
    store.append(session.sessionId(), "{\"n\":1}");
    store.append(session.sessionId(), "{\"n\":2}");

    // then
    List<Map<String, AttributeValue>> items = rawItems(session.sessionId());
    assertThat(items)
        .extracting(i -> i.get("sk").s())
        .containsExactly("meta", "msg#00000000000000000001", "msg#00000000000000000002");
    Map<String, AttributeValue> meta = items.get(0);
    assertThat(meta.get("principal").s()).isEqualTo(session.principal());
    assertThat(meta.get("clientInfo").s()).startsWith("{").contains("contract-client");
    assertThat(meta.get("nextSeq").n()).isEqualTo("2");
    assertThat(items)
        .allSatisfy(
            i -> assertThat(i.get("expiresAt").n()).isEqualTo(Long.toString(session.expiresAt())));
    assertThat(items.get(2).get("body").s()).isEqualTo("{\"n\":2}");
  }

  @Test
  void anExpectedResponseIsARspItemWithItsOwnTtlAndGoesWithTheSession() {
    // given
    String id = created();

    // when
    store.expectResponse(id, "srv-1");
    anotherProcess().putResponse(id, "srv-1", "{\"jsonrpc\":\"2.0\",\"id\":\"srv-1\"}");

    // then
    List<Map<String, AttributeValue>> items = rawItems(id);
    assertThat(items).extracting(i -> i.get("sk").s()).containsExactly("meta", "rsp#srv-1");
    Map<String, AttributeValue> rsp = items.get(1);
    assertThat(rsp.get("body").s()).contains("srv-1");
    assertThat(rsp.get("expiresAt").n())
        .isEqualTo(
            Long.toString(T0.getEpochSecond() + DynamoDbSessionStore.RESPONSE_TTL.toSeconds()));
    store.delete(id);
    assertThat(rawItems(id)).isEmpty();
  }

  @Test
  void deleteRemovesEveryItemEvenBeyondOneBatch() {
    // given more messages than one BatchWriteItem takes
    String id = created();
    for (int i = 0; i < 60; i++) {
      store.append(id, "{\"i\":" + i + "}");
    }
    assertThat(rawItems(id)).hasSize(61);

    // when
    store.delete(id);

    // then
    assertThat(rawItems(id)).isEmpty();
  }

  @Test
  void aPollWaitsForAWriterBetweenItsCounterUpdateAndItsPut() throws Exception {
    // given writer 1 has taken number 1 but not yet written; writer 2 has written number 2
    DynamoDbSessionStore dynamo = (DynamoDbSessionStore) store;
    String id = created();
    DynamoDbSessionStore.Allocation slow = dynamo.allocate(id);
    assertThat(anotherProcess().append(id, "{\"w\":2}")).isEqualTo(2);

    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      Future<List<StoredMessage>> waiting =
          executor.submit(() -> dynamo.poll(id, 0, Duration.ofMinutes(5)));
      Thread.sleep(300); // the poll sees 2 without 1 and must not return it yet

      // when writer 1 finishes
      dynamo.write(id, slow.seq(), "{\"w\":1}", slow.expiresAt());

      // then the reader gets both, in order
      assertThat(waiting.get(60, TimeUnit.SECONDS))
          .containsExactly(new StoredMessage(1, "{\"w\":1}"), new StoredMessage(2, "{\"w\":2}"));
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void aHoleLeftByADeadWriterIsSkippedOnlyAfterTheGracePeriod() throws InterruptedException {
    // given writer 1 took number 1 and died; writer 2 wrote number 2
    DynamoDbSessionStore dynamo = (DynamoDbSessionStore) store;
    String id = created();
    dynamo.allocate(id);
    assertThat(dynamo.append(id, "{\"w\":2}")).isEqualTo(2);

    // when the grace period has not passed, the reader waits for number 1
    assertThat(dynamo.poll(id, 0, Duration.ofMillis(300))).isEmpty();

    // when it has passed, the reader skips the hole
    clock.advance(DynamoDbSessionStore.GAP_GRACE.plusSeconds(1));
    assertThat(dynamo.poll(id, 0, Duration.ofSeconds(5)))
        .containsExactly(new StoredMessage(2, "{\"w\":2}"));
  }

  @Test
  void aMessageTooLargeForAnItemIsRefusedWithoutTakingANumber() {
    // given
    String id = created();
    String huge = "\"" + "x".repeat(SessionStore.MAX_MESSAGE_BYTES) + "\"";

    // when / then
    assertThatThrownBy(() -> store.append(id, huge)).isInstanceOf(IllegalArgumentException.class);
    assertThat(store.append(id, "{}")).isEqualTo(1);
  }

  @Test
  void serviceFailuresBecomeSessionStoreUnavailable() {
    // given a store whose table does not exist
    SessionStore broken = new DynamoDbSessionStore(newClient(), "no-such-table-" + newId());

    // when / then
    assertThatThrownBy(() -> broken.get(newId()))
        .isInstanceOf(SessionStoreUnavailableException.class)
        .hasMessageContaining("session store unavailable (get)");
    assertThatThrownBy(() -> broken.append(newId(), "{}"))
        .isInstanceOf(SessionStoreUnavailableException.class)
        .hasMessageContaining("session store unavailable (append)");
  }

  // ---- fixtures ----

  private DynamoDbClient newClient() {
    DynamoDbClient client = DynamoDbClients.forEndpoint(Dynalite.endpoint());
    clients.add(client);
    return client;
  }

  private List<Map<String, AttributeValue>> rawItems(String sessionId) {
    return clients
        .get(0)
        .query(
            b ->
                b.tableName(table)
                    .keyConditionExpression("sessionId = :id")
                    .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(sessionId)))
                    .consistentRead(true))
        .items();
  }

  /** The session table of DESIGN §4 (TTL is not enabled: dynalite has none). */
  private static void createSessionTable(DynamoDbClient client, String name) {
    client.createTable(
        b ->
            b.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                    AttributeDefinition.builder()
                        .attributeName("sessionId")
                        .attributeType(ScalarAttributeType.S)
                        .build(),
                    AttributeDefinition.builder()
                        .attributeName("sk")
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .keySchema(
                    KeySchemaElement.builder()
                        .attributeName("sessionId")
                        .keyType(KeyType.HASH)
                        .build(),
                    KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build()));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (client.describeTable(b -> b.tableName(name)).table().tableStatus()
        != TableStatus.ACTIVE) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("table " + name + " did not become ACTIVE");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
