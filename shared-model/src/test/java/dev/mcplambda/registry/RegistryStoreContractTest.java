package dev.mcplambda.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviour every {@link RegistryStore} shares (its javadoc is the contract). Subclasses say
 * how to make a fresh, empty store; this class ships in the shared-model test-jar for reuse.
 *
 * <p>The store gets a clock that moves one second forward on every reading, so timestamps of
 * consecutive writes always differ without any test depending on wall time.
 */
public abstract class RegistryStoreContractTest {

  private static final Duration HANG_GUARD = Duration.ofSeconds(60);

  /** A fresh, empty store using {@code clock} for {@code createdAt}/{@code updatedAt}. */
  protected abstract RegistryStore newStore(Clock clock);

  protected RegistryStore store;

  @BeforeEach
  void freshStore() {
    store = newStore(new TickingClock(Instant.parse("2026-01-01T00:00:00Z")));
  }

  // ---------------------------------------------------------------- create / get

  @Test
  void createStoresVersionOneWithEqualTimestamps() {
    // given
    RegistryEntry entry = tool("echo");

    // when
    RegistryEntry created = store.create(entry);

    // then
    assertThat(created.id()).isEqualTo("tool-echo");
    assertThat(created.version()).isEqualTo(1L);
    assertThat(created.createdAt()).isNotBlank().isEqualTo(created.updatedAt());
    assertThat(Instant.parse(created.createdAt())).isNotNull();
    assertThat(entry.withStoreFields("tool-echo", 1L, created.createdAt(), created.updatedAt()))
        .isEqualTo(created);
  }

  @Test
  void getReturnsWhatCreateReturned() {
    // given
    RegistryEntry created = store.create(tool("echo"));

    // when
    var got = store.get("tool-echo");

    // then
    assertThat(got).contains(created);
  }

  @Test
  void storeFieldsSentByTheCallerAreIgnoredOnCreate() {
    // given
    RegistryEntry entry = tool("echo").withStoreFields("tool-echo", 42, "yesterday", "today");

    // when
    RegistryEntry created = store.create(entry);

    // then
    assertThat(created.version()).isEqualTo(1L);
    assertThat(created.createdAt()).isNotEqualTo("yesterday");
    assertThat(store.get("tool-echo").orElseThrow().version()).isEqualTo(1L);
  }

  @Test
  void everyEntryTypeRoundTrips() {
    // given
    RegistryEntry t = richTool("weather");
    RegistryEntry r = resource("docs");
    RegistryEntry p = prompt("review");

    // when
    RegistryEntry ct = store.create(t);
    RegistryEntry cr = store.create(r);
    RegistryEntry cp = store.create(p);

    // then
    assertThat(store.get(t.id())).contains(ct);
    assertThat(store.get(r.id())).contains(cr);
    assertThat(store.get(p.id())).contains(cp);
    assertThat(cr.uriTemplate()).isEqualTo("docs://{path}");
    assertThat(cp.arguments()).hasSize(3);
  }

  @Test
  void creatingATakenIdFailsAndKeepsTheStoredEntry() {
    // given
    RegistryEntry first = store.create(tool("echo"));

    // when / then
    assertThatThrownBy(() -> store.create(tool("echo").withInputSchema(objectSchema("other"))))
        .isInstanceOf(EntryAlreadyExistsException.class)
        .hasMessageContaining("tool-echo");
    assertThat(store.get("tool-echo")).contains(first);
  }

  @Test
  void getOfAnUnknownIdIsEmpty() {
    // given
    store.create(tool("echo"));

    // when / then
    assertThat(store.get("tool-nope")).isEmpty();
    assertThat(store.get("prompt-echo")).isEmpty();
  }

  @Test
  void idsNoEntryCanHaveAreSimplyAbsent() {
    // given
    store.create(tool("echo"));
    String huge = "tool-" + "ü".repeat(3000);

    // when / then: empty and oversized ids (as a client may send them) are unknown ids
    assertThat(store.get("")).isEmpty();
    assertThat(store.get(huge)).isEmpty();
    assertThatThrownBy(() -> store.delete("", null)).isInstanceOf(EntryNotFoundException.class);
    assertThatThrownBy(() -> store.delete(huge, 1L)).isInstanceOf(EntryNotFoundException.class);
    RegistryEntry hugeTool = tool("echo").withStoreFields(huge, 1, null, null);
    assertThatThrownBy(() -> store.update(hugeTool, 1L)).isInstanceOf(EntryNotFoundException.class);
  }

  @Test
  void deleteThenCreateStartsAgainAtVersionOne() {
    // given
    store.create(tool("echo"));
    store.update(tool("echo"), 1L);
    store.delete("tool-echo", 2L);

    // when
    RegistryEntry again = store.create(tool("echo"));

    // then
    assertThat(again.version()).isEqualTo(1L);
    assertThat(store.get("tool-echo")).contains(again);
  }

