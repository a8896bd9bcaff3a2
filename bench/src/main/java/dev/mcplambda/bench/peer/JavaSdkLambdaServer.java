package dev.mcplambda.bench.peer;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Peer for the HTTP benchmark, the Java twin of {@code peers/ts-seed-path-server.mjs}: the official
 * MCP Java SDK's stateless transport on Jetty 12 (as {@link JavaSdkEchoServer}), whose echo tool
 * calls a Lambda function the way a Java developer would: the AWS SDK for Java v2 {@code
 * LambdaClient} (one client per process, the URL-connection HTTP client, no retries) with the event
 * of DESIGN §3. Here the function is the echo on our local server's function host, so this peer and
 * ours do the same work per call. Usage: {@code JavaSdkLambdaServer PORT LAMBDA_ENDPOINT
 * FUNCTION_ARN}.
 */
public final class JavaSdkLambdaServer {

  private JavaSdkLambdaServer() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    String functionArn = args[2];
    LambdaClient lambda =
        LambdaClient.builder()
            .region(Region.US_EAST_1)
            .endpointOverride(URI.create(args[1]))
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
            .build();
    McpJsonMapper json = McpJsonDefaults.getMapper();
    JavaSdkPeerServer.serve(
        port,
        "java-sdk-lambda",
        arguments -> {
          try {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("args", arguments);
            event.put(
                "extra",
                Map.of("tool", "echo", "principal", "arn:aws:iam::000000000000:user/local"));
            SdkBytes request = SdkBytes.fromByteArrayUnsafe(json.writeValueAsBytes(event));
            InvokeResponse out = lambda.invoke(r -> r.functionName(functionArn).payload(request));
            byte[] payload = out.payload().asByteArrayUnsafe();
            if (out.functionError() != null) {
              return McpSchema.CallToolResult.builder()
                  .addTextContent(new String(payload, StandardCharsets.UTF_8))
                  .isError(true)
                  .build();
            }
            return json.readValue(payload, McpSchema.CallToolResult.class);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }
}
