package dev.mcplambda.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcplambda.testing.Dynalite;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** {@link DynamoDbTables} against dynalite (which has no {@code UpdateTimeToLive}). */
class DynamoDbTablesIT {

  private static DynamoDbClient client;

  @BeforeAll
  static void connect() {
    client = DynamoDbClients.forEndpoint(Dynalite.endpoint());
  }

  @AfterAll
  static void disconnect() {
    client.close();
  }

  @Test
  void registryTableIsCreatedOnceWithItsKeySchema() {
    // given
    String name = "registry-" + UUID.randomUUID();

    // when
    boolean first = DynamoDbTables.ensureRegistryTable(client, name);
    boolean second = DynamoDbTables.ensureRegistryTable(client, name);

    // then
    assertThat(first).isTrue();
    assertThat(second).isFalse();
    TableDescription table = describe(name);
    assertThat(table.tableStatus()).isEqualTo(TableStatus.ACTIVE);
    assertThat(table.keySchema()).containsExactly(key("id", KeyType.HASH));
    assertThat(table.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
  }

  @Test
  void sessionTableIsCreatedOnceEvenWhereTtlIsUnsupported() {
    // given: dynalite answers UpdateTimeToLive with UnknownOperationException
    String name = "sessions-" + UUID.randomUUID();

    // when
    boolean first = DynamoDbTables.ensureSessionTable(client, name);
    boolean second = DynamoDbTables.ensureSessionTable(client, name);

    // then
    assertThat(first).isTrue();
    assertThat(second).isFalse();
    TableDescription table = describe(name);
    assertThat(table.tableStatus()).isEqualTo(TableStatus.ACTIVE);
    assertThat(table.keySchema())
        .containsExactlyInAnyOrder(key("sessionId", KeyType.HASH), key("sk", KeyType.RANGE));
    assertThat(table.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
  }

  @Test
  void aTableWithAnotherKeySchemaIsRefused() {
    // given: a session-shaped table under the registry's name
    String name = "wrong-" + UUID.randomUUID();
    DynamoDbTables.ensureSessionTable(client, name);

    // when / then
    assertThatThrownBy(() -> DynamoDbTables.ensureRegistryTable(client, name))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(name)
        .hasMessageContaining("key schema");
  }

  private static TableDescription describe(String name) {
    return client.describeTable(b -> b.tableName(name)).table();
  }

  private static KeySchemaElement key(String name, KeyType type) {
    return KeySchemaElement.builder().attributeName(name).keyType(type).build();
  }
}