  // ---------------------------------------------------------------- update

  @Test
  void updateBumpsVersionKeepsCreatedAtAndChangesUpdatedAt() {
    // given
    RegistryEntry created = store.create(tool("echo"));

    // when
    RegistryEntry updated =
        store.update(withDescription(tool("echo"), "second"), created.version());

    // then
    assertThat(updated.version()).isEqualTo(2L);
    assertThat(updated.createdAt()).isEqualTo(created.createdAt());
    assertThat(updated.updatedAt()).isNotEqualTo(created.updatedAt());
    assertThat(Instant.parse(updated.updatedAt())).isAfter(Instant.parse(created.updatedAt()));
    assertThat(updated.description()).isEqualTo("second");
    assertThat(store.get("tool-echo")).contains(updated);
  }

  @Test
  void versionsGrowByOnePerUpdate() {
    // given
    store.create(tool("echo"));

    // when
    List<Long> versions = new ArrayList<>();
    for (long expected = 1; expected <= 5; expected++) {
      versions.add(store.update(tool("echo"), expected).version());
    }

    // then
    assertThat(versions).containsExactly(2L, 3L, 4L, 5L, 6L);
  }

  @Test
  void updateReplacesTheWholeEntry() {
    // given
    store.create(richTool("weather"));
    RegistryEntry slim = tool("weather");

    // when
    RegistryEntry updated = store.update(slim, 1L);

    // then: fields missing from the update are gone
    RegistryEntry got = store.get("tool-weather").orElseThrow();
    assertThat(got).isEqualTo(updated);
    assertThat(got.title()).isNull();
    assertThat(got.outputSchema()).isNull();
    assertThat(got.annotations()).isNull();
    assertThat(got.allowedPrincipals()).isNull();
    assertThat(got.inputSchema()).isEqualTo(slim.inputSchema());
  }

  @Test
  void nullExpectedVersionOverwritesWhateverIsStored() {
    // given
    store.create(tool("echo"));
    store.update(tool("echo"), 1L);
    store.update(tool("echo"), 2L);

    // when
    RegistryEntry overwritten = store.update(withDescription(tool("echo"), "forced"), null);

    // then
    assertThat(overwritten.version()).isEqualTo(4L);
    assertThat(store.get("tool-echo").orElseThrow().description()).isEqualTo("forced");
  }

  @Test
  void staleExpectedVersionFailsAndChangesNothing() {
    // given
    store.create(tool("echo"));
    RegistryEntry current = store.update(withDescription(tool("echo"), "v2"), 1L);

    // when / then
    assertThatThrownBy(() -> store.update(withDescription(tool("echo"), "lost"), 1L))
        .isInstanceOf(StaleVersionException.class)
        .hasMessageContaining("tool-echo");
    assertThatThrownBy(() -> store.update(withDescription(tool("echo"), "future"), 7L))
        .isInstanceOf(StaleVersionException.class);
    assertThat(store.get("tool-echo")).contains(current);
  }

  @Test
  void updateOfAnUnknownIdIsNotFound() {
    // given
    store.create(tool("other"));

    // when / then
    assertThatThrownBy(() -> store.update(tool("echo"), 1L))
        .isInstanceOf(EntryNotFoundException.class)
        .hasMessageContaining("tool-echo");
    assertThatThrownBy(() -> store.update(tool("echo"), null))
        .isInstanceOf(EntryNotFoundException.class);
    assertThat(store.get("tool-echo")).isEmpty();
  }

  @Test
  void updateOfADeletedEntryIsNotFound() {
    // given
    store.create(tool("echo"));
    store.delete("tool-echo", 1L);

    // when / then
    assertThatThrownBy(() -> store.update(tool("echo"), 1L))
        .isInstanceOf(EntryNotFoundException.class);
    assertThat(store.get("tool-echo")).isEmpty();
  }

  // ---------------------------------------------------------------- delete

  @Test
  void deleteRemovesTheEntry() {
    // given
    store.create(tool("echo"));
    store.create(tool("keep"));

    // when
    store.delete("tool-echo", 1L);

    // then
    assertThat(store.get("tool-echo")).isEmpty();
    assertThat(ids(store.listAll())).containsExactly("tool-keep");
  }

  @Test
  void deleteWithNullExpectedVersionDeletesAnyVersion() {
    // given
    store.create(tool("echo"));
    store.update(tool("echo"), 1L);

    // when
    store.delete("tool-echo", null);

    // then
    assertThat(store.get("tool-echo")).isEmpty();
  }

  @Test
  void staleDeleteFailsAndKeepsTheEntry() {
    // given
    store.create(tool("echo"));
    RegistryEntry current = store.update(tool("echo"), 1L);

    // when / then
    assertThatThrownBy(() -> store.delete("tool-echo", 1L))
        .isInstanceOf(StaleVersionException.class)
        .hasMessageContaining("tool-echo");
    assertThat(store.get("tool-echo")).contains(current);
  }

