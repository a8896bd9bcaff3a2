package dev.mcplambda.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcplambda.task.TaskRecord;
import dev.mcplambda.task.TaskStore;
import dev.mcplambda.task.TaskStoreContractTest;
import dev.mcplambda.task.TaskStoreUnavailableException;
import dev.mcplambda.testing.Dynalite;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The shared task-store contract against {@link DynamoDbTaskStore} on a real DynamoDB-API server
 * (dynalite), one fresh session table per test; plus the item layout.
 */
class DynamoDbTaskStoreContractTest extends TaskStoreContractTest {

  private final List<DynamoDbClient> clients = new ArrayList<>();
  private String table;

  @Override
  protected TaskStore newStore() {
    table = "tasks-" + UUID.randomUUID();
    DynamoDbClient client = DynamoDbClients.forEndpoint(Dynalite.endpoint());
    clients.add(client);
    DynamoDbTables.ensureSessionTable(client, table);
    return new DynamoDbTaskStore(client, table);
  }

  @AfterEach
  void closeClients() {
    clients.forEach(DynamoDbClient::close);
  }

  @Test
  void aTaskIsOneItemUnderItsOwnPrefixInTheSessionTableWithTheTtlAttribute() {
    // given
    TaskRecord task = task(newId());

    // when
    store.create(task);

    // then
    Map<String, AttributeValue> item =
        clients
            .get(0)
            .getItem(
                b ->
                    b.tableName(table)
                        .key(
                            Map.of(
                                "sessionId",
                                AttributeValue.fromS("task#" + task.taskId()),
                                "sk",
                                AttributeValue.fromS("task")))
                        .consistentRead(true))
            .item();
    assertThat(item.get("status").s()).isEqualTo("working");
    assertThat(item.get("expiresAt").n()).isEqualTo(Long.toString(task.expiresAt()));
    assertThat(item.get("version").n()).isEqualTo("1");
    assertThat(item.get("event").s()).startsWith("{").contains("slow_compute");
    assertThat(item).doesNotContainKeys("result", "error", "inputRequests");
  }

  @Test
  void serviceFailuresBecomeTaskStoreUnavailable() {
    // given a store whose table does not exist
    DynamoDbClient client = DynamoDbClients.forEndpoint(Dynalite.endpoint());
    clients.add(client);
    TaskStore broken = new DynamoDbTaskStore(client, "no-such-table-" + newId());

    // when / then
    assertThatThrownBy(() -> broken.get(newId(), now))
        .isInstanceOf(TaskStoreUnavailableException.class)
        .hasMessageContaining("task store unavailable (get)");
  }
}
