package dev.mcplambda.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcplambda.registry.EntryNotFoundException;
import dev.mcplambda.registry.InvalidCursorException;
import dev.mcplambda.registry.RegistryPage;
import dev.mcplambda.registry.RegistryStore;
import dev.mcplambda.registry.RegistryStoreContractTest;
import dev.mcplambda.registry.RegistryUnavailableException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The registry contract against {@link DynamoDbRegistryStore} on some DynamoDB-API server, plus
 * what only the DynamoDB layout has (the catalog item, cursors bound to a table, failures). Each
 * test gets a fresh table with a random name, dropped afterwards.
 */
abstract class AbstractDynamoDbRegistryStoreContractTest extends RegistryStoreContractTest {

  private final List<String> tables = new ArrayList<>();
  private String tableName;

  /** A client for the server under test. */
  protected abstract DynamoDbClient client();

  @Override
  protected RegistryStore newStore(Clock clock) {
    tableName = freshTable();
    return new DynamoDbRegistryStore(client(), tableName, clock);
  }

  private String freshTable() {
    String name = "registry-" + UUID.randomUUID();
    DynamoDbTables.ensureRegistryTable(client(), name);
    tables.add(name);
    return name;
  }

  @AfterEach
  void dropTables() {
    for (String t : tables) {
      client().deleteTable(b -> b.tableName(t));
    }
    tables.clear();
  }

  /**
   * A DELETE (a revocation) lands but every attempt of its catalog bump fails. The caller is told
   * to retry; the retry ends 404 but bumps the version, so warm runtimes reload.
   */
  @Test
  void aWriteWhoseBumpFailsFailsAndItsRetryAnnouncesIt() {
    // given an entry, and a handle whose next 3 catalog bumps (all attempts of one write) fail
    store.create(tool("revoked"));
    long before = store.catalogVersion();
    RegistryStore flaky =
        new DynamoDbRegistryStore(new CatalogBumpFailingClient(client(), 3), tableName);

    // when the delete is written but not announced
    assertThatThrownBy(() -> flaky.delete("tool-revoked", null))
        .isInstanceOf(RegistryUnavailableException.class)
        .hasMessageContaining("was written but the catalog version could not be bumped")
        .hasMessageContaining("retry the same request");
    assertThat(store.get("tool-revoked")).isEmpty();
    assertThat(store.catalogVersion()).isEqualTo(before);

    // and the operator retries
    assertThatThrownBy(() -> flaky.delete("tool-revoked", null))
        .isInstanceOf(EntryNotFoundException.class);

    // then the revocation is announced
    assertThat(store.catalogVersion()).isEqualTo(before + 1);
  }

  @Test
  void aBumpThatFailsTwiceIsRetriedAndTheWriteSucceeds() {
    // given
    RegistryStore flaky =
        new DynamoDbRegistryStore(new CatalogBumpFailingClient(client(), 2), tableName);

    // when
    flaky.create(tool("a"));

    // then
    assertThat(store.catalogVersion()).isEqualTo(1L);
    assertThat(store.get("tool-a")).isPresent();
  }

  @Test
  void theCatalogItemIsNeverAnEntry() {
    // given
    createMixed(4);

    // when
    List<String> listed = new ArrayList<>();
    for (RegistryPage page : walk(1)) {
      listed.addAll(ids(page.entries()));
    }

    // then
    assertThat(store.catalogVersion()).isEqualTo(4L);
    assertThat(listed).hasSize(4).doesNotContain(DynamoDbRegistryStore.CATALOG_ID);
    assertThat(store.get(DynamoDbRegistryStore.CATALOG_ID)).isEmpty();
    assertThatThrownBy(() -> store.delete(DynamoDbRegistryStore.CATALOG_ID, null))
        .isInstanceOf(EntryNotFoundException.class);
    assertThat(store.catalogVersion()).isEqualTo(4L);
  }

  @Test
  void theCatalogIdCannotBeWrittenAsAnEntry() {
    // given
    var entry = tool("x").withStoreFields(DynamoDbRegistryStore.CATALOG_ID, 1, null, null);

    // when / then
    assertThatThrownBy(() -> store.create(entry)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.update(entry, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.catalogVersion()).isZero();
  }

  @Test
  void entriesAreStoredAsDocumented() {
    // given
    store.create(richTool("weather"));

    // when
    var item =
        client()
            .getItem(
                b ->
                    b.tableName(tableName)
                        .key(Map.of("id", AttributeValue.fromS("tool-weather")))
                        .consistentRead(true))
            .item();

    // then
    assertThat(item.get("version").n()).isEqualTo("1");
    assertThat(item.get("type").s()).isEqualTo("tool");
    assertThat(item.get("inputSchema").s()).startsWith("{\"type\":\"object\"");
    assertThat(item.get("allowedPrincipals").s())
        .isEqualTo("[\"arn:aws:iam::123456789012:role/*\"]");
    assertThat(item).doesNotContainKeys("parameters", "uri", "arguments");
  }

  @Test
  void aCursorOfAnotherTableIsRefused() {
    // given
    createMixed(3);
    RegistryStore other = new DynamoDbRegistryStore(client(), freshTable());
    other.create(tool("a"));
    other.create(tool("b"));
    String foreign = other.list(1, null).nextCursor();

    // when / then
    assertThat(foreign).isNotNull();
    assertThatThrownBy(() -> store.list(1, foreign)).isInstanceOf(InvalidCursorException.class);
  }

  @Test
  void aMissingTableIsUnavailableNotNotFound() {
    // given
    RegistryStore missing =
        new DynamoDbRegistryStore(client(), "no-such-table-" + UUID.randomUUID());

    // when / then
    assertThatThrownBy(() -> missing.get("tool-a"))
        .isInstanceOf(RegistryUnavailableException.class)
        .hasMessageContaining("ResourceNotFoundException");
    assertThatThrownBy(() -> missing.create(tool("a")))
        .isInstanceOf(RegistryUnavailableException.class);
    assertThatThrownBy(() -> missing.list(10, null))
        .isInstanceOf(RegistryUnavailableException.class);
    assertThatThrownBy(missing::catalogVersion).isInstanceOf(RegistryUnavailableException.class);
  }

  @Test
  void anUnreachableServerIsUnavailable() throws IOException {
    // given: a loopback port nobody listens on any more
    int port;
    try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    try (DynamoDbClient dead =
        DynamoDbClient.builder()
            .region(Region.US_EAST_1)
            .endpointOverride(URI.create("http://127.0.0.1:" + port))
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
            .build()) {
      RegistryStore unreachable = new DynamoDbRegistryStore(dead, "registry");

      // when / then
      assertThatThrownBy(() -> unreachable.get("tool-a"))
          .isInstanceOf(RegistryUnavailableException.class)
          .hasMessageContaining("registry read failed");
      assertThatThrownBy(() -> unreachable.update(tool("a"), 1L))
          .isInstanceOf(RegistryUnavailableException.class);
      assertThatThrownBy(() -> unreachable.delete("tool-a", 1L))
          .isInstanceOf(RegistryUnavailableException.class);
    }
  }

  @Test
  void ensuringTheTableTwiceIsHarmless() {
    // given: the table of this test exists

    // when
    boolean createdAgain = DynamoDbTables.ensureRegistryTable(client(), tableName);

    // then
    assertThat(createdAgain).isFalse();
    store.create(tool("a"));
    assertThat(store.get("tool-a")).isPresent();
  }
}