  @Test
  void deleteOfAnUnknownIdIsNotFound() {
    // given an empty store

    // when / then
    assertThatThrownBy(() -> store.delete("tool-echo", 1L))
        .isInstanceOf(EntryNotFoundException.class)
        .hasMessageContaining("tool-echo");
    assertThatThrownBy(() -> store.delete("tool-echo", null))
        .isInstanceOf(EntryNotFoundException.class);
  }

  @Test
  void secondDeleteIsNotFound() {
    // given
    store.create(tool("echo"));
    store.delete("tool-echo", 1L);

    // when / then
    assertThatThrownBy(() -> store.delete("tool-echo", 1L))
        .isInstanceOf(EntryNotFoundException.class);
  }

  // ---------------------------------------------------------------- catalog version

  @Test
  void emptyStoreIsAtZero() {
    // given an empty store

    // when / then
    assertThat(store.catalogVersion()).isZero();
  }

  @Test
  void everyWriteBumpsItByOne() {
    // given
    List<Long> seen = new ArrayList<>();
    seen.add(store.catalogVersion());

    // when
    store.create(tool("a"));
    seen.add(store.catalogVersion());
    store.create(prompt("b"));
    seen.add(store.catalogVersion());
    store.update(tool("a"), 1L);
    seen.add(store.catalogVersion());
    store.update(tool("a"), null);
    seen.add(store.catalogVersion());
    store.delete("prompt-b", 1L);
    seen.add(store.catalogVersion());
    store.delete("tool-a", null);
    seen.add(store.catalogVersion());

    // then
    assertThat(seen).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
  }

  @Test
  void readsLeaveItAlone() {
    // given
    store.create(tool("a"));
    store.update(tool("a"), 1L);
    long before = store.catalogVersion();

    // when
    store.get("tool-a");
    store.get("tool-missing");
    store.list(1, null);
    store.listAll();
    store.catalogVersion();
    expectFailure(() -> store.list(10, "garbage"));

    // then
    assertThat(store.catalogVersion()).isEqualTo(before);
  }

  /**
   * A write whose bump was lost is announced by the retry of the same request, even though the
   * retry fails (the entry is already gone, exists, or has moved on).
   */
  @Test
  void failedWritesBumpItTooSoThatARetryAnnouncesAnEarlierWrite() {
    // given
    store.create(tool("a"));
    store.update(tool("a"), 1L);
    long before = store.catalogVersion();

    // when
    expectFailure(() -> store.create(tool("a")));
    expectFailure(() -> store.update(tool("a"), 1L));
    expectFailure(() -> store.update(tool("missing"), null));
    expectFailure(() -> store.delete("tool-a", 1L));
    expectFailure(() -> store.delete("tool-missing", null));

    // then
    assertThat(store.catalogVersion()).isEqualTo(before + 5);
  }

  /** Both stores refuse an entry DynamoDB could not hold, before writing. */
  @Test
  void entriesOverTheItemLimitAreRefusedAndChangeNothing() {
    // given
    store.create(tool("big"));
    long before = store.catalogVersion();
    RegistryEntry huge = withDescription(tool("big"), "d".repeat(RegistryStore.MAX_ENTRY_BYTES));
    RegistryEntry fits =
        withDescription(tool("fits"), "d".repeat(RegistryStore.MAX_ENTRY_BYTES - 1000));

    // when / then
    assertThatThrownBy(() -> store.create(withDescription(tool("other"), huge.description())))
        .isInstanceOf(EntryTooLargeException.class)
        .hasMessageContaining("at most 400000");
    assertThatThrownBy(() -> store.update(huge, null))
        .isInstanceOf(EntryTooLargeException.class)
        .satisfies(e -> assertThat(((EntryTooLargeException) e).bytes()).isGreaterThan(400_000));
    assertThat(store.get("tool-other")).isEmpty();
    assertThat(store.get("tool-big").orElseThrow().version()).isEqualTo(1L);
    assertThat(store.catalogVersion()).isEqualTo(before);
    assertThat(store.create(fits).description()).hasSize(RegistryStore.MAX_ENTRY_BYTES - 1000);
  }

  @Test
  void writersSeeTheirWriteInTheCatalogAfterTheBump() {
    // given
    store.create(tool("a"));

    // when
    long version = store.catalogVersion();
    List<RegistryEntry> all = store.listAll();

    // then: an entry announced by the catalog version is visible
    assertThat(version).isEqualTo(1L);
    assertThat(ids(all)).containsExactly("tool-a");
  }

  // ---------------------------------------------------------------- JSON fields

