package dev.mcplambda.transport;

import static dev.mcplambda.transport.FunctionUrlRequests.get;
import static dev.mcplambda.transport.FunctionUrlRequests.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcplambda.json.Json;
import dev.mcplambda.runtime.BufferedResponseStream;
import dev.mcplambda.session.SessionStore;
import dev.mcplambda.store.dynamodb.DynamoDbClients;
import dev.mcplambda.store.dynamodb.DynamoDbSessionStore;
import dev.mcplambda.store.dynamodb.DynamoDbTables;
import dev.mcplambda.testing.Dynalite;
import dev.mcplambda.testing.FaultInjectingDynamoDbProxy;
import dev.mcplambda.testing.FaultInjectingDynamoDbProxy.Faults;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Legacy SSE relay on {@link DynamoDbSessionStore} with DynamoDB misbehaving: every store call of
 * the stream holder and of the POST handlers goes through a {@link FaultInjectingDynamoDbProxy}
 * that throttles, fails with 5xx and slows writes. The SDK retries what it can; what still fails
 * must reach the client as a clear 503 (which a client retries), never as a lost or duplicated
 * message: every POST the server accepted (202) is delivered exactly once, in order, to a client
 * that reconnects with {@code Last-Event-ID} when a stream ends, as EventSource clients do.
 */
class DynamoDbFaultInjectionIT {

  static final int POSTS = 120;
  static final Faults FAULTS = new Faults(0.08, 0.04, 0.03, 0.03, 0.20, Duration.ofMillis(150));

  /** A third of all calls fail and the SDK gives up after 3 attempts: our code sees the rest. */
  static final Faults HARSH = new Faults(0.15, 0.08, 0.06, 0.06, 0.20, Duration.ofMillis(150));

  private final FaultInjectingDynamoDbProxy proxy =
      FaultInjectingDynamoDbProxy.start(Dynalite.endpoint(), 20261204L);
  private final List<DynamoDbClient> clients = new ArrayList<>();
  private final ExecutorService pool = Executors.newFixedThreadPool(16);
  private final String table = "sessions-" + UUID.randomUUID();

  @AfterEach
  void stop() {
    pool.shutdownNow();
    clients.forEach(DynamoDbClient::close);
    proxy.close();
  }

  private boolean fewRetries;

