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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4PresignerParams;
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
 * {@code --auth iam}: verifies an AWS Signature Version 4 (service {@code lambda}) by re-signing
 * the request with the AWS SDK's signers at the client's timestamp and comparing. Accepts the
 * {@code Authorization} header form and the presigned-URL form ({@code X-Amz-Signature} in the
 * query, for clients such as a browser {@code EventSource} that cannot set headers). Refuses
 * unknown keys, bad signatures, timestamps more than five minutes from the server's clock (or
 * presigned URLs past their {@code X-Amz-Expires}), and a state-changing request (any method but
 * GET, HEAD and OPTIONS) whose signature was already accepted (replay). SigV4 timestamps have
 * one-second resolution, so an identical read repeated within a second legitimately carries the
 * same signature; AWS itself accepts such repeats, and refusing them broke clients that poll.
 */
public final class SigV4Authenticator implements CallerAuthenticator {

  static final Duration MAX_SKEW = Duration.ofMinutes(5);
  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
  private static final String ALGORITHM = "AWS4-HMAC-SHA256";
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final Set<String> PRESIGN_PARAMETERS =
      Set.of(
          "X-Amz-Algorithm",
          "X-Amz-Credential",
          "X-Amz-Date",
          "X-Amz-Expires",
          "X-Amz-SignedHeaders",
          "X-Amz-Signature");

  private final LocalCredentials credentials;
  private final Clock clock;
  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
  private final ReplayGuard replays;

  public SigV4Authenticator(LocalCredentials credentials, Clock clock) {
    this(credentials, clock, ReplayGuard.DEFAULT_CAPACITY);
  }

  /** With a replay-guard capacity (tests). */
  SigV4Authenticator(LocalCredentials credentials, Clock clock, int replayCapacity) {
    this.credentials = credentials;
    this.clock = clock;
    this.replays = new ReplayGuard(replayCapacity);
  }

  /** What a request claims about its signature, from the header or from a presigned URL. */
  private record Claims(
      String credential,
      String signedHeaders,
      String signature,
      String amzDate,
      Integer expiresSeconds) {}

  @Override
  public AuthOutcome authenticate(ReceivedRequest request) {
    Map<String, List<String>> query = queryParameters(request.rawQuery());
    String authorization = request.header("authorization");
    Claims claims;
    if (authorization != null) {
      ParsedAuthorization auth = ParsedAuthorization.parse(authorization);
      if (auth == null) {
        return reject(
            "malformed Authorization header: expected '"
                + ALGORITHM
                + " Credential=..., SignedHeaders=..., Signature=...'");
      }
      String amzDate = request.header("x-amz-date");
      if (amzDate == null) {
        return reject("missing X-Amz-Date header");
      }
      claims = new Claims(auth.credential(), auth.signedHeaders(), auth.signature(), amzDate, null);
    } else if (query.containsKey("X-Amz-Signature")) {
      if (!ALGORITHM.equals(first(query, "X-Amz-Algorithm"))) {
        return reject("presigned URL: X-Amz-Algorithm must be " + ALGORITHM);
      }
      Integer expires = null;
      try {
        expires = Integer.valueOf(String.valueOf(first(query, "X-Amz-Expires")));
      } catch (NumberFormatException e) {
        // reported below
      }
      if (expires == null || expires < 1 || expires > 604800) {
        return reject("presigned URL: X-Amz-Expires must be 1..604800 seconds");
      }
      if (first(query, "X-Amz-Credential") == null
          || first(query, "X-Amz-SignedHeaders") == null
          || first(query, "X-Amz-Date") == null) {
        return reject(
            "presigned URL: X-Amz-Credential, X-Amz-Date and X-Amz-SignedHeaders are required");
      }
      claims =
          new Claims(
              first(query, "X-Amz-Credential"),
              first(query, "X-Amz-SignedHeaders").toLowerCase(Locale.ROOT),
              first(query, "X-Amz-Signature").toLowerCase(Locale.ROOT),
              first(query, "X-Amz-Date"),
              expires);
    } else {
      return reject(
          "missing Authorization header: sign the request with AWS Signature Version 4 for"
              + " service 'lambda' (e.g. curl --aws-sigv4 \"aws:amz:us-east-1:lambda\")");
    }
    return verify(request, query, claims);
  }