  @Test
  void jsonValuedFieldsRoundTripExactly() throws JsonProcessingException {
    // given
    JsonNode parameters =
        Json.readTree(
            """
              {"payload":"object","count":"number","tags":{"type":"array","items":"string"},\
              "x":{"type":"string","optional":true}}""");
    JsonNode inputSchema =
        Json.readTree(
            """
              {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
               "properties":{
                 "city":{"type":"string","description":"Stadt / 都市 / مدينة 🌍","minLength":1},
                 "when":{"type":"object","properties":{"day":{"type":"integer","minimum":-3,
                   "maximum":12345678901234567890}},"additionalProperties":false},
                 "ratio":{"type":"number","multipleOf":0.25,"default":1.5e-7},
                 "flags":{"type":"array","items":[true,false,null,{},[]]},
                 "quote":{"const":"a \\"quoted\\" \\\\ back\\u0000slash\\n\\ttab"}
               },
               "required":["city"],
               "$defs":{"deep":{"a":{"b":{"c":{"d":{"e":[1,[2,[3,[4]]]]}}}}}}}""");
    JsonNode outputSchema =
        Json.readTree("{\"type\":\"object\",\"properties\":{\"t\":{\"type\":\"number\"}}}");
    JsonNode annotations =
        Json.readTree(
            "{\"title\":\"Wetter ☀\",\"readOnlyHint\":true,\"destructiveHint\":false,"
                + "\"openWorldHint\":null}");
    List<String> principals =
        List.of(
            "arn:aws:iam::123456789012:role/mcp-*",
            "arn:aws-cn:sts::123456789012:assumed-role/ops/*",
            "arn:aws:iam::123456789012:user/zoë");
    RegistryEntry entry =
        RegistryEntry.builder(EntryType.TOOL, "weather")
            .id("tool-weather")
            .title("Weather ⛅ 天気")
            .description("")
            .lambdaArn("arn:aws:lambda:eu-central-1:123456789012:function:weather:live")
            .parameters(parameters)
            .inputSchema(inputSchema)
            .outputSchema(outputSchema)
            .annotations(annotations)
            .allowedPrincipals(principals)
            .build();

    // when
    RegistryEntry created = store.create(entry);
    RegistryEntry got = store.get("tool-weather").orElseThrow();

    // then
    assertThat(got).isEqualTo(created);
    assertThat(got.parameters()).isEqualTo(parameters);
    assertThat(got.inputSchema()).isEqualTo(inputSchema);
    assertThat(got.outputSchema()).isEqualTo(outputSchema);
    assertThat(got.annotations()).isEqualTo(annotations);
    assertThat(got.allowedPrincipals()).isEqualTo(principals);
    assertThat(got.description()).isEmpty();
    assertThat(got.title()).isEqualTo("Weather ⛅ 天気");
    // exactly: same JSON text, member order included
    assertThat(Json.write(got.inputSchema())).isEqualTo(Json.write(inputSchema));
    assertThat(Json.write(got.parameters())).isEqualTo(Json.write(parameters));
    assertThat(got.inputSchema().at("/properties/when/properties/day/maximum").bigIntegerValue())
        .hasToString("12345678901234567890");
    assertThat(got.inputSchema().at("/properties/quote/const").textValue())
        .isEqualTo("a \"quoted\" \\ back\u0000slash\n\ttab");
  }

  @Test
  void promptArgumentsRoundTripExactly() {
    // given
    RegistryEntry entry = prompt("review");

    // when
    RegistryEntry created = store.create(entry);

    // then
    RegistryEntry got = store.get("prompt-review").orElseThrow();
    assertThat(got).isEqualTo(created);
    assertThat(got.arguments()).isEqualTo(entry.arguments());
    assertThat(got.arguments().get(0).enumValues()).containsExactly("java", "kotlin", "日本語");
    assertThat(got.arguments().get(1).required()).isFalse();
    assertThat(got.arguments().get(2).required()).isNull();
  }

  @Test
  void templateCompletionsRoundTripExactly() {
    // given a resource template with completion values per variable
    RegistryEntry base = resource("logs");
    RegistryEntry entry =
        RegistryEntry.builder(base.type(), base.name())
            .id(base.id())
            .title(base.title())
            .description(base.description())
            .lambdaArn(base.lambdaArn())
            .uriTemplate(base.uriTemplate())
            .mimeType(base.mimeType())
            .completions(java.util.Map.of("path", List.of("intro", "setup", "日本語")))
            .build();

    // when
    RegistryEntry created = store.create(entry);

    // then
    RegistryEntry got = store.get(entry.id()).orElseThrow();
    assertThat(got).isEqualTo(created);
    assertThat(got.completions()).isEqualTo(entry.completions());
    assertThat(store.listAll()).singleElement().isEqualTo(got);
  }

