package dev.mcplambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.http.FunctionUrlResponse;
import dev.mcplambda.json.Json;
import dev.mcplambda.registry.RegistryStore;
import dev.mcplambda.store.dynamodb.DynamoDbClients;
import dev.mcplambda.store.dynamodb.DynamoDbRegistryStore;
import dev.mcplambda.store.dynamodb.DynamoDbTables;
import dev.mcplambda.store.memory.InMemoryRegistryStore;
import dev.mcplambda.testing.Dynalite;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The admin plane on the DynamoDB registry store, against a real DynamoDB-API server (dynalite):
 * the event-driven flows whose outcome depends on the store (conditional writes, cursors, the
 * catalog counter) and the wire shape, which must not depend on the store.
 */
class RegistrationHandlerDynamoDbIT {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
  private static final Pattern NEXT = Pattern.compile("</register\\?([^>]*)>; rel=\"next\"");

  private static DynamoDbClient client;
  private String table;
  private RegistryStore store;
  private RegistrationHandler handler;

  @BeforeAll
  static void connect() {
    String endpoint = Dynalite.endpoint();
    System.out.println("[it] registration handler on DynamoDbRegistryStore at " + endpoint);
    client = DynamoDbClients.forEndpoint(endpoint);
  }

  @AfterAll
  static void disconnect() {
    client.close();
  }

  @BeforeEach
  void freshTable() {
    table = "registry-" + UUID.randomUUID();
    DynamoDbTables.ensureRegistryTable(client, table);
    store = new DynamoDbRegistryStore(client, table, CLOCK);
    handler = new RegistrationHandler(store);
  }

  @AfterEach
  void dropTable() {
    client.deleteTable(b -> b.tableName(table));
  }

  private FunctionUrlResponse call(String event) {
    return call(AdminEvent.load(event));
  }

  private FunctionUrlResponse call(AdminEvent event) {
    return handler.handle(event.request());
  }

  /** The event with another description: same id, other content. */
  private static AdminEvent otherContent(String event) {
    return AdminEvent.load(event).editBody(b -> b.put("description", "something else"));
  }

  @Test
  void entriesLookTheSameAsWithTheInMemoryStore() throws Exception {
    RegistrationHandler inMemory = new RegistrationHandler(new InMemoryRegistryStore(CLOCK));
    for (String event :
        List.of(
            "register-post.json",
            "register-post-resource.json",
            "register-post-prompt.json",
            "register-put.json",
            "register-get.json")) {
      FunctionUrlResponse dynamo = call(event);
      FunctionUrlResponse memory = inMemory.handle(AdminEvent.load(event).request());

      assertThat(dynamo.statusCode()).as(event).isEqualTo(memory.statusCode());
      assertThat(dynamo.headers()).as(event).isEqualTo(memory.headers());
      assertThat(Json.readTree(dynamo.body())).as(event).isEqualTo(Json.readTree(memory.body()));
    }
  }

  @Test
  void seedExampleRoundTripsWithItsDerivedSchema() throws Exception {
    assertThat(call("register-post.json").statusCode()).isEqualTo(201);

    FunctionUrlResponse get = call("register-get.json");

    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.header("ETag")).isEqualTo("\"1\"");
    assertThat(Json.readTree(get.body()).path("inputSchema"))
        .isEqualTo(
            Json.readTree(
                "{\"type\":\"object\",\"properties\":{\"payload\":{\"type\":\"object\"}},"
                    + "\"required\":[\"payload\"]}"));
  }

  @Test
  void conditionalWritesMapTo409And412And404() {
    call("register-post.json");

    assertThat(call("register-post.json").statusCode())
        .as("a retried identical create is answered like the first")
        .isEqualTo(201);
    assertThat(call(otherContent("register-post.json")).statusCode()).isEqualTo(409);
    assertThat(call("register-put-stale.json").statusCode()).isEqualTo(412);
    assertThat(call("register-delete-stale.json").statusCode()).isEqualTo(412);
    assertThat(call("register-put.json").statusCode()).isEqualTo(200);
    assertThat(call("register-put.json").statusCode())
        .as("a retried PUT whose change is already applied")
        .isEqualTo(200);
    assertThat(call(otherContent("register-put.json")).statusCode())
        .as("If-Match \"1\" is stale now")
        .isEqualTo(412);
    assertThat(call("register-delete.json").statusCode()).isEqualTo(204);
    assertThat(call("register-delete.json").statusCode()).isEqualTo(404);
    assertThat(call("register-put.json").statusCode()).isEqualTo(404);
    assertThat(call("register-get.json").statusCode()).isEqualTo(404);
  }

  @Test
  void pagingWalkWithDynamoDbCursors() throws Exception {
    for (int i = 0; i < 5; i++) {
      int n = i;
      call(AdminEvent.load("register-post.json").editBody(b -> b.put("name", "tool_" + n)));
    }

    List<String> seen = new ArrayList<>();
    AdminEvent next = AdminEvent.load("register-list-page.json");
    int pages = 0;
    while (next != null && pages++ < 10) {
      FunctionUrlResponse page = handler.handle(next.request());
      assertThat(page.statusCode()).isEqualTo(200);
      JsonNode body = Json.readTree(page.body());
      assertThat(body.size()).isLessThanOrEqualTo(2);
      seen.addAll(body.findValuesAsText("id"));
      String link = page.header("Link");
      if (link == null) {
        next = null;
      } else {
        Matcher m = NEXT.matcher(link);
        assertThat(m.matches()).as(link).isTrue();
        next = AdminEvent.load("register-list-page.json").query(m.group(1));
      }
    }

    assertThat(seen)
        .containsExactlyInAnyOrder(
            "tool-tool_0", "tool-tool_1", "tool-tool_2", "tool-tool_3", "tool-tool_4");
  }

  @Test
  void cursorsOfAnotherStoreAre400() throws Exception {
    InMemoryRegistryStore memory = new InMemoryRegistryStore();
    RegistrationHandler inMemory = new RegistrationHandler(memory);
    inMemory.handle(AdminEvent.load("register-post.json").request());
    inMemory.handle(AdminEvent.load("register-post-prompt.json").request());
    String link =
        inMemory
            .handle(AdminEvent.load("register-list.json").query("limit=1").request())
            .header("Link");
    Matcher m = NEXT.matcher(link);
    assertThat(m.matches()).isTrue();

    FunctionUrlResponse response =
        handler.handle(AdminEvent.load("register-list.json").query(m.group(1)).request());

    assertThat(response.statusCode()).isEqualTo(400);
    ObjectNode error = (ObjectNode) Json.readTree(response.body());
    assertThat(error.path("details").get(0).path("field").asText()).isEqualTo("cursor");
  }

  @Test
  void writesBumpTheCatalogVersion() {
    long v0 = store.catalogVersion();
    call("register-post.json");
    long v1 = store.catalogVersion();
    call("register-put-stale.json");
    long v2 = store.catalogVersion();
    call("register-put.json");
    long v3 = store.catalogVersion();
    call("register-delete.json");
    long v4 = store.catalogVersion();

    assertThat(v1).isGreaterThan(v0);
    // a refused write attempt (412) bumps too, so a retry announces an earlier write
    assertThat(v2).isEqualTo(v1 + 1);
    assertThat(v3).isGreaterThan(v2);
    assertThat(v4).isGreaterThan(v3);
  }
}
