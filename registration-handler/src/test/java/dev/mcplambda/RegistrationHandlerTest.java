package dev.mcplambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcplambda.config.Environment;
import dev.mcplambda.http.FunctionUrlResponse;
import dev.mcplambda.json.Json;
import dev.mcplambda.registry.RegistryEntry;
import dev.mcplambda.registry.RegistryPage;
import dev.mcplambda.registry.RegistryStore;
import dev.mcplambda.registry.RegistryUnavailableException;
import dev.mcplambda.store.dynamodb.DynamoDbRegistryStore;
import dev.mcplambda.store.memory.InMemoryRegistryStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every route of docs/admin-api.md, driven by the {@code events/} files. */
class RegistrationHandlerTest {

  private static final String SEED_ID = "tool-data_processor";
  private static final Pattern NEXT = Pattern.compile("<(/register\\?([^>]*))>; rel=\"next\"");

  private InMemoryRegistryStore store;
  private RegistrationHandler handler;

  @BeforeEach
  void setUp() {
    store = new InMemoryRegistryStore();
    handler = new RegistrationHandler(store);
  }

  private FunctionUrlResponse call(AdminEvent event) {
    return handler.handle(event.request());
  }

  private FunctionUrlResponse call(String eventFile) {
    return call(AdminEvent.load(eventFile));
  }

  private static JsonNode json(FunctionUrlResponse response) throws Exception {
    return Json.readTree(response.body());
  }

  /** The event with a description other than the seed's: same id, other content. */
  private static AdminEvent otherDescription(String eventFile) {
    return AdminEvent.load(eventFile).editBody(b -> b.put("description", "something else"));
  }

  @Nested
  class DirectInvoke {

    @Test
    void anEventWithoutFunctionUrlRequestContextIs400AndStoresNothing() throws Exception {
      // given the create event with its requestContext removed, as a direct Invoke could send it
      AdminEvent forged = AdminEvent.load("register-post.json").without("requestContext");

      // when
      FunctionUrlResponse response = call(forged);

      // then
      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(json(response).path("error").asText()).contains("not a Function URL event");
      assertThat(store.list(10, null).entries()).isEmpty();
    }

    @Test
    void anEventWithoutTheIamAuthorizerIs403AndStoresNothing() throws Exception {
      // given the create event without requestContext.authorizer (not an AWS_IAM URL call)
      AdminEvent forged = AdminEvent.load("register-post.json").withoutAuthorizer();

      // when
      FunctionUrlResponse response = call(forged);

      // then
      assertThat(response.statusCode()).isEqualTo(403);
      assertThat(json(response).path("error").asText()).contains("no IAM caller");
      assertThat(store.list(10, null).entries()).isEmpty();
    }
  }

  @Nested
  class PostRegister {

    @Test
    void seedExampleIsAcceptedAndComesBackWithDerivedInputSchema() throws Exception {
      // given the seed README's body, with real ARN values
      String seed =
          "{\"type\":\"tool\",\"name\":\"data_processor\",\"description\":\"...\","
              + "\"lambdaArn\":\"arn:aws:lambda:us-east-1:123456789012:function:data-processor\","
              + "\"parameters\":{\"payload\":\"object\"}}";

      // when it is posted
      FunctionUrlResponse response = call(AdminEvent.load("register-post.json").body(seed));

      // then it is stored with id, version and the derived inputSchema
      assertThat(response.statusCode()).isEqualTo(201);
      JsonNode body = json(response);
      assertThat(body.path("id").asText()).isEqualTo(SEED_ID);
      assertThat(body.path("version").asLong()).isEqualTo(1);
      assertThat(body.path("parameters")).isEqualTo(Json.readTree("{\"payload\":\"object\"}"));
      assertThat(body.path("inputSchema"))
          .isEqualTo(
              Json.readTree(
                  "{\"type\":\"object\",\"properties\":{\"payload\":{\"type\":\"object\"}},"
                      + "\"required\":[\"payload\"]}"));
      assertThat(response.header("Location")).isEqualTo("/register/" + SEED_ID);
      assertThat(response.header("ETag")).isEqualTo("\"1\"");
      assertThat(response.header("Content-Type")).isEqualTo("application/json");
      assertThat(store.get(SEED_ID)).isPresent();
    }