  @Test
  void invokeModeRoundTripsAndCanBeClearedByUpdate() {
    // given a tool registered as a streaming tool
    RegistryEntry streaming = withInvokeMode(tool("progress"), RegistryEntry.INVOKE_STREAM);

    // when
    RegistryEntry created = store.create(streaming);

    // then it is stored and listed with the mode
    RegistryEntry got = store.get(streaming.id()).orElseThrow();
    assertThat(got).isEqualTo(created);
    assertThat(got.invokeMode()).isEqualTo("stream");
    assertThat(got.streams()).isTrue();
    assertThat(store.listAll())
        .singleElement()
        .extracting(RegistryEntry::invokeMode)
        .isEqualTo("stream");

    // and an update without it removes it (updates replace the whole entry)
    RegistryEntry updated = store.update(tool("progress"), created.version());
    assertThat(updated.invokeMode()).isNull();
    assertThat(store.get(streaming.id()).orElseThrow().invokeMode()).isNull();

    // and an update can set it again
    store.update(withInvokeMode(tool("progress"), "buffered"), updated.version());
    assertThat(store.get(streaming.id()).orElseThrow().invokeMode()).isEqualTo("buffered");
  }

  private static RegistryEntry withInvokeMode(RegistryEntry e, String mode) {
    return RegistryEntry.builder(e.type(), e.name())
        .id(e.id())
        .title(e.title())
        .description(e.description())
        .lambdaArn(e.lambdaArn())
        .parameters(e.parameters())
        .inputSchema(e.inputSchema())
        .outputSchema(e.outputSchema())
        .annotations(e.annotations())
        .uri(e.uri())
        .uriTemplate(e.uriTemplate())
        .mimeType(e.mimeType())
        .arguments(e.arguments())
        .allowedPrincipals(e.allowedPrincipals())
        .version(e.version())
        .createdAt(e.createdAt())
        .updatedAt(e.updatedAt())
        .completions(e.completions())
        .invokeMode(mode)
        .build();
  }

  @Test
  void updatedJsonFieldsRoundTripExactly() throws JsonProcessingException {
    // given
    store.create(richTool("weather"));
    JsonNode newSchema =
        Json.readTree(
            "{\"type\":\"object\",\"properties\":{\"ü\":{\"type\":\"string\"}},"
                + "\"required\":[\"ü\"]}");
    RegistryEntry changed = richTool("weather").withInputSchema(newSchema);

    // when
    RegistryEntry updated = store.update(changed, 1L);

    // then
    RegistryEntry got = store.get("tool-weather").orElseThrow();
    assertThat(got).isEqualTo(updated);
    assertThat(Json.write(got.inputSchema())).isEqualTo(Json.write(newSchema));
    assertThat(got.allowedPrincipals()).isEqualTo(changed.allowedPrincipals());
  }

  @Test
  void callersNeverShareMutableStateWithTheStore() {
    // given
    RegistryEntry entry = tool("echo");
    RegistryEntry created = store.create(entry);
    JsonNode original = entry.inputSchema().deepCopy();

    // when: the caller mutates what it sent and what it got back
    ((ObjectNode) entry.inputSchema()).put("mutatedInput", true);
    ((ObjectNode) created.inputSchema()).put("mutatedCreated", true);
    ((ObjectNode) store.get("tool-echo").orElseThrow().inputSchema()).put("mutatedGot", true);

    // then
    assertThat(store.get("tool-echo").orElseThrow().inputSchema()).isEqualTo(original);
    assertThat(store.listAll().get(0).inputSchema()).isEqualTo(original);
  }

  // ---------------------------------------------------------------- paging

  @ParameterizedTest(name = "limit {0}")
  @ValueSource(ints = {1, 3, 1000})
  void walkingAllPagesVisitsEveryEntryExactlyOnce(int limit) {
    // given
    Set<String> expected = createMixed(25);

    // when
    List<RegistryPage> pages = walk(limit);

    // then
    List<String> seen =
        pages.stream().flatMap(p -> p.entries().stream()).map(RegistryEntry::id).toList();
    assertThat(seen).doesNotHaveDuplicates();
    assertThat(new HashSet<>(seen)).isEqualTo(expected);
    assertThat(pages).hasSize((25 + limit - 1) / limit);
    for (int i = 0; i < pages.size() - 1; i++) {
      assertThat(pages.get(i).entries()).hasSize(limit);
      assertThat(pages.get(i).nextCursor()).isNotNull();
    }
    assertThat(pages.get(pages.size() - 1).nextCursor()).isNull();
  }

  @Test
  void pagesCarryTheStoredEntries() {
    // given
    createMixed(7);

    // when
    List<RegistryEntry> listed = walk(3).stream().flatMap(p -> p.entries().stream()).toList();

    // then
    for (RegistryEntry e : listed) {
      assertThat(store.get(e.id())).contains(e);
    }
  }

  @Test
  void aFullLastPageHasNoCursor() {
    // given
    createMixed(6);

    // when
    RegistryPage first = store.list(3, null);
    RegistryPage second = store.list(3, first.nextCursor());
    RegistryPage all = store.list(6, null);

    // then
    assertThat(first.entries()).hasSize(3);
    assertThat(second.entries()).hasSize(3);
    assertThat(second.nextCursor()).isNull();
    assertThat(all.entries()).hasSize(6);
    assertThat(all.nextCursor()).isNull();
  }

