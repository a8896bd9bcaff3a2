package dev.mcplambda.local.e2e;

import io.modelcontextprotocol.client.transport.customizer.McpSyncHttpClientRequestCustomizer;
import io.modelcontextprotocol.common.McpTransportContext;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Signs every request an MCP SDK transport sends (POST bodies, the SSE and Streamable HTTP GETs,
 * DELETE) with the AWS SDK's SigV4 signer, service {@code lambda}, region {@code us-east-1}: what a
 * client of an IAM-protected Function URL does. Every header the transport set is signed. Plain JDK
 * requests are signed through {@link #sign}. Each signed request is recorded so a test can read the
 * session ids the transport used.
 */
public final class SigV4RequestCustomizer implements McpSyncHttpClientRequestCustomizer {

  private final AwsCredentialsIdentity identity;
  private final List<HttpRequest> signed = new CopyOnWriteArrayList<>();

  public SigV4RequestCustomizer(String accessKeyId, String secretAccessKey) {
    this.identity = AwsCredentialsIdentity.create(accessKeyId, secretAccessKey);
  }

  @Override
  public void customize(
      HttpRequest.Builder builder,
      String method,
      URI endpoint,
      String body,
      McpTransportContext context) {
    builder.header("amz-sdk-invocation-id", UUID.randomUUID().toString());
    HttpRequest current = builder.copy().build();
    SdkHttpRequest.Builder unsigned =
        SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(current.uri());
    Set<String> present = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    current
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              present.add(name);
              unsigned.putHeader(name, values);
            });
    byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    SdkHttpRequest signedRequest =
        AwsV4HttpSigner.create()
            .sign(
                r ->
                    r.identity(identity)
                        .request(unsigned.build())
                        .payload(ContentStreamProvider.fromByteArray(payload))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "lambda")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"))
            .request();
    // the JDK client sets Host itself (from the URI, as signed); everything else the signer added
    signedRequest
        .headers()
        .forEach(
            (name, values) -> {
              if (!name.equalsIgnoreCase("host") && !present.contains(name)) {
                values.forEach(v -> builder.header(name, v));
              }
            });
    signed.add(builder.copy().build());
  }

  /** Signs a request built with the JDK client (method and body as given). */
  public HttpRequest sign(HttpRequest.Builder builder, String method, String body) {
    HttpRequest current = builder.copy().build();
    customize(builder, method, current.uri(), body, McpTransportContext.EMPTY);
    return builder.build();
  }

  /** The requests signed so far, as sent (headers and URI). */
  public List<HttpRequest> signedRequests() {
    return List.copyOf(signed);
  }
}