  private SessionStore newStore() {
    DynamoDbClient client =
        fewRetries
            ? DynamoDbClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(URI.create(proxy.endpoint()))
                .credentialsProvider(
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD))
                .build()
            : DynamoDbClients.forEndpoint(proxy.endpoint());
    clients.add(client);
    return new DynamoDbSessionStore(
        client, table, Clock.systemUTC(), DynamoDbSessionStore.DEFAULT_POLL_INTERVAL);
  }

  @Test
  void throttlingSlowWritesAnd5xxLoseAndDuplicateNoMessage() throws Exception {
    relay(FAULTS, "legacy-sse-faults");
  }

  @Test
  void whatTheSdkRetriesCannotAbsorbIsA503AndStillNoMessageIsLostOrDuplicated() throws Exception {
    fewRetries = true;
    relay(HARSH, "legacy-sse-faults-few-retries");
  }

  private void relay(Faults faults, String figures) throws Exception {
    // given a session table, a stream holder and four POST handlers, all through the proxy
    DynamoDbClient setup = DynamoDbClients.forEndpoint(Dynalite.endpoint());
    clients.add(setup);
    DynamoDbTables.ensureSessionTable(setup, table);
    HandlerHarness streamSide =
        new HandlerHarness(
            new FakeDispatcher(), newStore(), HandlerHarness.settings(), ListChangeFeed.NONE);
    EventSourceClient client = new EventSourceClient(streamSide);
    client.connect(null);
    assertThat(client.current.awaitBodyContaining("sessionId=sess1", 20_000)).isTrue();
    List<HandlerHarness> postSides = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      postSides.add(
          new HandlerHarness(
              new FakeDispatcher(), newStore(), HandlerHarness.settings(), ListChangeFeed.NONE));
    }

    // when DynamoDB starts misbehaving and many POSTs race (a client retries a 503)
    proxy.inject(faults);
    AtomicInteger refusals = new AtomicInteger();
    Map<Integer, Integer> otherStatuses = new java.util.concurrent.ConcurrentHashMap<>();
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> statuses = new ArrayList<>();
    for (int i = 0; i < POSTS; i++) {
      int n = i;
      HandlerHarness side = postSides.get(i % postSides.size());
      statuses.add(
          pool.submit(
              () -> {
                start.await();
                for (int attempt = 1; ; attempt++) {
                  int status =
                      side.send(
                              post(
                                      "/message",
                                      "{\"jsonrpc\":\"2.0\",\"id\":"
                                          + n
                                          + ",\"method\":\"tools/call\",\"params\":{\"name\":\"t"
                                          + n
                                          + "\",\"arguments\":{}}}")
                                  .query("sessionId", "sess1")
                                  .build())
                          .status();
                  if (status != 503 || attempt == 20) {
                    return status;
                  }
                  refusals.incrementAndGet();
                  Thread.sleep(50L * attempt);
                }
              }));
    }
    start.countDown();
    for (Future<Integer> status : statuses) {
      int s = status.get(240, TimeUnit.SECONDS);
      if (s != 202) {
        otherStatuses.merge(s, 1, Integer::sum);
      }
    }
    client.awaitMessages(POSTS);
    Map<String, Long> injected = proxy.injected();
    proxy.inject(Faults.none());
    streamSide.store.delete("sess1"); // ends the stream
    client.streaming.get(60, TimeUnit.SECONDS);

    // then every POST was accepted in the end, and each arrived exactly once, in order
    assertThat(otherStatuses).as("POSTs never accepted").isEmpty();
    Map<Integer, Integer> seen = new HashMap<>();
    List<Long> sequence = new ArrayList<>();
    String[] blocks = client.text().split("\n\n");
    for (int i = 0; i < blocks.length; i++) {
      if (!blocks[i].startsWith("event: message")) {
        continue; // endpoint, ping and retry blocks of each connection
      }
      assertThat(blocks[i]).startsWith("event: message\nid: sess1:");
      int dataAt = blocks[i].indexOf("\ndata: ");
      sequence.add(
          Long.parseLong(blocks[i].substring("event: message\nid: sess1:".length(), dataAt)));
      JsonNode message = Json.readTree(blocks[i].substring(dataAt + "\ndata: ".length()));
      seen.merge(message.path("id").asInt(), 1, Integer::sum);
    }
    long lost = POSTS - seen.size();
    long duplicated = seen.values().stream().mapToLong(c -> c - 1).sum();
    record(figures, injected, refusals.get(), client.reconnects, lost, duplicated);
    assertThat(proxy.injectedTotal()).as("faults injected").isPositive();
    assertThat(lost).as("messages lost").isZero();
    assertThat(duplicated).as("messages duplicated").isZero();
    assertThat(sequence).isSortedAccordingTo(Long::compare).doesNotHaveDuplicates();
  }

  /**
   * What an EventSource does: when the stream ends (a deadline, or the stream holder giving up on
   * the store), it reconnects with {@code Last-Event-ID} and the session resumes after that event.
   */
  private static final class EventSourceClient {
    private final HandlerHarness side;
    private final List<BufferedResponseStream> streams = new ArrayList<>();
    volatile BufferedResponseStream current;
    volatile CompletableFuture<Void> streaming;
    int reconnects;

    EventSourceClient(HandlerHarness side) {
      this.side = side;
    }

    synchronized void connect(String lastEventId) {
      FunctionUrlRequests request = get("/sse");
      if (lastEventId != null) {
        request.header("Last-Event-ID", lastEventId);
        reconnects++;
      }
      current = new BufferedResponseStream();
      streams.add(current);
      streaming = side.sendAsync(request.build(), current, 300_000);
    }

    synchronized String text() {
      StringBuilder all = new StringBuilder();
      streams.forEach(s -> all.append(s.bodyText()).append("\n\n"));
      return all.toString();
    }

    /** Waits (bounded) for {@code count} message events, reconnecting; the assertions decide. */
    void awaitMessages(int count) throws InterruptedException {
      long end = System.currentTimeMillis() + 150_000;
      while (System.currentTimeMillis() < end
          && text().split("event: message", -1).length - 1 < count) {
        if (streaming.isDone()) {
          Matcher last = LAST_ID.matcher(text());
          String id = "sess1:0";
          while (last.find()) {
            id = last.group(1);
          }
          connect(id);
        }
        Thread.sleep(50);
      }
    }
  }

  private static final Pattern LAST_ID = Pattern.compile("\nid: (sess1:[0-9]+)");

  /** The figures for the README's Robustness section: target/robustness/NAME.json. */
  private static void record(
      String name,
      Map<String, Long> injected,
      int refusals,
      int reconnects,
      long lost,
      long duplicated)
      throws Exception {
    String json =
        "{\"posts\":"
            + POSTS
            + ",\"faultsInjected\":"
            + Json.write(injected)
            + ",\"postsRefused503ThenRetried\":"
            + refusals
            + ",\"streamReconnects\":"
            + reconnects
            + ",\"messagesLost\":"
            + lost
            + ",\"messagesDuplicated\":"
            + duplicated
            + "}\n";
    Path dir = Path.of("target", "robustness");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(name + ".json"), json);
    System.out.println("[robustness] " + name + ": " + json.strip());
  }
}
