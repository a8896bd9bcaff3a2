package dev.mcplambda.invoke;

import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Where and how the Lambda API is called: endpoint, region and credentials, and SigV4-signed {@code
 * POST}s over {@link HttpURLConnection} (the JDK's keep-alive pool, no extra HTTP client).
 *
 * <p>Latency: the request goes out in <em>one</em> write. {@code HttpURLConnection} in fixed-length
 * streaming mode (what the SDK's url-connection client uses) flushes the headers and then writes
 * the body as a second segment; with Nagle's algorithm on the client socket that segment waits for
 * the peer's (delayed) ACK of the first, ≈ 1.3 ms per call on loopback — most of what a {@code
 * tools/call} cost locally. Buffered mode sends headers and body together. Buffered POSTs are
 * retried once by the JDK on a stale kept-alive connection unless {@code
 * sun.net.http.retryPost=false}, which this class sets when nobody has (a tool call is not known to
 * be idempotent), as it raises {@code http.maxConnections} (default 5) so that concurrent
 * invocations keep their connections alive.
 */
public final class LambdaEndpoint {

  /** Kept-alive connections per destination unless {@code http.maxConnections} is set. */
  static final int KEEP_ALIVE_CONNECTIONS = 256;

  static {
    configureJdkHttp();
  }

  /**
   * Sets {@code sun.net.http.retryPost=false} and {@code http.maxConnections} (unless set). The JDK
   * reads both once, when {@code HttpURLConnection} is first used — possibly by another client (the
   * DynamoDB one) before this class is loaded — so composition roots call this first thing.
   */
  public static void configureJdkHttp() {
    if (System.getProperty("sun.net.http.retryPost") == null) {
      System.setProperty("sun.net.http.retryPost", "false");
    }
    if (System.getProperty("http.maxConnections") == null) {
      System.setProperty("http.maxConnections", Integer.toString(KEEP_ALIVE_CONNECTIONS));
    }
  }

  static final int CONNECT_TIMEOUT_MS = 5000;

  private final URI endpoint;
  private final String region;
  private final IdentityProvider<? extends AwsCredentialsIdentity> credentials;
  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

  public LambdaEndpoint(
      URI endpoint, String region, IdentityProvider<? extends AwsCredentialsIdentity> credentials) {
    this.endpoint = endpoint;
    this.region = region;
    this.credentials = credentials;
  }

  /** Region, credentials provider and endpoint (override or the regional one) of {@code client}. */
  public static LambdaEndpoint of(LambdaClient client) {
    var config = client.serviceClientConfiguration();
    Region region = config.region() == null ? Region.US_EAST_1 : config.region();
    URI endpoint = config.endpointOverride().orElseGet(() -> regionalEndpoint(region));
    return new LambdaEndpoint(endpoint, region.id(), config.credentialsProvider());
  }

  static URI regionalEndpoint(Region region) {
    return regionalEndpoint(region.id());
  }

  /**
   * {@code https://lambda.<region>.<partition domain>}. The partition's DNS suffix is derived from
   * the region name here: {@code Region.metadata()} would load the SDK's metadata classes of every
   * region (~400 classes, measurable at cold start).
   */
  static URI regionalEndpoint(String region) {
    String domain;
    if (region.startsWith("cn-")) {
      domain = "amazonaws.com.cn";
    } else if (region.startsWith("us-isob-")) {
      domain = "sc2s.sgov.gov";
    } else if (region.startsWith("us-iso-")) {
      domain = "c2s.ic.gov";
    } else if (region.startsWith("eusc-")) {
      domain = "amazonaws.eu";
    } else {
      domain = "amazonaws.com";
    }
    return URI.create("https://lambda." + region + "." + domain);
  }

  /** {@code endpoint + prefix + urlencoded(functionName) + suffix}. */
  URI uri(String prefix, String functionName, String suffix) {
    String base = endpoint.toString();
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    String name = URLEncoder.encode(functionName, StandardCharsets.UTF_8).replace("+", "%20");
    return URI.create(base + prefix + name + suffix);
  }

  /**
   * Signs and sends {@code POST uri} with a JSON {@code body} (headers and body in one write);
   * returns the connection, ready for {@code getResponseCode()}.
   *
   * @param readTimeoutMillis the longest one read of the response may block
   */
  HttpURLConnection post(
      URI uri, byte[] body, String accept, String invocationType, long readTimeoutMillis)
      throws IOException {
    Map<String, List<String>> signed = sign(uri, body, accept, invocationType);
    HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
    connection.setRequestMethod("POST");
    connection.setDoOutput(true);
    connection.setUseCaches(false);
    connection.setInstanceFollowRedirects(false);
    connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
    connection.setReadTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, readTimeoutMillis)));
    for (Map.Entry<String, List<String>> h : signed.entrySet()) {
      String name = h.getKey();
      if (name.equalsIgnoreCase("Host") || name.equalsIgnoreCase("Content-Length")) {
        continue; // set by the connection, same values as signed
      }
      connection.setRequestProperty(name, String.join(",", h.getValue()));
    }
    try (OutputStream out = connection.getOutputStream()) {
      out.write(body); // buffered: sent with the headers by getResponseCode()
    }
    return connection;
  }

  /**
   * Loads and links what a call needs — the SigV4 signer, {@code HttpURLConnection} and its handler
   * — by signing a request with throw-away credentials and opening (not connecting) a connection:
   * nothing is sent, no credentials are resolved, no socket stays open (SnapStart priming).
   */
  public static void primeClasses() {
    LambdaEndpoint local =
        new LambdaEndpoint(
            URI.create("http://127.0.0.1:9"),
            "us-east-1",
            software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                    "priming", "priming")));
    URI uri = local.uri("/2015-03-31/functions/", "priming", "/invocations");
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    Map<String, List<String>> signed = local.sign(uri, body, "application/json", "RequestResponse");
    try {
      HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
      connection.setRequestMethod("POST");
      signed.forEach(
          (k, v) -> {
            if (!k.equals("Host")) {
              connection.setRequestProperty(k, v.get(0));
            }
          });
    } catch (IOException e) {
      // nothing was sent; priming is best effort
    }
  }

  /**
   * The request's headers, signed by the AWS SDK's SigV4 signer: {@code Host}, {@code X-Amz-Date},
   * {@code x-amz-content-sha256}, the session token if any and {@code Authorization}.
   */
  Map<String, List<String>> sign(URI uri, byte[] body, String accept, String invocationType) {
    AwsCredentialsIdentity identity = credentials.resolveIdentity().join();
    SdkHttpRequest request =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.POST)
            .uri(uri)
            .putHeader("Content-Type", "application/json")
            .putHeader("Accept", accept)
            .putHeader("X-Amz-Invocation-Type", invocationType)
            .putHeader("Content-Length", Integer.toString(body.length))
            .build();
    return signer
        .sign(
            r ->
                r.request(request)
                    .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                    .identity(identity)
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "lambda")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region))
        .request()
        .headers();
  }
}
