package dev.mcplambda.local.auth;

import dev.mcplambda.local.CallerIdentity;
import dev.mcplambda.local.ReceivedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4SignerParams;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;

/**
 * {@code --auth iam}: verifies an AWS Signature Version 4 ({@code Authorization} header, service
 * {@code lambda}) by re-signing the request with the AWS SDK's {@link AwsV4HttpSigner} at the
 * client's timestamp and comparing. Refuses unknown keys, bad signatures, timestamps more than five
 * minutes from the server's clock, and a signature that was already accepted (replay).
 */
public final class SigV4Authenticator implements CallerAuthenticator {

  static final Duration MAX_SKEW = Duration.ofMinutes(5);
  private static final String ALGORITHM = "AWS4-HMAC-SHA256";
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final LocalCredentials credentials;
  private final Clock clock;
  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
  private final ReplayGuard replays = new ReplayGuard();

  public SigV4Authenticator(LocalCredentials credentials, Clock clock) {
    this.credentials = credentials;
    this.clock = clock;
  }

  @Override
  public AuthOutcome authenticate(ReceivedRequest request) {
    String authorization = request.header("authorization");
    if (authorization == null) {
      return reject(
          "missing Authorization header: sign the request with AWS Signature Version 4 for"
              + " service 'lambda' (e.g. curl --aws-sigv4 \"aws:amz:us-east-1:lambda\")");
    }
    ParsedAuthorization auth = ParsedAuthorization.parse(authorization);
    if (auth == null) {
      return reject(
          "malformed Authorization header: expected '"
              + ALGORITHM
              + " Credential=..., SignedHeaders=..., Signature=...'");
    }
    String[] scope = auth.credential().split("/");
    if (scope.length != 5 || !scope[4].equals("aws4_request")) {
      return reject(
          "malformed credential scope: expected accessKeyId/yyyyMMdd/region/lambda/aws4_request");
    }
    if (!scope[3].equals("lambda")) {
      return reject("the credential scope names service '" + scope[3] + "'; sign for 'lambda'");
    }
    LocalCredentials.Key key = credentials.find(scope[0]);
    if (key == null) {
      return reject("unknown access key id '" + scope[0] + "'");
    }
    String amzDate = request.header("x-amz-date");
    if (amzDate == null) {
      return reject("missing X-Amz-Date header");
    }
    Instant signedAt;
    try {
      signedAt = Instant.from(AMZ_DATE.parse(amzDate.strip()));
    } catch (DateTimeParseException e) {
      return reject("malformed X-Amz-Date '" + amzDate + "': expected yyyyMMddTHHmmssZ");
    }
    if (!amzDate.strip().startsWith(scope[1])) {
      return reject("the credential scope date does not match X-Amz-Date");
    }
    Instant now = clock.instant();
    if (Duration.between(signedAt, now).abs().compareTo(MAX_SKEW) > 0) {
      return reject(
          "signature expired: signed at "
              + AMZ_DATE.format(signedAt)
              + ", server time is "
              + AMZ_DATE.format(now)
              + " (more than 5 minutes apart)");
    }
    ParsedAuthorization expected;
    try {
      expected = ParsedAuthorization.parse(resign(request, auth, key, scope[2], signedAt));
    } catch (RuntimeException e) {
      return reject("the request cannot be verified: " + e.getMessage());
    }
    if (expected == null
        || !MessageDigest.isEqual(
            expected.signature().getBytes(StandardCharsets.US_ASCII),
            auth.signature().getBytes(StandardCharsets.US_ASCII))) {
      if (expected != null && !expected.signedHeaders().equals(auth.signedHeaders())) {
        return reject(
            "signature does not match: the request signed headers ["
                + auth.signedHeaders()
                + "], the server re-signs ["
                + expected.signedHeaders()
                + "]");
      }
      return reject(
          "signature does not match: check the secret access key, region and that the request"
              + " was not altered");
    }
    if (!replays.firstUse(auth.signature(), signedAt.plus(MAX_SKEW), now)) {
      return reject("replayed request: this signature was already used; sign each request anew");
    }
    return new AuthOutcome.Authenticated(CallerIdentity.of(key.accessKeyId(), key.principalArn()));
  }

