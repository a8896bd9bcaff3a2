package dev.mcplambda.local.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcplambda.local.CallerIdentity;
import dev.mcplambda.local.ReceivedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4PresignerParams;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

class SigV4AuthenticatorTest {

  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
  private static final String PRINCIPAL = "arn:aws:iam::123456789012:user/alice";

  private final LocalCredentials credentials =
      new LocalCredentials(
          Map.of("AKIDALICE", new LocalCredentials.Key("AKIDALICE", "alice-secret", PRINCIPAL)));
  private final SigV4Authenticator authenticator =
      new SigV4Authenticator(credentials, Clock.fixed(NOW, ZoneOffset.UTC));

  /** Signs like an AWS SDK client would and returns the request as the server receives it. */
  static ReceivedRequest signed(
      String method,
      String path,
      String query,
      String body,
      String accessKey,
      String secret,
      String service,
      Instant at) {
    SdkHttpRequest.Builder request =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.fromValue(method))
            .protocol("http")
            .host("127.0.0.1")
            .port(8081)
            .encodedPath(path)
            .putHeader("Content-Type", "application/json");
    if (query != null) {
      for (String pair : query.split("&")) {
        String[] kv = pair.split("=", 2);
        request.putRawQueryParameter(
            kv[0], kv.length > 1 ? java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
      }
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    SdkHttpRequest out =
        AwsV4HttpSigner.create()
            .sign(
                r ->
                    r.identity(AwsCredentialsIdentity.create(accessKey, secret))
                        .request(request.build())
                        .payload(ContentStreamProvider.fromByteArray(bytes))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)))
            .request();
    Map<String, List<String>> headers = new LinkedHashMap<>(out.headers());
    headers.putIfAbsent("Host", List.of("127.0.0.1:8081"));
    return new ReceivedRequest(method, path, query, headers, bytes, "127.0.0.1");
  }

  private static ReceivedRequest signedBy(String accessKey, String secret, Instant at) {
    return signed(
        "POST", "/register", null, "{\"type\":\"tool\"}", accessKey, secret, "lambda", at);
  }

  @Test
  void acceptsARequestSignedByTheSdkSignerAndNamesItsPrincipal() {
    // given
    ReceivedRequest request = signedBy("AKIDALICE", "alice-secret", NOW.minusSeconds(30));

    // when
    AuthOutcome outcome = authenticator.authenticate(request);

    // then
    assertThat(outcome)
        .isEqualTo(new AuthOutcome.Authenticated(CallerIdentity.of("AKIDALICE", PRINCIPAL)));
    assertThat(((AuthOutcome.Authenticated) outcome).caller().accountId())
        .isEqualTo("123456789012");
  }

  @Test
  void acceptsSignedQueryParameters() {
    ReceivedRequest request =
        signed(
            "GET",
            "/register",
            "limit=2&cursor=abc%3D",
            "",
            "AKIDALICE",
            "alice-secret",
            "lambda",
            NOW);
    assertThat(authenticator.authenticate(request)).isInstanceOf(AuthOutcome.Authenticated.class);
  }

  @Test
  void rejectsAWrongSecret() {
    AuthOutcome outcome = authenticator.authenticate(signedBy("AKIDALICE", "guessed", NOW));
    assertThat(outcome).isInstanceOf(AuthOutcome.Rejected.class);
    assertThat(((AuthOutcome.Rejected) outcome).message()).contains("signature does not match");
  }

  @Test
  void rejectsAnAlteredBody() {
    // given
    ReceivedRequest original = signedBy("AKIDALICE", "alice-secret", NOW);
    ReceivedRequest altered =
        new ReceivedRequest(
            original.method(),
            original.rawPath(),
            original.rawQuery(),
            original.headers(),
            "{\"type\":\"prompt\"}".getBytes(StandardCharsets.UTF_8),
            original.sourceIp());

    // when
    AuthOutcome outcome = authenticator.authenticate(altered);

    // then
    assertThat(outcome).isInstanceOf(AuthOutcome.Rejected.class);
  }

  @Test
  void rejectsAnUnknownAccessKey() {
    AuthOutcome outcome = authenticator.authenticate(signedBy("AKIDMALLORY", "x", NOW));
    assertThat(((AuthOutcome.Rejected) outcome).message()).contains("unknown access key id");
  }

  @Test
  void rejectsAnExpiredSignature() {
    AuthOutcome outcome =
        authenticator.authenticate(signedBy("AKIDALICE", "alice-secret", NOW.minusSeconds(301)));
    assertThat(((AuthOutcome.Rejected) outcome).message()).startsWith("signature expired");
  }

  @Test
  void rejectsASignatureFromTheFuture() {
    AuthOutcome outcome =
        authenticator.authenticate(signedBy("AKIDALICE", "alice-secret", NOW.plusSeconds(400)));
    assertThat(((AuthOutcome.Rejected) outcome).message()).startsWith("signature expired");
  }

  @Test
  void rejectsAReplay() {
    // given
    ReceivedRequest request = signedBy("AKIDALICE", "alice-secret", NOW);
    assertThat(authenticator.authenticate(request)).isInstanceOf(AuthOutcome.Authenticated.class);

    // when
    AuthOutcome again = authenticator.authenticate(request);

    // then
    assertThat(((AuthOutcome.Rejected) again).message()).startsWith("replayed request");
  }

  @Test
  void aFullReplayGuardRefusesFurtherWritesButStillServesReads() {
    // given an authenticator whose replay guard holds two signatures, at the current time
    Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    SigV4Authenticator small =
        new SigV4Authenticator(credentials, Clock.fixed(now, ZoneOffset.UTC), 2);
    assertThat(small.authenticate(signedBy("AKIDALICE", "alice-secret", now.minusSeconds(1))))
        .isInstanceOf(AuthOutcome.Authenticated.class);
    assertThat(small.authenticate(signedBy("AKIDALICE", "alice-secret", now.minusSeconds(2))))
        .isInstanceOf(AuthOutcome.Authenticated.class);

    // when a third distinct write and a read arrive within the signatures' validity
    AuthOutcome third = small.authenticate(signedBy("AKIDALICE", "alice-secret", now));
    AuthOutcome read =
        small.authenticate(
            signed("GET", "/register", null, "", "AKIDALICE", "alice-secret", "lambda", now));

    // then the write is refused with a reason (bounded memory, no replay window) and reads work
    assertThat(((AuthOutcome.Rejected) third).message()).startsWith("too many signed requests");
    assertThat(read).isInstanceOf(AuthOutcome.Authenticated.class);
  }

  @Test
  void acceptsAnIdenticalReadRepeatedWithinTheSameSecond() {
    // given a GET signed once (SigV4 timestamps have one-second resolution)
    ReceivedRequest read =
        signed("GET", "/register/tool-echo", null, "", "AKIDALICE", "alice-secret", "lambda", NOW);

    // when it is sent twice
    AuthOutcome first = authenticator.authenticate(read);
    AuthOutcome second = authenticator.authenticate(read);

    // then both are served: a repeated read changes nothing
    assertThat(first).isInstanceOf(AuthOutcome.Authenticated.class);
    assertThat(second).isInstanceOf(AuthOutcome.Authenticated.class);
  }

  @Test
  void rejectsAnotherService() {
    ReceivedRequest request =
        signed("POST", "/register", null, "{}", "AKIDALICE", "alice-secret", "s3", NOW);
    assertThat(((AuthOutcome.Rejected) authenticator.authenticate(request)).message())
        .contains("sign for 'lambda'");
  }

  @Test
  void rejectsAnUnsignedRequest() {
    ReceivedRequest request =
        new ReceivedRequest(
            "GET", "/register", null, Map.of("Host", List.of("127.0.0.1")), null, "127.0.0.1");
    assertThat(((AuthOutcome.Rejected) authenticator.authenticate(request)).message())
        .startsWith("missing Authorization header");
  }

  /** A presigned GET URL as an SDK presigner makes it, received by the server. */
  @SuppressWarnings("deprecation")
  private static ReceivedRequest presigned(String query, Instant at, Duration valid) {
    SdkHttpFullRequest.Builder request =
        SdkHttpFullRequest.builder()
            .method(SdkHttpMethod.GET)
            .protocol("http")
            .host("127.0.0.1")
            .port(8080)
            .encodedPath("/sse");
    for (String pair : query.split("&")) {
      String[] kv = pair.split("=", 2);
      request.putRawQueryParameter(kv[0], kv[1]);
    }
    SdkHttpFullRequest signed =
        Aws4Signer.create()
            .presign(
                request.build(),
                Aws4PresignerParams.builder()
                    .awsCredentials(AwsBasicCredentials.create("AKIDALICE", "alice-secret"))
                    .signingName("lambda")
                    .signingRegion(Region.US_EAST_1)
                    .signingClockOverride(Clock.fixed(at, ZoneOffset.UTC))
                    .expirationTime(at.plus(valid))
                    .build());
    String rawQuery =
        SdkHttpUtils.encodeAndFlattenQueryParameters(signed.rawQueryParameters()).orElseThrow();
    return new ReceivedRequest(
        "GET", "/sse", rawQuery, Map.of("Host", List.of("127.0.0.1:8080")), null, "127.0.0.1");
  }

  @Test
  void acceptsAPresignedUrlWithinItsValidity() {
    // given: signed 10 minutes ago, valid for 15
    ReceivedRequest request = presigned("x=1", NOW.minusSeconds(600), Duration.ofMinutes(15));

    // when
    AuthOutcome outcome = authenticator.authenticate(request);

    // then
    assertThat(outcome)
        .isEqualTo(new AuthOutcome.Authenticated(CallerIdentity.of("AKIDALICE", PRINCIPAL)));
  }

  @Test
  void rejectsAnExpiredPresignedUrl() {
    ReceivedRequest request = presigned("x=1", NOW.minusSeconds(600), Duration.ofMinutes(5));
    assertThat(((AuthOutcome.Rejected) authenticator.authenticate(request)).message())
        .startsWith("presigned URL expired");
  }

  @Test
  void rejectsAPresignedUrlWithAnAlteredQuery() {
    // given
    ReceivedRequest original = presigned("x=1", NOW, Duration.ofMinutes(5));
    ReceivedRequest altered =
        new ReceivedRequest(
            "GET",
            "/sse",
            original.rawQuery().replace("x=1", "x=2"),
            original.headers(),
            null,
            "127.0.0.1");

    // when
    AuthOutcome outcome = authenticator.authenticate(altered);

    // then
    assertThat(((AuthOutcome.Rejected) outcome).message()).contains("signature does not match");
  }
}