    @Test
    void streamingInvokeModeIsStoredAndReturned() throws Exception {
      // given a streaming tool
      String body =
          "{\"type\":\"tool\",\"name\":\"importer\","
              + "\"lambdaArn\":\"arn:aws:lambda:us-east-1:123456789012:function:importer\","
              + "\"parameters\":{},\"invokeMode\":\"stream\"}";

      // when it is posted and read back
      FunctionUrlResponse created = call(AdminEvent.load("register-post.json").body(body));

      // then the mode is in the response and in the store
      assertThat(created.statusCode()).isEqualTo(201);
      assertThat(json(created).path("invokeMode").asText()).isEqualTo("stream");
      assertThat(store.get("tool-importer").orElseThrow().invokeMode()).isEqualTo("stream");
    }

    @Test
    void registerPostEventCreatesTheTool() throws Exception {
      FunctionUrlResponse response = call("register-post.json");

      assertThat(response.statusCode()).isEqualTo(201);
      assertThat(json(response).path("lambdaArn").asText())
          .isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:data-processor");
    }

    @Test
    void base64EncodedBodyIsDecoded() throws Exception {
      FunctionUrlResponse response = call("register-post-base64.json");

      assertThat(response.statusCode()).isEqualTo(201);
      assertThat(json(response).path("id").asText()).isEqualTo(SEED_ID);
    }

    @Test
    void resourceEventCreatesAResourceTemplate() throws Exception {
      FunctionUrlResponse response = call("register-post-resource.json");

      assertThat(response.statusCode()).isEqualTo(201);
      JsonNode body = json(response);
      assertThat(body.path("id").asText()).isEqualTo("resource-app_logs");
      assertThat(body.path("uriTemplate").asText()).isEqualTo("logs://app/{date}");
      assertThat(body.path("mimeType").asText()).isEqualTo("text/plain");
      assertThat(body.has("inputSchema")).isFalse();
    }

    @Test
    void promptEventCreatesAPromptWithArguments() throws Exception {
      FunctionUrlResponse response = call("register-post-prompt.json");

      assertThat(response.statusCode()).isEqualTo(201);
      JsonNode body = json(response);
      assertThat(body.path("id").asText()).isEqualTo("prompt-code_review");
      assertThat(body.path("arguments").get(0).path("name").asText()).isEqualTo("code");
      assertThat(body.path("arguments").get(0).path("required").asBoolean()).isTrue();
      assertThat(body.path("arguments").get(1).path("required").asBoolean()).isFalse();
    }