  @Test
  void emptyStoreHasOneEmptyPage() {
    // given an empty store

    // when
    RegistryPage page = store.list(10, null);

    // then
    assertThat(page.entries()).isEmpty();
    assertThat(page.nextCursor()).isNull();
    assertThat(store.listAll()).isEmpty();
  }

  @Test
  void listAllReturnsEveryEntry() {
    // given
    Set<String> expected = createMixed(12);

    // when
    List<RegistryEntry> all = store.listAll();

    // then
    assertThat(ids(all)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void entriesPresentForTheWholeWalkAppearExactlyOnceDespiteConcurrentWrites() {
    // given
    Set<String> created = createMixed(12);
    List<String> seen = new ArrayList<>();
    Set<String> touched = new HashSet<>();

    // when: entries come and go between pages
    RegistryPage page = store.list(3, null);
    seen.addAll(ids(page.entries()));
    String seenVictim = page.entries().get(0).id();
    String unseenVictim =
        created.stream().filter(id -> !seen.contains(id)).findFirst().orElseThrow();
    store.delete(seenVictim, null);
    store.delete(unseenVictim, null);
    touched.add(seenVictim);
    touched.add(unseenVictim);
    for (int i = 0; i < 5; i++) {
      touched.add(store.create(tool("late" + i)).id());
    }
    while (page.nextCursor() != null) {
      page = store.list(3, page.nextCursor());
      seen.addAll(ids(page.entries()));
    }

    // then
    Set<String> stable = new HashSet<>(created);
    stable.removeAll(touched);
    assertThat(seen).doesNotHaveDuplicates().containsAll(stable).doesNotContain(unseenVictim);
  }

  @Test
  void aCursorStaysValidWhenItsEntryIsDeleted() {
    // given
    createMixed(6);
    RegistryPage first = store.list(2, null);
    String last = first.entries().get(1).id();
    store.delete(last, null);

    // when
    List<String> rest = new ArrayList<>();
    RegistryPage page = store.list(2, first.nextCursor());
    rest.addAll(ids(page.entries()));
    while (page.nextCursor() != null) {
      page = store.list(2, page.nextCursor());
      rest.addAll(ids(page.entries()));
    }

    // then
    assertThat(rest)
        .hasSize(4)
        .doesNotHaveDuplicates()
        .doesNotContainAnyElementsOf(ids(first.entries()));
  }

  @ParameterizedTest(name = "limit {0}")
  @ValueSource(ints = {0, -1, 1001, Integer.MAX_VALUE})
  void limitsOutside1To1000AreRefused(int limit) {
    // given
    store.create(tool("a"));

    // when / then
    assertThatThrownBy(() -> store.list(limit, null)).isInstanceOf(IllegalArgumentException.class);
  }

  // ---------------------------------------------------------------- cursors

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "",
        " ",
        "garbage",
        "not a cursor",
        "!!!!",
        "%2F%2F",
        "AAAA",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "bWVtOnRvb2wtYQ",
        "eyJpZCI6InRvb2wtYSJ9",
        "////",
        "A",
        "null",
        "0"
      })
  void garbageCursorsAreRefused(String cursor) {
    // given
    createMixed(5);

    // when / then
    assertThatThrownBy(() -> store.list(2, cursor)).isInstanceOf(InvalidCursorException.class);
  }

  @Test
  void aHugeCursorIsRefused() {
    // given
    createMixed(3);
    String huge = "A".repeat(100_000);

    // when / then
    assertThatThrownBy(() -> store.list(2, huge)).isInstanceOf(InvalidCursorException.class);
  }

  @Test
  void truncatedCursorsAreRefused() {
    // given
    createMixed(5);
    String cursor = store.list(2, null).nextCursor();

    // when / then
    for (int len :
        new int[] {1, 4, cursor.length() / 2, cursor.length() - 4, cursor.length() - 1}) {
      String truncated = cursor.substring(0, len);
      assertThatThrownBy(() -> store.list(2, truncated))
          .as("truncated to %d chars", len)
          .isInstanceOf(InvalidCursorException.class);
    }
  }

