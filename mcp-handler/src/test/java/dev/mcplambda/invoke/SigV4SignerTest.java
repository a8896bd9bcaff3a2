package dev.mcplambda.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcplambda.testing.MutableClock;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** Our SigV4 signatures against the SDK's {@link AwsV4HttpSigner} for the same requests. */
class SigV4SignerTest {

  private static final AwsCredentialsIdentity BASIC =
      AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
  private static final AwsCredentialsIdentity SESSION =
      AwsSessionCredentials.create("ASIAEXAMPLE", "c2VjcmV0/secret+key", "FwoGZXIvYXdzE//token==");

  private final MutableClock clock = new MutableClock(Instant.now());

  private static Map<String, String> headers(byte[] body, String invocationType) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Content-Type", "application/json");
    h.put("Accept", "application/json");
    h.put("X-Amz-Invocation-Type", invocationType);
    h.put("Content-Length", Integer.toString(body.length));
    return h;
  }

  /** The SDK's signed headers (one value each), names lower-cased. */
  private Map<String, String> sdk(
      URI uri, Map<String, String> headers, byte[] body, AwsCredentialsIdentity credentials) {
    SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(uri);
    headers.forEach(request::putHeader);
    SdkHttpRequest built = request.build();
    Map<String, String> out = new LinkedHashMap<>();
    AwsV4HttpSigner.create()
        .sign(
            r ->
                r.request(built)
                    .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                    .identity(credentials)
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "lambda")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")
                    .putProperty(HttpSigner.SIGNING_CLOCK, clock))
        .request()
        .headers()
        .forEach((k, v) -> out.put(k.toLowerCase(java.util.Locale.ROOT), v.getFirst()));
    return out;
  }

  private static Map<String, String> lower(Map<String, String> headers) {
    Map<String, String> out = new LinkedHashMap<>();
    headers.forEach((k, v) -> out.put(k.toLowerCase(java.util.Locale.ROOT), v));
    return out;
  }

  @Test
  void signsAnInvokeOfAnArnWithAPortAsTheSdkDoes() {
    // given: a function ARN with a qualifier (colons, encoded in the path) on a local endpoint
    SigV4Signer signer = new SigV4Signer("eu-west-1", "lambda", clock);
    URI uri =
        URI.create(
            "http://127.0.0.1:9001/2015-03-31/functions/"
                + "arn%3Aaws%3Alambda%3Aeu-west-1%3A123456789012%3Afunction%3Aecho%3A%24LATEST"
                + "/invocations");
    byte[] body = "{\"args\":{\"message\":\"hé\"}}".getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = headers(body, "RequestResponse");

    // when
    Map<String, String> ours = lower(signer.sign("POST", uri, headers, body, BASIC));

    // then
    Map<String, String> theirs = sdk(uri, headers, body, BASIC);
    assertThat(ours.get("authorization")).isEqualTo(theirs.get("authorization"));
    assertThat(ours.get("x-amz-date")).isEqualTo(theirs.get("x-amz-date"));
    assertThat(ours)
        .containsEntry("host", "127.0.0.1:9001")
        .doesNotContainKey("x-amz-security-token");
  }

  @Test
  void signsWithSessionCredentialsOnTheRegionalEndpointAsTheSdkDoes() {
    SigV4Signer signer = new SigV4Signer("eu-west-1", "lambda", clock);
    URI uri =
        URI.create("https://lambda.eu-west-1.amazonaws.com/2015-03-31/functions/my-fn/invocations");
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = headers(body, "Event");

    Map<String, String> ours = lower(signer.sign("POST", uri, headers, body, SESSION));

    Map<String, String> theirs = sdk(uri, headers, body, SESSION);
    assertThat(ours.get("authorization")).isEqualTo(theirs.get("authorization"));
    assertThat(ours.get("x-amz-security-token")).isEqualTo(theirs.get("x-amz-security-token"));
    assertThat(ours).containsEntry("host", "lambda.eu-west-1.amazonaws.com");
  }

  @Test
  void derivesANewSigningKeyWhenTheDayOrTheSecretChanges() {
    // given: one signer, used across a date change and a credentials rotation
    SigV4Signer signer = new SigV4Signer("eu-west-1", "lambda", clock);
    URI uri = URI.create("http://localhost:3001/2015-03-31/functions/echo/invocations");
    byte[] body = "{\"n\":1}".getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = headers(body, "RequestResponse");
    signer.sign("POST", uri, headers, body, BASIC);

    // when
    clock.advance(Duration.ofDays(1));
    String nextDay = lower(signer.sign("POST", uri, headers, body, BASIC)).get("authorization");
    String rotated = lower(signer.sign("POST", uri, headers, body, SESSION)).get("authorization");

    // then
    assertThat(nextDay).isEqualTo(sdk(uri, headers, body, BASIC).get("authorization"));
    assertThat(rotated).isEqualTo(sdk(uri, headers, body, SESSION).get("authorization"));
  }

  @Test
  void encodesThePathASecondTimeAndCollapsesHeaderSpaces() {
    assertThat(SigV4Signer.canonicalPath("/functions/a%3Ab/x y~"))
        .isEqualTo("/functions/a%253Ab/x%20y~");
    assertThat(SigV4Signer.canonicalPath("")).isEqualTo("/");
    assertThat(SigV4Signer.canonicalValue("  a   b c ")).isEqualTo("a b c");
  }
}