  private String resign(
      ReceivedRequest request,
      ParsedAuthorization auth,
      LocalCredentials.Key key,
      String region,
      Instant signedAt) {
    String hostHeader = request.header("host");
    if (hostHeader == null) {
      throw new IllegalArgumentException("missing Host header");
    }
    SdkHttpRequest.Builder builder =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.fromValue(request.method().toUpperCase(Locale.ROOT)))
            .protocol("http")
            .encodedPath(request.rawPath());
    int colon = hostHeader.lastIndexOf(':');
    if (colon > 0 && !hostHeader.endsWith("]")) {
      builder.host(hostHeader.substring(0, colon));
      builder.port(Integer.parseInt(hostHeader.substring(colon + 1)));
    } else {
      builder.host(hostHeader);
      builder.port(80);
    }
    queryParameters(request.rawQuery()).forEach(builder::putRawQueryParameter);
    for (String name : auth.signedHeaders().split(";")) {
      List<String> values = request.headers().get(name);
      if (values == null) {
        throw new IllegalArgumentException("signed header '" + name + "' is missing");
      }
      builder.putHeader(name, values);
    }
    Clock at = Clock.fixed(signedAt, ZoneOffset.UTC);
    SdkHttpRequest toSign = builder.build();
    if (Arrays.asList(auth.signedHeaders().split(";")).contains("x-amz-content-sha256")) {
      // AWS SDKs sign the payload hash header: the current signer always adds and signs it
      SignedRequest signed =
          signer.sign(
              r ->
                  r.identity(
                          AwsCredentialsIdentity.create(key.accessKeyId(), key.secretAccessKey()))
                      .request(toSign)
                      .payload(ContentStreamProvider.fromByteArrayUnsafe(request.body()))
                      .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "lambda")
                      .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                      .putProperty(HttpSigner.SIGNING_CLOCK, at));
      return signed.request().firstMatchingHeader("Authorization").orElse("");
    }
    return resignWithoutPayloadHeader(toSign, request.body(), key, region, at);
  }

  /**
   * Clients such as {@code curl --aws-sigv4} and botocore do not sign {@code x-amz-content-sha256}
   * for services other than S3; the SDK's classic SigV4 signer reproduces their canonical request.
   */
  @SuppressWarnings("deprecation")
  private static String resignWithoutPayloadHeader(
      SdkHttpRequest request, byte[] body, LocalCredentials.Key key, String region, Clock at) {
    SdkHttpFullRequest full =
        SdkHttpFullRequest.builder()
            .method(request.method())
            .protocol(request.protocol())
            .host(request.host())
            .port(request.port())
            .encodedPath(request.encodedPath())
            .rawQueryParameters(request.rawQueryParameters())
            .headers(request.headers())
            .contentStreamProvider(ContentStreamProvider.fromByteArrayUnsafe(body))
            .build();
    Aws4SignerParams params =
        Aws4SignerParams.builder()
            .awsCredentials(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()))
            .signingName("lambda")
            .signingRegion(Region.of(region))
            .signingClockOverride(at)
            .doubleUrlEncode(true)
            .build();
    return Aws4Signer.create().sign(full, params).firstMatchingHeader("Authorization").orElse("");
  }

  private static Map<String, List<String>> queryParameters(String rawQuery) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return params;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = decode(eq < 0 ? pair : pair.substring(0, eq));
      String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
      params.computeIfAbsent(k, x -> new java.util.ArrayList<>()).add(v);
    }
    return params;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static AuthOutcome reject(String message) {
    return new AuthOutcome.Rejected(message);
  }

  /** The parts of a SigV4 {@code Authorization} header. */
  record ParsedAuthorization(String credential, String signedHeaders, String signature) {

    static ParsedAuthorization parse(String header) {
      String h = header.strip();
      if (!h.startsWith(ALGORITHM + " ")) {
        return null;
      }
      String credential = null;
      String signedHeaders = null;
      String signature = null;
      for (String part : h.substring(ALGORITHM.length()).split(",")) {
        String p = part.strip();
        int eq = p.indexOf('=');
        if (eq < 0) {
          continue;
        }
        String value = p.substring(eq + 1).strip();
        switch (p.substring(0, eq).strip()) {
          case "Credential" -> credential = value;
          case "SignedHeaders" -> signedHeaders = value.toLowerCase(Locale.ROOT);
          case "Signature" -> signature = value.toLowerCase(Locale.ROOT);
          default -> {
            // ignored
          }
        }
      }
      if (credential == null || signedHeaders == null || signature == null) {
        return null;
      }
      return new ParsedAuthorization(credential, signedHeaders, signature);
    }
  }
}