  @Test
  void tamperedCursorsAreRefused() {
    // given
    createMixed(5);
    String cursor = store.list(2, null).nextCursor();
    byte[] raw = Base64.getUrlDecoder().decode(cursor);

    // when / then: any changed character in the middle
    for (int i : new int[] {0, 2, cursor.length() / 2, cursor.length() - 3}) {
      char replacement = cursor.charAt(i) == 'A' ? 'B' : 'A';
      String tampered = cursor.substring(0, i) + replacement + cursor.substring(i + 1);
      assertThatThrownBy(() -> store.list(2, tampered))
          .as("character %d changed", i)
          .isInstanceOf(InvalidCursorException.class);
    }
    // and a well-formed base64 payload with a different position
    byte[] edited = raw.clone();
    edited[edited.length - 1] ^= 0x01;
    String reencoded = Base64.getUrlEncoder().withoutPadding().encodeToString(edited);
    assertThatThrownBy(() -> store.list(2, reencoded)).isInstanceOf(InvalidCursorException.class);
    // and one with bytes appended
    String extended =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                (new String(raw, StandardCharsets.ISO_8859_1) + "x")
                    .getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> store.list(2, extended)).isInstanceOf(InvalidCursorException.class);
  }

  @Test
  void aValidCursorCanBeUsedTwice() {
    // given
    createMixed(5);
    String cursor = store.list(2, null).nextCursor();

    // when
    RegistryPage once = store.list(2, cursor);
    RegistryPage twice = store.list(2, cursor);

    // then
    assertThat(ids(twice.entries())).isEqualTo(ids(once.entries()));
  }

  // ---------------------------------------------------------------- concurrency

  @Test
  void concurrentUpdatesWithTheSameExpectedVersionHaveExactlyOneWinner() throws Exception {
    // given
    store.create(tool("hot"));
    long catalogBefore = store.catalogVersion();

    // when
    List<Outcome> outcomes =
        race(8, i -> () -> store.update(withDescription(tool("hot"), "writer " + i), 1L));

    // then
    assertThat(outcomes).filteredOn(Outcome::succeeded).hasSize(1);
    assertThat(outcomes)
        .filteredOn(o -> !o.succeeded())
        .hasSize(7)
        .allSatisfy(o -> assertThat(o.error()).isInstanceOf(StaleVersionException.class));
    RegistryEntry stored = store.get("tool-hot").orElseThrow();
    assertThat(stored.version()).isEqualTo(2L);
    Outcome winner = outcomes.stream().filter(Outcome::succeeded).findFirst().orElseThrow();
    assertThat(stored).isEqualTo(winner.value());
    assertThat(store.catalogVersion()).isEqualTo(catalogBefore + 8);
  }

  @Test
  void concurrentCreatesOfDistinctIdsAllSucceed() throws Exception {
    // given
    long catalogBefore = store.catalogVersion();

    // when
    List<Outcome> outcomes = race(20, i -> () -> store.create(tool("parallel" + i)));

    // then
    assertThat(outcomes).allSatisfy(o -> assertThat(o.error()).isNull());
    assertThat(store.catalogVersion()).isEqualTo(catalogBefore + 20);
    assertThat(ids(store.listAll()))
        .containsExactlyInAnyOrderElementsOf(
            IntStream.range(0, 20).mapToObj(i -> "tool-parallel" + i).toList());
  }

  @Test
  void concurrentCreatesOfOneIdHaveExactlyOneWinner() throws Exception {
    // given
    long catalogBefore = store.catalogVersion();

    // when
    List<Outcome> outcomes =
        race(8, i -> () -> store.create(withDescription(tool("same"), "creator " + i)));

    // then
    assertThat(outcomes).filteredOn(Outcome::succeeded).hasSize(1);
    assertThat(outcomes)
        .filteredOn(o -> !o.succeeded())
        .allSatisfy(o -> assertThat(o.error()).isInstanceOf(EntryAlreadyExistsException.class));
    assertThat(store.get("tool-same").orElseThrow().version()).isEqualTo(1L);
    assertThat(store.catalogVersion()).isEqualTo(catalogBefore + 8);
  }

  @Test
  void concurrentDeletesHaveExactlyOneWinner() throws Exception {
    // given
    store.create(tool("doomed"));

    // when
    List<Outcome> outcomes =
        race(
            8,
            i ->
                () -> {
                  store.delete("tool-doomed", 1L);
                  return null;
                });

    // then
    assertThat(outcomes).filteredOn(o -> o.error() == null).hasSize(1);
    assertThat(outcomes)
        .filteredOn(o -> o.error() != null)
        .hasSize(7)
        .allSatisfy(
            o ->
                assertThat(o.error())
                    .isInstanceOfAny(EntryNotFoundException.class, StaleVersionException.class));
    assertThat(store.get("tool-doomed")).isEmpty();
    assertThat(store.catalogVersion()).isEqualTo(9L);
  }

  // ---------------------------------------------------------------- fixtures

  /** A tool with the seed's shorthand and its derived schema. */
  protected static RegistryEntry tool(String name) {
    return RegistryEntry.builder(EntryType.TOOL, name)
        .id(EntryType.TOOL.idFor(name))
        .description("the " + name + " tool")
        .lambdaArn("arn:aws:lambda:us-east-1:123456789012:function:" + name)
        .parameters(Json.object().put("payload", "object"))
        .inputSchema(objectSchema("payload"))
        .build();
  }

  /** A tool with every optional tool field set. */
  protected static RegistryEntry richTool(String name) {
    ObjectNode annotations = Json.object().put("readOnlyHint", true).put("title", "Rich " + name);
    return RegistryEntry.builder(EntryType.TOOL, name)
        .id(EntryType.TOOL.idFor(name))
        .title("Rich " + name)
        .description("a tool with everything")
        .lambdaArn("arn:aws:lambda:us-east-1:123456789012:function:" + name + ":prod")
        .inputSchema(objectSchema("city"))
        .outputSchema(objectSchema("temperature"))
        .annotations(annotations)
        .allowedPrincipals(List.of("arn:aws:iam::123456789012:role/*"))
        .build();
  }

  protected static RegistryEntry resource(String name) {
    return RegistryEntry.builder(EntryType.RESOURCE, name)
        .id(EntryType.RESOURCE.idFor(name))
        .title("Docs")
        .description("documentation pages")
        .lambdaArn("arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:" + name)
        .uriTemplate(name + "://{path}")
        .mimeType("text/markdown")
        .build();
  }

  protected static RegistryEntry prompt(String name) {
    return RegistryEntry.builder(EntryType.PROMPT, name)
        .id(EntryType.PROMPT.idFor(name))
        .description("review some code")
        .lambdaArn("arn:aws:lambda:ap-northeast-1:123456789012:function:" + name)
        .arguments(
            List.of(
                new PromptArgument(
                    "language", "Language", "the language", true, List.of("java", "kotlin", "日本語")),
                new PromptArgument("code", "the code to review — “quoted”", false),
                new PromptArgument("style", null, null)))
        .allowedPrincipals(List.of("arn:aws:sts::123456789012:assumed-role/dev/*"))
        .build();
  }

  protected static ObjectNode objectSchema(String property) {
    ObjectNode schema = Json.object().put("type", "object");
    schema.putObject("properties").putObject(property).put("type", "object");
    schema.putArray("required").add(property);
    return schema;
  }

  protected static RegistryEntry withDescription(RegistryEntry e, String description) {
    return RegistryEntry.builder(e.type(), e.name())
        .id(e.id())
        .title(e.title())
        .description(description)
        .lambdaArn(e.lambdaArn())
        .parameters(e.parameters())
        .inputSchema(e.inputSchema())
        .outputSchema(e.outputSchema())
        .annotations(e.annotations())
        .uri(e.uri())
        .uriTemplate(e.uriTemplate())
        .mimeType(e.mimeType())
        .arguments(e.arguments())
        .allowedPrincipals(e.allowedPrincipals())
        .version(e.version())
        .createdAt(e.createdAt())
        .updatedAt(e.updatedAt())
        .build();
  }

  /** Creates {@code n} entries of all three types; returns their ids. */
  protected Set<String> createMixed(int n) {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < n; i++) {
      RegistryEntry e =
          switch (i % 3) {
            case 0 -> tool("t" + i);
            case 1 -> resource("r" + i);
            default -> prompt("p" + i);
          };
      ids.add(store.create(e).id());
    }
    return ids;
  }

  protected List<RegistryPage> walk(int limit) {
    List<RegistryPage> pages = new ArrayList<>();
    String cursor = null;
    do {
      RegistryPage page = store.list(limit, cursor);
      assertThat(page.entries().size()).isLessThanOrEqualTo(limit);
      pages.add(page);
      cursor = page.nextCursor();
      assertThat(pages).as("runaway paging").hasSizeLessThan(10_000);
    } while (cursor != null);
    return pages;
  }

  protected static List<String> ids(List<RegistryEntry> entries) {
    return entries.stream().map(RegistryEntry::id).collect(Collectors.toList());
  }

  private static void expectFailure(Runnable r) {
    assertThatThrownBy(r::run).isInstanceOf(RegistryException.class);
  }

  /** What one racing call did. */
  protected record Outcome(Object value, Throwable error) {
    boolean succeeded() {
      return error == null;
    }
  }

  /** Runs {@code n} calls released at once from one gate; collects what each did. */
  protected static List<Outcome> race(int n, Function<Integer, Callable<Object>> call)
      throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CountDownLatch ready = new CountDownLatch(n);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Object>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        Callable<Object> c = call.apply(i);
        futures.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  go.await();
                  return c.call();
                }));
      }
      ready.await();
      go.countDown();
      List<Outcome> outcomes = new ArrayList<>();
      for (Future<Object> f : futures) {
        try {
          outcomes.add(new Outcome(f.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS), null));
        } catch (ExecutionException e) {
          outcomes.add(new Outcome(null, e.getCause()));
        } catch (java.util.concurrent.TimeoutException e) {
          throw new AssertionError("a racing call hung", e);
        }
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }

  /** A clock that moves one second forward on every reading. Thread-safe. */
  protected static final class TickingClock extends Clock {
    private final AtomicLong seconds;

    public TickingClock(Instant start) {
      this.seconds = new AtomicLong(start.getEpochSecond());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochSecond(seconds.getAndIncrement());
    }
  }
}
