package dev.mcplambda.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcplambda.protocol.StateKeyRing;
import dev.mcplambda.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

class SecretsManagerStateKeySourceTest {

  private static final String ARN =
      "arn:aws:secretsmanager:us-east-1:111122223333:secret:state-AbC";

  /** A Secrets Manager that holds version stages in a map and records each call. */
  static final class FakeSecrets implements SecretsManagerClient {
    final Map<String, String> stages = new ConcurrentHashMap<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    volatile boolean failing;

    @Override
    public GetSecretValueResponse getSecretValue(Consumer<GetSecretValueRequest.Builder> b) {
      GetSecretValueRequest r = GetSecretValueRequest.builder().applyMutation(b).build();
      calls.add(r.secretId() + "@" + r.versionStage());
      if (failing) {
        throw new IllegalStateException("service unavailable");
      }
      String v = stages.get(r.versionStage());
      if (v == null) {
        throw ResourceNotFoundException.builder().message("no such version").build();
      }
      return GetSecretValueResponse.builder().secretString(v).build();
    }

    @Override
    public String serviceName() {
      return "secretsmanager";
    }

    @Override
    public void close() {}
  }

  private final FakeSecrets secrets = new FakeSecrets();
  private final MutableClock clock = new MutableClock(Instant.now());

  @Test
  void loadsTheCurrentAndThePreviousVersionOfTheSecretByArn() {
    // given a rotated secret
    secrets.stages.put("AWSCURRENT", "new-value");
    secrets.stages.put("AWSPREVIOUS", "old-value");

    // when
    StateKeyRing ring = new SecretsManagerStateKeySource(secrets, ARN, clock).keys();

    // then the current value seals, the previous one is accepted
    StateKeyRing expected = StateKeyRing.of("new-value", "old-value");
    assertThat(ring.current().id()).isEqualTo(expected.current().id());
    assertThat(ring.key(StateKeyRing.of("old-value", null).current().id())).isNotNull();
    assertThat(secrets.calls).containsExactlyInAnyOrder(ARN + "@AWSCURRENT", ARN + "@AWSPREVIOUS");
  }

  @Test
  void aSecretNeverRotatedHasOnlyTheCurrentKey() {
    secrets.stages.put("AWSCURRENT", "only");
    StateKeyRing ring = new SecretsManagerStateKeySource(secrets, ARN, clock).keys();
    assertThat(ring.hasPrevious()).isFalse();
  }

  @Test
  void reloadsOnRequestAtMostOncePerInterval() {
    // given a loaded source
    secrets.stages.put("AWSCURRENT", "v1");
    SecretsManagerStateKeySource source = new SecretsManagerStateKeySource(secrets, ARN, clock);
    source.keys();
    int loaded = secrets.calls.size();

    // when the secret rotates and reloads are asked for: at once, then after the interval
    secrets.stages.put("AWSPREVIOUS", "v1");
    secrets.stages.put("AWSCURRENT", "v2");
    StateKeyRing tooSoon = source.refreshed();
    clock.advance(SecretsManagerStateKeySource.MIN_RELOAD_INTERVAL.plus(Duration.ofSeconds(1)));
    StateKeyRing reloaded = source.refreshed();

    // then only the second one read Secrets Manager
    assertThat(tooSoon.current().id()).isEqualTo(StateKeyRing.of("v1", null).current().id());
    assertThat(reloaded.current().id()).isEqualTo(StateKeyRing.of("v2", null).current().id());
    assertThat(secrets.calls).hasSize(loaded + 2);
  }

  @Test
  void aFailedLoadIsRetriedByTheNextRequest() {
    // given Secrets Manager fails at init
    secrets.failing = true;
    SecretsManagerStateKeySource source = new SecretsManagerStateKeySource(secrets, ARN, clock);
    assertThatThrownBy(source::keys).hasMessageContaining("service unavailable");

    // when it recovers
    secrets.failing = false;
    secrets.stages.put("AWSCURRENT", "v1");

    // then the next request gets the keys
    assertThat(source.keys().current().id()).isEqualTo(StateKeyRing.of("v1", null).current().id());
  }
}