    @Test
    void secondPostOfTheSameIdWithOtherContentIs409() throws Exception {
      call("register-post.json");

      FunctionUrlResponse response = call(otherDescription("register-post.json"));

      assertThat(response.statusCode()).isEqualTo(409);
      assertThat(json(response).path("error").asText()).contains("already exists");
      assertThat(store.get(SEED_ID).orElseThrow().description())
          .isEqualTo("Processes data payloads");
      assertThat(store.get(SEED_ID).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void repeatedIdenticalPostIsAnsweredLikeTheFirstAndWritesNothing() throws Exception {
      // given a create that was written (its answer may have been a 503 after a failed bump)
      FunctionUrlResponse first = call("register-post.json");
      long catalogBefore = store.catalogVersion();

      // when the client retries the same request
      FunctionUrlResponse retry = call("register-post.json");

      // then it gets the stored entry as a create, and the attempt is announced again
      assertThat(retry.statusCode()).isEqualTo(201);
      assertThat(retry.header("ETag")).isEqualTo("\"1\"");
      assertThat(retry.header("Location")).isEqualTo("/register/" + SEED_ID);
      assertThat(json(retry)).isEqualTo(json(first));
      assertThat(store.catalogVersion()).isGreaterThan(catalogBefore);
    }

    @Test
    void badArnEventIs400ListingEveryProblem() throws Exception {
      FunctionUrlResponse response = call("register-post-bad-arn.json");

      assertThat(response.statusCode()).isEqualTo(400);
      JsonNode details = json(response).path("details");
      assertThat(details.findValuesAsText("field")).containsOnly("lambdaArn");
      assertThat(details.findValuesAsText("message"))
          .anySatisfy(m -> assertThat(m).contains("region 'region'"))
          .anySatisfy(m -> assertThat(m).contains("account 'account' must be 12 digits"));
      assertThat(store.listAll()).isEmpty();
    }

    @Test
    void malformedEventIs400WithParserPosition() throws Exception {
      FunctionUrlResponse response = call("register-post-malformed.json");

      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(json(response).path("error").asText())
          .startsWith("malformed JSON at line 1, column ");
    }

    @Test
    void wrongContentTypeEventIs415() throws Exception {
      FunctionUrlResponse response = call("register-post-wrong-content-type.json");

      assertThat(response.statusCode()).isEqualTo(415);
      assertThat(json(response).path("error").asText())
          .contains("application/json")
          .contains("text/plain");
    }

    @Test
    void contentTypeWithCharsetParameterIsAccepted() {
      FunctionUrlResponse response =
          call(
              AdminEvent.load("register-post.json")
                  .header("Content-Type", "Application/JSON; charset=UTF-8"));

      assertThat(response.statusCode()).isEqualTo(201);
    }

    @Test
    void oversizedBodyIs413BeforeParsing() throws Exception {
      String huge = "{\"description\":\"" + "x".repeat(256 * 1024) + "\"";
      FunctionUrlResponse response = call(AdminEvent.load("register-post.json").body(huge));

      assertThat(response.statusCode()).isEqualTo(413);
      assertThat(json(response).path("error").asText()).contains("262144 bytes");
    }
  }

  @Nested
  class GetRegister {

    @Test
    void listReturnsTheSeedShapedArray() throws Exception {
      call("register-post.json");
      call("register-post-resource.json");
      call("register-post-prompt.json");

      FunctionUrlResponse response = call("register-list.json");

      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode body = json(response);
      assertThat(body.isArray()).isTrue();
      assertThat(body.findValuesAsText("id"))
          .containsExactly("prompt-code_review", "resource-app_logs", SEED_ID);
      for (JsonNode entry : body) {
        assertThat(entry.path("type").isTextual()).isTrue();
        assertThat(entry.path("name").isTextual()).isTrue();
        assertThat(entry.path("lambdaArn").asText()).startsWith("arn:aws:lambda:");
      }
      assertThat(response.header("Link")).isNull();
    }

    @Test
    void emptyRegistryListsAsEmptyArray() throws Exception {
      FunctionUrlResponse response = call("register-list.json");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(json(response)).isEqualTo(Json.readTree("[]"));
    }

    @Test
    void pagingWalkFollowsLinkHeadersAndVisitsEveryEntryOnce() throws Exception {
      // given five entries
      for (int i = 0; i < 5; i++) {
        int n = i;
        call(AdminEvent.load("register-post.json").editBody(b -> b.put("name", "tool_" + n)));
      }

      // when the pages are walked from register-list-page.json (limit=2) via Link rel="next"
      List<String> seen = new ArrayList<>();
      List<Integer> pageSizes = new ArrayList<>();
      AdminEvent next = AdminEvent.load("register-list-page.json");
      int guard = 0;
      while (next != null && guard++ < 10) {
        FunctionUrlResponse page = call(next);
        assertThat(page.statusCode()).isEqualTo(200);
        JsonNode body = json(page);
        pageSizes.add(body.size());
        seen.addAll(body.findValuesAsText("id"));
        String link = page.header("Link");
        if (link == null) {
          next = null;
        } else {
          Matcher m = NEXT.matcher(link);
          assertThat(m.matches()).as("Link header %s", link).isTrue();
          assertThat(m.group(2)).startsWith("limit=2&cursor=");
          next = AdminEvent.load("register-list-page.json").query(m.group(2));
        }
      }

      // then every entry came exactly once, two per page
      assertThat(seen)
          .containsExactly(
              "tool-tool_0", "tool-tool_1", "tool-tool_2", "tool-tool_3", "tool-tool_4");
      assertThat(pageSizes).containsExactly(2, 2, 1);
    }

    @Test
    void badCursorEventIs400() throws Exception {
      FunctionUrlResponse response = call("register-list-bad-cursor.json");

      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(json(response).path("details").get(0).path("field").asText()).isEqualTo("cursor");
    }

    @Test
    void getReturnsEntryWithETag() throws Exception {
      call("register-post.json");

      FunctionUrlResponse response = call("register-get.json");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.header("ETag")).isEqualTo("\"1\"");
      assertThat(json(response).path("id").asText()).isEqualTo(SEED_ID);
    }

    @Test
    void getUnknownIs404() throws Exception {
      FunctionUrlResponse response = call("register-get-missing.json");

      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(json(response).path("error").asText()).isEqualTo("no entry 'tool-no_such_tool'");
    }
  }

