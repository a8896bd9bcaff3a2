package dev.mcplambda.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AcceptAndOriginTest {

  @Test
  void acceptRangesMapToJsonAndSse() {
    assertThat(AcceptHeader.parse(null)).isEqualTo(new AcceptHeader(true, true));
    assertThat(AcceptHeader.parse("application/json, text/event-stream"))
        .isEqualTo(new AcceptHeader(true, true));
    assertThat(AcceptHeader.parse("text/event-stream")).isEqualTo(new AcceptHeader(false, true));
    assertThat(AcceptHeader.parse("application/json;q=0.9"))
        .isEqualTo(new AcceptHeader(true, false));
    assertThat(AcceptHeader.parse("*/*")).isEqualTo(new AcceptHeader(true, true));
    assertThat(AcceptHeader.parse("text/html")).isEqualTo(new AcceptHeader(false, false));
    assertThat(AcceptHeader.parse("application/json;q=0, text/*"))
        .isEqualTo(new AcceptHeader(false, true));
  }

  @Test
  void originsPassWhenAbsentOrListed() {
    OriginPolicy policy = new OriginPolicy(List.of("https://app.example.com"));
    assertThat(policy.allows(null)).isTrue();
    assertThat(policy.allows("https://app.example.com")).isTrue();
    assertThat(policy.allows("https://APP.example.com/")).isTrue();
    assertThat(policy.allows("https://evil.example.com")).isFalse();
    assertThat(policy.allows("null")).isFalse();
    assertThat(policy.allows("http://localhost:3000")).isFalse();
  }

  @Test
  void loopbackOriginsPassOnlyWhenConfigured() {
    OriginPolicy policy = new OriginPolicy(List.of("localhost"));
    assertThat(policy.allows("http://localhost:3000")).isTrue();
    assertThat(policy.allows("http://127.0.0.1:8080")).isTrue();
    assertThat(policy.allows("http://[::1]:8080")).isTrue();
    assertThat(policy.allows("http://localhost.evil.com")).isFalse();
    assertThat(policy.allows("http://evil.example.com")).isFalse();
    assertThat(new OriginPolicy(List.of("*")).allows("https://any.where")).isTrue();
  }
}