  private AuthOutcome verify(
      ReceivedRequest request, Map<String, List<String>> query, Claims claims) {
    String[] scope = claims.credential().split("/");
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
    String amzDate = claims.amzDate().strip();
    Instant signedAt;
    try {
      signedAt = Instant.from(AMZ_DATE.parse(amzDate));
    } catch (DateTimeParseException e) {
      return reject("malformed X-Amz-Date: expected yyyyMMddTHHmmssZ");
    }
    if (!amzDate.startsWith(scope[1])) {
      return reject("the credential scope date does not match X-Amz-Date");
    }
    Instant now = clock.instant();
    Instant forgetAfter;
    if (claims.expiresSeconds() == null) {
      if (Duration.between(signedAt, now).abs().compareTo(MAX_SKEW) > 0) {
        return reject(
            "signature expired: signed at "
                + AMZ_DATE.format(signedAt)
                + ", server time is "
                + AMZ_DATE.format(now)
                + " (more than 5 minutes apart)");
      }
      forgetAfter = signedAt.plus(MAX_SKEW);
    } else {
      forgetAfter = signedAt.plusSeconds(claims.expiresSeconds());
      if (now.isAfter(forgetAfter)) {
        return reject("presigned URL expired at " + AMZ_DATE.format(forgetAfter));
      }
      if (signedAt.isAfter(now.plus(MAX_SKEW))) {
        return reject("presigned URL signed in the future (" + AMZ_DATE.format(signedAt) + ")");
      }
    }
    String expectedSignature;
    String expectedHeaders;
    try {
      SdkHttpRequest unsigned = unsignedRequest(request, query, claims.signedHeaders());
      Clock at = Clock.fixed(signedAt, ZoneOffset.UTC);
      if (claims.expiresSeconds() != null) {
        SdkHttpFullRequest presigned =
            presign(unsigned, request.body(), key, scope[2], at, forgetAfter);
        expectedSignature = presigned.firstMatchingRawQueryParameter("X-Amz-Signature").orElse("");
        expectedHeaders =
            presigned.firstMatchingRawQueryParameter("X-Amz-SignedHeaders").orElse("");
      } else {
        ParsedAuthorization expected =
            ParsedAuthorization.parse(
                resign(unsigned, request.body(), claims.signedHeaders(), key, scope[2], at));
        expectedSignature = expected == null ? "" : expected.signature();
        expectedHeaders = expected == null ? "" : expected.signedHeaders();
      }
    } catch (RuntimeException e) {
      return reject("the request cannot be verified: " + e.getMessage());
    }
    if (!MessageDigest.isEqual(
        expectedSignature.getBytes(StandardCharsets.US_ASCII),
        claims.signature().getBytes(StandardCharsets.US_ASCII))) {
      if (!expectedHeaders.equals(claims.signedHeaders())) {
        return reject(
            "signature does not match: the request signed headers ["
                + claims.signedHeaders()
                + "], the server re-signs ["
                + expectedHeaders
                + "]");
      }
      return reject(
          "signature does not match: check the secret access key, region and that the request"
              + " was not altered");
    }
    if (!SAFE_METHODS.contains(request.method())) {
      switch (replays.record(claims.signature(), forgetAfter, now)) {
        case REPLAY -> {
          return reject(
              "replayed request: this signature was already used; sign each request anew");
        }
        case FULL -> {
          return reject(
              "too many signed requests are still within their validity window; retry shortly");
        }
        case FIRST -> {
          // accepted
        }
      }
    }
    return new AuthOutcome.Authenticated(CallerIdentity.of(key.accessKeyId(), key.principalArn()));
  }

  /** The request as the client had it before signing: its signed headers, no auth parameters. */
  private static SdkHttpRequest unsignedRequest(
      ReceivedRequest request, Map<String, List<String>> query, String signedHeaders) {
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
    query.forEach(
        (name, values) -> {
          if (!PRESIGN_PARAMETERS.contains(name)) {
            builder.putRawQueryParameter(name, values);
          }
        });
    for (String name : signedHeaders.split(";")) {
      List<String> values = request.headers().get(name);
      if (values == null) {
        throw new IllegalArgumentException("signed header '" + name + "' is missing");
      }
      builder.putHeader(name, values);
    }
    return builder.build();
  }

  private String resign(
      SdkHttpRequest unsigned,
      byte[] body,
      String signedHeaders,
      LocalCredentials.Key key,
      String region,
      Clock at) {
    if (Arrays.asList(signedHeaders.split(";")).contains("x-amz-content-sha256")) {
      // AWS SDKs sign the payload hash header: the current signer always adds and signs it
      SignedRequest signed =
          signer.sign(
              r ->
                  r.identity(
                          AwsCredentialsIdentity.create(key.accessKeyId(), key.secretAccessKey()))
                      .request(unsigned)
                      .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                      .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "lambda")
                      .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                      .putProperty(HttpSigner.SIGNING_CLOCK, at));
      return signed.request().firstMatchingHeader("Authorization").orElse("");
    }
    // curl --aws-sigv4, botocore and others do not sign x-amz-content-sha256 for services other
    // than S3; the SDK's classic SigV4 signer reproduces their canonical request
    return classicSigner()
        .sign(full(unsigned, body), signParams(key, region, at))
        .firstMatchingHeader("Authorization")
        .orElse("");
  }

  private static SdkHttpFullRequest presign(
      SdkHttpRequest unsigned,
      byte[] body,
      LocalCredentials.Key key,
      String region,
      Clock at,
      Instant expiration) {
    return classicSigner()
        .presign(full(unsigned, body), presignParams(key, region, at, expiration));
  }

  @SuppressWarnings("deprecation")
  private static Aws4Signer classicSigner() {
    return Aws4Signer.create();
  }

  private static Aws4SignerParams signParams(LocalCredentials.Key key, String region, Clock at) {
    return Aws4SignerParams.builder()
        .awsCredentials(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()))
        .signingName("lambda")
        .signingRegion(Region.of(region))
        .signingClockOverride(at)
        .doubleUrlEncode(true)
        .build();
  }

  private static Aws4PresignerParams presignParams(
      LocalCredentials.Key key, String region, Clock at, Instant expiration) {
    return Aws4PresignerParams.builder()
        .awsCredentials(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()))
        .signingName("lambda")
        .signingRegion(Region.of(region))
        .signingClockOverride(at)
        .doubleUrlEncode(true)
        .expirationTime(expiration)
        .build();
  }

  private static SdkHttpFullRequest full(SdkHttpRequest request, byte[] body) {
    return SdkHttpFullRequest.builder()
        .method(request.method())
        .protocol(request.protocol())
        .host(request.host())
        .port(request.port())
        .encodedPath(request.encodedPath())
        .rawQueryParameters(request.rawQueryParameters())
        .headers(request.headers())
        .contentStreamProvider(ContentStreamProvider.fromByteArrayUnsafe(body))
        .build();
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
      params.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return params;
  }

  private static String first(Map<String, List<String>> query, String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.getFirst();
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
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