  @Nested
  class PutRegister {

    @Test
    void putWithMatchingIfMatchReplacesAndBumpsVersion() throws Exception {
      call("register-post.json");

      FunctionUrlResponse response = call("register-put.json");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.header("ETag")).isEqualTo("\"2\"");
      JsonNode body = json(response);
      assertThat(body.path("version").asLong()).isEqualTo(2);
      assertThat(body.path("description").asText()).contains("optional count");
      assertThat(body.path("inputSchema").path("required"))
          .isEqualTo(Json.readTree("[\"payload\"]"));
      assertThat(body.path("inputSchema").path("properties").path("count").path("type").asText())
          .isEqualTo("integer");
      assertThat(store.get(SEED_ID).orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void staleIfMatchIs412AndChangesNothing() throws Exception {
      call("register-post.json");

      FunctionUrlResponse response = call("register-put-stale.json");

      assertThat(response.statusCode()).isEqualTo(412);
      assertThat(json(response).path("error").asText()).contains("If-Match");
      assertThat(store.get(SEED_ID).orElseThrow().description())
          .isEqualTo("Processes data payloads");
    }

    @Test
    void secondPutWithTheSameETagLosesTheRace() {
      call("register-post.json");
      String etag = call("register-get.json").header("ETag");

      FunctionUrlResponse first =
          call(AdminEvent.load("register-put.json").header("If-Match", etag));
      FunctionUrlResponse second =
          call(otherDescription("register-put.json").header("If-Match", etag));

      assertThat(first.statusCode()).isEqualTo(200);
      assertThat(second.statusCode()).isEqualTo(412);
      assertThat(store.get(SEED_ID).orElseThrow().description()).contains("optional count");
    }

    @Test
    void retriedPutThatAlreadyAppliedIs200WithoutASecondWrite() throws Exception {
      // given a PUT that was applied (its answer may have been a 503 after a failed bump)
      call("register-post.json");
      String etag = call("register-get.json").header("ETag");
      call(AdminEvent.load("register-put.json").header("If-Match", etag));

      // when the client retries it with the same, now stale, If-Match
      FunctionUrlResponse retry =
          call(AdminEvent.load("register-put.json").header("If-Match", etag));

      // then the change it asked for is there: 200 with the current entry (RFC 9110, 13.1.1)
      assertThat(retry.statusCode()).isEqualTo(200);
      assertThat(retry.header("ETag")).isEqualTo("\"2\"");
      assertThat(json(retry).path("description").asText()).contains("optional count");
      assertThat(store.get(SEED_ID).orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void ifMatchStarAndNoIfMatchOverwrite() {
      call("register-post.json");

      FunctionUrlResponse star = call(AdminEvent.load("register-put.json").header("If-Match", "*"));
      FunctionUrlResponse none =
          call(AdminEvent.load("register-put.json").header("If-Match", null));

      assertThat(star.statusCode()).isEqualTo(200);
      assertThat(none.statusCode()).isEqualTo(200);
      assertThat(none.header("ETag")).isEqualTo("\"3\"");
    }

    @Test
    void putOfUnknownEntryIs404() throws Exception {
      FunctionUrlResponse response = call("register-put.json");

      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(json(response).path("error").asText()).contains(SEED_ID);
      assertThat(store.listAll()).isEmpty();
    }

    @Test
    void renameThroughPutIs400() throws Exception {
      call("register-post.json");

      FunctionUrlResponse response = call("register-put-rename.json");

      assertThat(response.statusCode()).isEqualTo(400);
      JsonNode detail = json(response).path("details").get(0);
      assertThat(detail.path("field").asText()).isEqualTo("name");
      assertThat(detail.path("message").asText()).contains("cannot be changed");
      assertThat(store.get("tool-data_processor_v2")).isEmpty();
    }
  }

  @Nested
  class DeleteRegister {

    @Test
    void deleteIs204ThenGetIs404() {
      call("register-post.json");

      FunctionUrlResponse response = call("register-delete.json");

      assertThat(response.statusCode()).isEqualTo(204);
      assertThat(response.body()).isNull();
      assertThat(call("register-get.json").statusCode()).isEqualTo(404);
    }

    @Test
    void deleteOfUnknownIs404() {
      assertThat(call("register-delete.json").statusCode()).isEqualTo(404);
    }

    @Test
    void deleteWithStaleIfMatchIs412AndKeepsTheEntry() {
      call("register-post.json");

      FunctionUrlResponse response = call("register-delete-stale.json");

      assertThat(response.statusCode()).isEqualTo(412);
      assertThat(store.get(SEED_ID)).isPresent();
    }

    @Test
    void deleteWithCurrentIfMatchSucceeds() {
      call("register-post.json");

      FunctionUrlResponse response =
          call(AdminEvent.load("register-delete.json").header("If-Match", "\"1\""));

      assertThat(response.statusCode()).isEqualTo(204);
      assertThat(store.get(SEED_ID)).isEmpty();
    }
  }

  @Nested
  class Routing {

    @Test
    void patchIs405WithAllow() throws Exception {
      FunctionUrlResponse response = call("register-patch.json");

      assertThat(response.statusCode()).isEqualTo(405);
      assertThat(response.header("Allow")).isEqualTo("GET, PUT, DELETE");
      assertThat(json(response).path("error").asText()).contains("PATCH");
    }

    @Test
    void collectionAllowsOnlyGetAndPost() {
      FunctionUrlResponse response = call(AdminEvent.load("register-list.json").method("DELETE"));

      assertThat(response.statusCode()).isEqualTo(405);
      assertThat(response.header("Allow")).isEqualTo("GET, POST");
    }

    @Test
    void unknownPathIs404() throws Exception {
      FunctionUrlResponse response = call(AdminEvent.load("register-list.json").path("/tools"));

      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(json(response).path("error").asText()).contains("/tools");
    }
  }

  @Nested
  class CatalogVersion {

    @Test
    void everyWriteAttemptBumpsTheCatalogVersionAndNothingElseDoes() {
      long v0 = store.catalogVersion();

      call("register-post.json");
      long afterPost = store.catalogVersion();
      call("register-get.json");
      call("register-list.json");
      call("register-post-bad-arn.json"); // 400: refused before the store
      long afterReadsAndRefusals = store.catalogVersion();
      call(otherDescription("register-post.json")); // 409
      call("register-put-stale.json"); // 412
      long afterFailedWrites = store.catalogVersion();
      call("register-put.json");
      long afterPut = store.catalogVersion();
      call("register-delete.json");
      long afterDelete = store.catalogVersion();

      assertThat(afterPost).isGreaterThan(v0);
      assertThat(afterReadsAndRefusals).isEqualTo(afterPost);
      // failed write attempts bump too: a retry of a write whose bump failed announces it
      assertThat(afterFailedWrites).isEqualTo(afterPost + 2);
      assertThat(afterPut).isGreaterThan(afterFailedWrites);
      assertThat(afterDelete).isGreaterThan(afterPut);
    }
  }

  @Nested
  class StoreOutage {

    @Test
    void unavailableStoreIs503WithRetryAfter() throws Exception {
      RegistrationHandler broken =
          new RegistrationHandler(
              new FailingStore(
                  () ->
                      new RegistryUnavailableException(
                          "throttled", new IllegalStateException("dynamodb said no"))));

      for (String event :
          List.of(
              "register-post.json",
              "register-list.json",
              "register-get.json",
              "register-put.json",
              "register-delete.json")) {
        FunctionUrlResponse response = broken.handle(AdminEvent.load(event).request());
        assertThat(response.statusCode()).as(event).isEqualTo(503);
        assertThat(response.header("Retry-After")).isEqualTo("1");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("dynamodb");
      }
    }
  }

  @Nested
  class Limits {

    @Test
    void hundredsOfProblemsAreCappedAtOneHundredDetailsPlusASummary() throws Exception {
      FunctionUrlResponse response =
          call(
              AdminEvent.load("register-post.json")
                  .editBody(
                      b -> {
                        for (int i = 0; i < 150; i++) {
                          b.put("extra" + i, i);
                        }
                      }));

      assertThat(response.statusCode()).isEqualTo(400);
      JsonNode details = json(response).path("details");
      assertThat(details).hasSize(101);
      assertThat(details.get(100).path("message").asText()).contains("50 more problems");
    }

    @Test
    void aBugInTheServerIsA500WithoutInternals() throws Exception {
      RegistrationHandler buggy =
          new RegistrationHandler(
              new FailingStore(
                  () -> new IllegalStateException("secret internal state at dev.mcplambda.X")));

      FunctionUrlResponse response = buggy.handle(AdminEvent.load("register-get.json").request());

      assertThat(response.statusCode()).isEqualTo(500);
      assertThat(json(response).path("error").asText()).isEqualTo("internal error");
      assertThat(response.body()).doesNotContain("secret").doesNotContain("dev.mcplambda");
    }
  }

  @Nested
  class LambdaEntryPoint {

    @Test
    void streamHandlerReadsTheEventAndWritesAFunctionUrlResponse() throws Exception {
      ByteArrayOutputStream out = new ByteArrayOutputStream();

      handler.handleRequest(
          new ByteArrayInputStream(AdminEvent.bytes("register-post.json")), out, null);

      JsonNode response = Json.mapper().readTree(out.toByteArray());
      assertThat(response.path("statusCode").asInt()).isEqualTo(201);
      assertThat(response.path("headers").path("ETag").asText()).isEqualTo("\"1\"");
      assertThat(response.path("isBase64Encoded").asBoolean()).isFalse();
      JsonNode entry = Json.readTree(response.path("body").asText());
      assertThat(entry.path("id").asText()).isEqualTo(SEED_ID);
    }

    @Test
    void garbageEventIs400NotACrash() throws Exception {
      ByteArrayOutputStream out = new ByteArrayOutputStream();

      handler.handleRequest(new ByteArrayInputStream("not json".getBytes()), out, null);

      JsonNode response = Json.mapper().readTree(out.toByteArray());
      assertThat(response.path("statusCode").asInt()).isEqualTo(400);
    }

    @Test
    void eventInAnEncodingWithInvalidCharactersIs400NotACrash() throws Exception {
      // given an event Jackson detects as UTF-32 that holds no valid UTF-32 (found by fuzzing)
      byte[] event = new byte[] {1, 0, 0, 0, 0, 0, 0, 0, '{', '\n', ' ', ' ', '"', 'v'};
      ByteArrayOutputStream out = new ByteArrayOutputStream();

      // when
      handler.handleRequest(new ByteArrayInputStream(event), out, null);

      // then
      JsonNode response = Json.mapper().readTree(out.toByteArray());
      assertThat(response.path("statusCode").asInt()).isEqualTo(400);
    }

    @Test
    void compositionRootUsesInMemoryStoreWhenAsked() {
      assertThat(RegistrationHandler.storeFrom(new Environment(Map.of("MCP_STORE", "memory"))))
          .isInstanceOf(InMemoryRegistryStore.class);
    }

    @Test
    void compositionRootWithoutATableSaysWhatIsMissing() {
      assertThatThrownBy(() -> RegistrationHandler.storeFrom(new Environment(Map.of())))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("REGISTRY_TABLE");
    }

    @Test
    void compositionRootUsesDynamoDbByDefault() {
      RegistryStore store =
          RegistrationHandler.storeFrom(
              new Environment(
                  Map.of(
                      "REGISTRY_TABLE", "mcp-registry",
                      "DYNAMODB_ENDPOINT", "http://127.0.0.1:1",
                      "AWS_REGION", "eu-west-1")));

      assertThat(store).isInstanceOf(DynamoDbRegistryStore.class);
    }
  }

  /** A store whose every operation fails with the given exception. */
  private record FailingStore(Supplier<RuntimeException> failure) implements RegistryStore {

    @Override
    public RegistryEntry create(RegistryEntry entry) {
      throw failure.get();
    }

    @Override
    public Optional<RegistryEntry> get(String id) {
      throw failure.get();
    }

    @Override
    public RegistryEntry update(RegistryEntry entry, Long expectedVersion) {
      throw failure.get();
    }

    @Override
    public void delete(String id, Long expectedVersion) {
      throw failure.get();
    }

    @Override
    public RegistryPage list(int limit, String cursor) {
      throw failure.get();
    }

    @Override
    public long catalogVersion() {
      throw failure.get();
    }
  }
}
