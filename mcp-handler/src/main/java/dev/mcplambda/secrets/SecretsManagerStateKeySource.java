package dev.mcplambda.secrets;

import dev.mcplambda.config.AwsCredentialsChoice;
import dev.mcplambda.config.Environment;
import dev.mcplambda.protocol.StateKeyRing;
import dev.mcplambda.protocol.StateKeySource;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * The MRTR state keys from AWS Secrets Manager: the secret's {@code AWSCURRENT} version seals, its
 * {@code AWSPREVIOUS} version (if any) still opens, so rotating the secret ({@code aws
 * secretsmanager rotate-secret} or {@code put-secret-value}) never invalidates a state issued a
 * moment before. The environment carries only the secret's ARN.
 *
 * <p>The client is built once, with the url-connection HTTP client, and the first load starts on a
 * background thread at construction (init), so a cold start that serves no MRTR request does not
 * wait for it. When a state names a key this container does not hold (another container loaded the
 * secret after a rotation), {@link #refreshed()} reloads, at most once per {@link
 * #MIN_RELOAD_INTERVAL}.
 */
public final class SecretsManagerStateKeySource implements StateKeySource {

  private static final Logger LOG = LoggerFactory.getLogger(SecretsManagerStateKeySource.class);

  /** Reloads triggered by unknown key ids are at least this far apart. */
  public static final Duration MIN_RELOAD_INTERVAL = Duration.ofMinutes(1);

  private final SecretsManagerClient client;
  private final String secretId;
  private final Clock clock;
  private CompletableFuture<StateKeyRing> ring; // guarded by this
  private long lastLoadMillis;

  /** Starts loading from {@code client} on a background thread. */
  public SecretsManagerStateKeySource(SecretsManagerClient client, String secretId, Clock clock) {
    this.client = client;
    this.secretId = secretId;
    this.clock = clock;
    this.lastLoadMillis = clock.millis();
    this.ring =
        CompletableFuture.supplyAsync(
            this::load,
            task -> {
              Thread t = new Thread(task, "state-key-init");
              t.setDaemon(true);
              t.start();
            });
  }

  /**
   * The composition root's source: region from {@code AWS_REGION}, endpoint override from {@code
   * SECRETS_MANAGER_ENDPOINT} (tests), credentials provider by {@link AwsCredentialsChoice}.
   */
  public static SecretsManagerStateKeySource start(String secretArn, Environment env) {
    SecretsManagerClientBuilder builder =
        SecretsManagerClient.builder()
            .region(Region.of(env.getOrDefault(Environment.AWS_REGION, "us-east-1")))
            .credentialsProvider(AwsCredentialsChoice.fromEnvironment(env))
            .httpClientBuilder(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(3))
                    .socketTimeout(Duration.ofSeconds(5)))
            .overrideConfiguration(
                c -> c.retryStrategy(RetryMode.STANDARD).apiCallTimeout(Duration.ofSeconds(10)));
    env.get(Environment.SECRETS_MANAGER_ENDPOINT)
        .map(URI::create)
        .ifPresent(builder::endpointOverride);
    return new SecretsManagerStateKeySource(builder.build(), secretArn, Clock.systemUTC());
  }

  @Override
  public StateKeyRing keys() {
    CompletableFuture<StateKeyRing> f;
    synchronized (this) {
      if (ring == null) {
        ring = loadNow(); // the last load failed: try again, on this request
      }
      f = ring;
    }
    try {
      return f.join();
    } catch (CompletionException e) {
      synchronized (this) {
        if (ring == f) {
          ring = null; // the next request tries again instead of failing for the container's life
        }
      }
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("loading the state keys failed", cause);
    }
  }

  @Override
  public synchronized StateKeyRing refreshed() {
    long now = clock.millis();
    if (now - lastLoadMillis >= MIN_RELOAD_INTERVAL.toMillis()) {
      lastLoadMillis = now;
      try {
        StateKeyRing reloaded = load();
        ring = CompletableFuture.completedFuture(reloaded);
      } catch (RuntimeException e) {
        LOG.warn("reloading the state keys failed: {}", e.getClass().getSimpleName());
      }
    }
    return keys();
  }

  private CompletableFuture<StateKeyRing> loadNow() {
    try {
      return CompletableFuture.completedFuture(load());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private StateKeyRing load() {
    String current = value("AWSCURRENT");
    if (current == null) {
      throw new IllegalStateException("the state secret has no AWSCURRENT value");
    }
    String previous = value("AWSPREVIOUS");
    StateKeyRing keys = StateKeyRing.of(current, previous);
    LOG.info(
        "state keys loaded: current {}{}",
        keys.current().id(),
        keys.hasPrevious() ? " (and the previous key)" : "");
    return keys;
  }

  private String value(String stage) {
    try {
      return client.getSecretValue(b -> b.secretId(secretId).versionStage(stage)).secretString();
    } catch (ResourceNotFoundException e) {
      if ("AWSCURRENT".equals(stage)) {
        throw e;
      }
      return null; // no rotation yet
    }
  }
}
