package dev.mcplambda.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcplambda.json.Json;
import dev.mcplambda.protocol.CatalogCache;
import dev.mcplambda.protocol.CatalogChanges;
import dev.mcplambda.registry.EntryType;
import dev.mcplambda.registry.PromptArgument;
import dev.mcplambda.registry.RegistryEntry;
import dev.mcplambda.registry.RegistryPage;
import dev.mcplambda.registry.RegistryStore;
import dev.mcplambda.store.memory.InMemoryRegistryStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CatalogChangeFeedTest {

  static final String ALICE = "arn:aws:iam::111122223333:user/alice";
  static final String FN = "arn:aws:lambda:us-east-1:111122223333:function:f";

  final InMemoryRegistryStore store = new InMemoryRegistryStore();
  final AtomicInteger versionReads = new AtomicInteger();
  final AtomicLong now = new AtomicLong(1_000);
  final CatalogChangeFeed feed =
      new CatalogChangeFeed(new CatalogCache(counting(store)), Duration.ofMillis(500), now::get);

  @Test
  void aCheckIsDueOncePerIntervalAndReadsTheCatalogVersionOnce() {
    // given a watch on an unchanged registry
    store.create(tool("echo", "Echoes", null));
    ListChangeFeed.Watch watch = feed.watch(ALICE);
    assertThat(watch.nextCheckAt()).isEqualTo(1_500);
    int before = versionReads.get();

    // when one check runs
    now.set(1_500);
    CatalogChanges changes = watch.check();

    // then nothing changed, one version read was made and the next check is one interval later
    assertThat(changes.isEmpty()).isTrue();
    assertThat(versionReads.get() - before).isEqualTo(1);
    assertThat(watch.nextCheckAt()).isEqualTo(2_000);
  }

  @Test
  void addedRemovedAndChangedToolsAreToolListChangesOnly() {
    // given
    store.create(tool("echo", "Echoes", null));
    ListChangeFeed.Watch watch = feed.watch(ALICE);

    // when a tool is added
    store.create(tool("add", "Adds", null));
    // then
    assertThat(watch.check().listChanged()).containsExactly(ListChangeFeed.TOOLS);

    // when a tool changes (description)
    store.update(tool("add", "Adds two numbers", null), null);
    // then
    assertThat(watch.check().listChanged()).containsExactly(ListChangeFeed.TOOLS);

    // when a tool is removed
    store.delete("tool-add", null);
    // then
    assertThat(watch.check().listChanged()).containsExactly(ListChangeFeed.TOOLS);

    // and a check without a write reports nothing (no repeat of an old change)
    assertThat(watch.check().isEmpty()).isTrue();
  }

  @Test
  void promptAndResourceWritesNotifyTheirOwnListOnly() {
    // given
    ListChangeFeed.Watch watch = feed.watch(ALICE);

    // when a prompt is registered
    store.create(prompt("greet"));
    // then
    assertThat(watch.check().listChanged()).containsExactly(ListChangeFeed.PROMPTS);

    // when a resource template is registered
    store.create(resource("logs", null, "file:///logs/{date}", "Logs"));
    // then
    assertThat(watch.check().listChanged()).containsExactly(ListChangeFeed.RESOURCES);
  }

  @Test
  void resourceUpdatesAreReportedPerUriAndPerTemplate() {
    // given a resource and a template, both already known to the watch
    store.create(resource("readme", "file:///readme.txt", null, "Readme"));
    store.create(resource("other", "file:///other.txt", null, "Other"));
    store.create(resource("logs", null, "file:///logs/{date}", "Logs"));
    ListChangeFeed.Watch watch = feed.watch(ALICE);

    // when the readme's entry and the template's entry change
    store.update(resource("readme", "file:///readme.txt", null, "Readme v2"), null);
    store.update(resource("logs", null, "file:///logs/{date}", "Logs v2"), null);
    CatalogChanges changes = watch.check();

    // then: updated for the readme and for URIs the template expands to, not for the other one
    assertThat(
            changes.updated(
                List.of("file:///readme.txt", "file:///other.txt", "file:///logs/2026-11-01")))
        .containsExactly("file:///readme.txt", "file:///logs/2026-11-01");
    assertThat(changes.listChanged()).containsExactly(ListChangeFeed.RESOURCES);
  }

  @Test
  void entriesTheCallerMayNotUseAreNotReported() {
    // given
    ListChangeFeed.Watch watch = feed.watch(ALICE);

    // when a tool only admins may see is added
    store.create(tool("secret", "Admins only", List.of("arn:aws:iam::*:role/admin-*")));

    // then alice hears nothing, an admin's watch would
    assertThat(watch.check().isEmpty()).isTrue();
    ListChangeFeed.Watch adminWatch = feed.watch("arn:aws:iam::111122223333:role/admin-ops");
    store.update(tool("secret", "Admins only (v2)", List.of("arn:aws:iam::*:role/admin-*")), null);
    assertThat(adminWatch.check().listChanged()).containsExactly(ListChangeFeed.TOOLS);
  }

  // ---------------------------------------------------------------------------------------------

  static RegistryEntry tool(String name, String description, List<String> allowed) {
    return RegistryEntry.builder(EntryType.TOOL, name)
        .id("tool-" + name)
        .description(description)
        .lambdaArn(FN)
        .inputSchema(Json.object().put("type", "object"))
        .allowedPrincipals(allowed)
        .build();
  }

  static RegistryEntry prompt(String name) {
    return RegistryEntry.builder(EntryType.PROMPT, name)
        .id("prompt-" + name)
        .description("A prompt")
        .lambdaArn(FN)
        .arguments(List.of(new PromptArgument("name", "Who", true)))
        .build();
  }

  static RegistryEntry resource(String name, String uri, String template, String description) {
    return RegistryEntry.builder(EntryType.RESOURCE, name)
        .id("resource-" + name)
        .description(description)
        .lambdaArn(FN)
        .uri(uri)
        .uriTemplate(template)
        .mimeType("text/plain")
        .build();
  }

  private RegistryStore counting(RegistryStore delegate) {
    return new RegistryStore() {
      @Override
      public RegistryEntry create(RegistryEntry entry) {
        return delegate.create(entry);
      }

      @Override
      public Optional<RegistryEntry> get(String id) {
        return delegate.get(id);
      }

      @Override
      public RegistryEntry update(RegistryEntry entry, Long expectedVersion) {
        return delegate.update(entry, expectedVersion);
      }

      @Override
      public void delete(String id, Long expectedVersion) {
        delegate.delete(id, expectedVersion);
      }

      @Override
      public RegistryPage list(int limit, String cursor) {
        return delegate.list(limit, cursor);
      }

      @Override
      public long catalogVersion() {
        versionReads.incrementAndGet();
        return delegate.catalogVersion();
      }
    };
  }
}
