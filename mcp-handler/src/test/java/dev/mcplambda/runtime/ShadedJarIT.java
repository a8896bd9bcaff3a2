package dev.mcplambda.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mcplambda.json.Json;
import dev.mcplambda.registry.EntryType;
import dev.mcplambda.registry.RegistryEntry;
import dev.mcplambda.store.dynamodb.DynamoDbClients;
import dev.mcplambda.store.dynamodb.DynamoDbRegistryStore;
import dev.mcplambda.store.dynamodb.DynamoDbTables;
import dev.mcplambda.testing.Dynalite;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The shaded JAR SAM deploys ({@code target/mcp-handler-*-lambda.jar}, trimmed by the shade filters
 * in this module's pom) run on its own: {@code java -cp <jar> -XX:+BytecodeVerificationRemote
 * dev.mcplambda.runtime.StreamingRuntime} with {@code dev.mcplambda.McpHandler}, the real DynamoDB
 * stores on dynalite and a fake Lambda Invoke endpoint, driven through the Runtime API fixture. A
 * class the filters dropped but a code path needs shows up as a {@code NoClassDefFoundError}/{@code
 * VerifyError} here. The JAR can be swapped with {@code -Dmcplambda.shadedJar=...} (to compare
 * builds).
 */
class ShadedJarIT {

  static final String ALICE = "arn:aws:iam::111122223333:user/alice";
  static final String FN = "arn:aws:lambda:us-east-1:111122223333:function:";
  static final String META =
      "{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
          + "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"it\",\"version\":\"1\"},"
          + "\"io.modelcontextprotocol/clientCapabilities\":{}}";
  static final byte[] NUL8 = new byte[8];

  /** What a class the filters wrongly dropped looks like in the process log. */
  static final String[] LINKAGE_ERRORS = {
    "NoClassDefFoundError",
    "ClassNotFoundException",
    "VerifyError",
    "LinkageError",
    "IncompatibleClassChangeError",
    "NoSuchMethodError",
    "NoSuchFieldError",
    "ExceptionInInitializerError"
  };

  RuntimeApiFixture fixture;
  HttpServer lambda;
  Process process;
  Path runLog;
  String registryTable;
  String sessionTable;
  final List<JsonNode> invocations = new CopyOnWriteArrayList<>();
  final List<String> secretReads = new CopyOnWriteArrayList<>();
  volatile String streamAuthorization;

  @BeforeEach
  void setUp() throws Exception {
    fixture = new RuntimeApiFixture();
    lambda = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    lambda.createContext("/2015-03-31/functions/", this::invoke);
    lambda.createContext("/2021-11-15/functions/", this::invokeWithResponseStream);
    lambda.createContext("/", this::secretsManager);
    lambda.start();
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    registryTable = "shaded-registry-" + suffix;
    sessionTable = "shaded-sessions-" + suffix;
    DynamoDbClient dynamo = DynamoDbClients.forEndpoint(Dynalite.endpoint());
    DynamoDbTables.ensureRegistryTable(dynamo, registryTable);
    DynamoDbTables.ensureSessionTable(dynamo, sessionTable);
    DynamoDbRegistryStore registry = new DynamoDbRegistryStore(dynamo, registryTable);
    for (String name : List.of("echo", "failing", "progress")) {
      registry.create(
          new RegistryEntry(
              "tool-" + name,
              EntryType.TOOL,
              name,
              null,
              "shaded IT tool " + name,
              FN + name,
              null,
              Json.readTree(
                  "{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}}}"),
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              name.equals("progress") ? RegistryEntry.INVOKE_STREAM : null));
    }
    dynamo.close();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (process != null) {
      process.destroyForcibly().waitFor(RuntimeApiFixture.WAIT_SECONDS, TimeUnit.SECONDS);
    }
    lambda.stop(0);
    fixture.close();
  }

  /**
   * The fake Secrets Manager (JSON 1.1 protocol): the state secret has an {@code AWSCURRENT}
   * version and no {@code AWSPREVIOUS} one yet.
   */
  private void secretsManager(HttpExchange exchange) throws IOException {
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    JsonNode request = Json.mapper().readTree(exchange.getRequestBody().readAllBytes());
    String stage = request.path("VersionStage").asText();
    secretReads.add(target + " " + request.path("SecretId").asText() + " " + stage);
    int status;
    String body;
    if ("secretsmanager.GetSecretValue".equals(target) && "AWSCURRENT".equals(stage)) {
      status = 200;
      body =
          "{\"ARN\":\""
              + STATE_SECRET_ARN
              + "\",\"Name\":\"state\",\"SecretString\":\"shaded-it-state-secret\","
              + "\"VersionId\":\"v1\",\"VersionStages\":[\"AWSCURRENT\"]}";
    } else {
      status = 400;
      body = "{\"__type\":\"ResourceNotFoundException\",\"message\":\"no such version\"}";
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  static final String STATE_SECRET_ARN =
      "arn:aws:secretsmanager:us-east-1:123456789012:secret:mcp-state-AbCdEf";

  /** The fake Lambda Invoke API: {@code echo} answers its arguments, {@code failing} throws. */
  private void invoke(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    String name =
        URLDecoder.decode(
            path.substring("/2015-03-31/functions/".length(), path.lastIndexOf("/invocations")),
            StandardCharsets.UTF_8);
    JsonNode event = Json.mapper().readTree(exchange.getRequestBody().readAllBytes());
    invocations.add(event);
    String body;
    if (name.endsWith(":failing")) {
      exchange.getResponseHeaders().add("X-Amz-Function-Error", "Unhandled");
      body =
          "{\"errorMessage\":\"boom\",\"errorType\":\"java.lang.IllegalStateException\","
              + "\"stackTrace\":[\"com.example.Handler.handle(Handler.java:42)\"]}";
    } else {
      body = "{\"echoed\":" + event.path("args").path("text") + "}";
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.getResponseHeaders().add("X-Amz-Executed-Version", "$LATEST");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /**
   * The fake {@code InvokeWithResponseStream} API: the signed request's event, answered with
   * event-stream frames (a progress event, then the result, then {@code InvokeComplete}).
   */
  private void invokeWithResponseStream(HttpExchange exchange) throws IOException {
    invocations.add(Json.mapper().readTree(exchange.getRequestBody().readAllBytes()));
    streamAuthorization = exchange.getRequestHeaders().getFirst("Authorization");
    exchange.getResponseHeaders().add("Content-Type", "application/vnd.amazon.eventstream");
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(frame("PayloadChunk", "{\"type\":\"progress\",\"progress\":1,\"total\":2}\n"));
      out.flush();
      out.write(frame("PayloadChunk", "{\"type\":\"result\",\"result\":{\"content\":"));
      out.write(frame("PayloadChunk", "[{\"type\":\"text\",\"text\":\"done\"}]}}\n"));
      out.write(frame("InvokeComplete", "{}"));
    }
  }

  private static byte[] frame(String eventType, String payload) {
    Map<String, HeaderValue> headers = new LinkedHashMap<>();
    headers.put(":event-type", HeaderValue.fromString(eventType));
    headers.put(
        ":content-type",
        HeaderValue.fromString(
            eventType.equals("PayloadChunk") ? "application/octet-stream" : "application/json"));
    headers.put(":message-type", HeaderValue.fromString("event"));
    ByteBuffer buffer =
        new Message(headers, payload.getBytes(StandardCharsets.UTF_8)).toByteBuffer();
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }

  // ---- launching ----

  static Path shadedJar() throws IOException {
    String given = System.getProperty("mcplambda.shadedJar");
    if (given != null && !given.isBlank()) {
      return Path.of(given);
    }
    return only(Path.of("target"), "mcp-handler-*-lambda.jar");
  }

  static Path only(Path dir, String glob) throws IOException {
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, glob)) {
      s.forEach(found::add);
    }
    assertThat(found).as("%s in %s (run `mvn package` first)", glob, dir).hasSize(1);
    return found.get(0);
  }

  Process launch(Path taskRoot) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "-XX:+UnlockDiagnosticVMOptions", // the flag is diagnostic from JDK 25 on
            "-XX:+BytecodeVerificationRemote",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            shadedJar().toAbsolutePath().toString(),
            StreamingRuntime.class.getName());
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("MCP_"));
    env.put("AWS_LAMBDA_RUNTIME_API", fixture.hostAndPort());
    env.put("_HANDLER", "dev.mcplambda.McpHandler");
    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
    env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
    env.put("AWS_REGION", "us-east-1");
    env.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
    env.put("AWS_SECRET_ACCESS_KEY", "shaded-it-secret");
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.put("REGISTRY_TABLE", registryTable);
    env.put("SESSION_TABLE", sessionTable);
    env.put("DYNAMODB_ENDPOINT", Dynalite.endpoint());
    env.put("LAMBDA_ENDPOINT", "http://127.0.0.1:" + lambda.getAddress().getPort());
    // the state key comes from (fake) Secrets Manager, as deployed: only the ARN is in the env
    env.put("MCP_STATE_SECRET_ARN", STATE_SECRET_ARN);
    env.put("SECRETS_MANAGER_ENDPOINT", "http://127.0.0.1:" + lambda.getAddress().getPort());
    env.put("MCP_STREAM_MARGIN_SECONDS", "0");
    pb.redirectErrorStream(true);
    runLog = taskRoot.resolve("runtime.log");
    pb.redirectOutput(runLog.toFile());
    return pb.start();
  }

  static String log(Path taskRoot) throws IOException {
    return Files.readString(taskRoot.resolve("runtime.log"));
  }

  // ---- events and responses ----

  static String urlEvent(String method, Map<String, String> headers, String body) {
    return urlEvent(method, "/mcp", headers, body);
  }

  static String urlEvent(String method, String path, Map<String, String> headers, String body) {
    ObjectNode event = Json.object();
    event.put("version", "2.0");
    event.put("routeKey", "$default");
    event.put("rawPath", path);
    event.put("rawQueryString", "");
    ObjectNode h = event.putObject("headers");
    h.put("content-type", "application/json");
    h.put("accept", "application/json, text/event-stream");
    headers.forEach(h::put);
    ObjectNode ctx = event.putObject("requestContext");
    ctx.put("accountId", "111122223333");
    ctx.put("apiId", "shaded");
    ctx.put("domainName", "shaded.lambda-url.us-east-1.on.aws");
    ctx.put("requestId", UUID.randomUUID().toString());
    ctx.put("routeKey", "$default");
    ctx.put("stage", "$default");
    ctx.put("timeEpoch", System.currentTimeMillis());
    ObjectNode http = ctx.putObject("http");
    http.put("method", method);
    http.put("path", path);
    http.put("protocol", "HTTP/1.1");
    http.put("sourceIp", "203.0.113.7");
    http.put("userAgent", "shaded-it");
    ctx.putObject("authorizer").putObject("iam").put("userArn", ALICE);
    if (body != null) {
      event.put("body", body);
    }
    event.put("isBase64Encoded", false);
    return event.toString();
  }

  static String modern(int id, String method, String params) {
    return "{\"jsonrpc\":\"2.0\",\"id\":"
        + id
        + ",\"method\":\""
        + method
        + "\",\"params\":{"
        + params
        + (params.isEmpty() ? "" : ",")
        + "\"_meta\":"
        + META
        + "}}";
  }

  static Map<String, String> modernHeaders(String method, String name) {
    return name == null
        ? Map.of("mcp-protocol-version", "2026-07-28", "mcp-method", method)
        : Map.of("mcp-protocol-version", "2026-07-28", "mcp-method", method, "mcp-name", name);
  }

  /** A streamed Function URL response: the prelude document and the body after the NULs. */
  record Streamed(JsonNode prelude, String body) {
    int status() {
      return prelude.path("statusCode").asInt();
    }

    String header(String name) {
      var fields = prelude.path("headers").fields();
      while (fields.hasNext()) {
        var f = fields.next();
        if (f.getKey().equalsIgnoreCase(name)) {
          return f.getValue().asText();
        }
      }
      return null;
    }

    JsonNode json() throws IOException {
      return Json.readTree(body);
    }
  }

  static Streamed streamed(RuntimeApiFixture.Request post) throws IOException {
    assertThat(post.header("Lambda-Runtime-Function-Response-Mode")).isEqualTo("streaming");
    assertThat(post.header("Content-Type"))
        .isEqualTo("application/vnd.awslambda.http-integration-response");
    byte[] bytes = post.body();
    int nul = indexOf(bytes, NUL8);
    assertThat(nul).as("prelude delimiter in %s", post.text()).isPositive();
    JsonNode prelude = Json.readTree(new String(bytes, 0, nul, StandardCharsets.UTF_8));
    String body = new String(bytes, nul + 8, bytes.length - nul - 8, StandardCharsets.UTF_8);
    return new Streamed(prelude, body);
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** Queues one event and waits for the runtime's streamed answer to it. */
  Streamed exchange(String requestId, String event) throws InterruptedException, IOException {
    fixture.enqueue(RuntimeApiFixture.Event.of(requestId, event));
    RuntimeApiFixture.Request post;
    try {
      post = fixture.take("/" + requestId + "/response");
    } catch (AssertionError e) {
      throw new AssertionError(
          "no response to " + requestId + "; process log:\n" + Files.readString(runLog), e);
    }
    return streamed(post);
  }

  // ---- tests ----

  @Test
  void theShadedJarServesEveryEraWithTheDynamoDbStoresAndLambdaInvoke(@TempDir Path taskRoot)
      throws Exception {
    // given the shaded JAR started as the Lambda runtime, with bytecode verification on
    long started = System.nanoTime();
    process = launch(taskRoot);

    // when: 2026-07-28 stateless tools/list
    Streamed list =
        exchange(
            "list-1",
            urlEvent("POST", modernHeaders("tools/list", null), modern(1, "tools/list", "")));
    long coldMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    System.out.println(
        "[ShadedJarIT] process start -> first tools/list answered: " + coldMillis + " ms");

    // then both registered tools come from the DynamoDB registry
    assertThat(list.status()).as(list.body()).isEqualTo(200);
    assertThat(list.header("Content-Type")).isEqualTo("application/json");
    List<String> names = new ArrayList<>();
    list.json().path("result").path("tools").forEach(t -> names.add(t.path("name").asText()));
    assertThat(names).containsExactlyInAnyOrder("echo", "failing", "progress");

    // when: 2026-07-28 stateless tools/call through Lambda Invoke
    Streamed call =
        exchange(
            "call-1",
            urlEvent(
                "POST",
                modernHeaders("tools/call", "echo"),
                modern(2, "tools/call", "\"name\":\"echo\",\"arguments\":{\"text\":\"hi\"}")));

    // then the function's answer is the structured result
    assertThat(call.status()).as(call.body()).isEqualTo(200);
    JsonNode result = call.json().path("result");
    assertThat(result.path("isError").asBoolean(false)).isFalse();
    assertThat(result.path("structuredContent").path("echoed").asText()).isEqualTo("hi");
    assertThat(invocations.get(0).path("extra").toString()).contains(ALICE);

    // when: a function error
    Streamed failed =
        exchange(
            "call-2",
            urlEvent(
                "POST",
                modernHeaders("tools/call", "failing"),
                modern(3, "tools/call", "\"name\":\"failing\",\"arguments\":{}")));

    // then it is a tool error, not a transport failure
    assertThat(failed.status()).as(failed.body()).isEqualTo(200);
    assertThat(failed.json().path("result").path("isError").asBoolean()).isTrue();
    assertThat(failed.body()).contains("boom").doesNotContain("Handler.java");

    // when: a streaming tool (InvokeWithResponseStream: SigV4 signer + event-stream decoder)
    Streamed streaming =
        exchange(
            "call-5",
            urlEvent(
                "POST",
                modernHeaders("tools/call", "progress"),
                "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{"
                    + "\"name\":\"progress\",\"arguments\":{},\"_meta\":"
                    + META.replace("{\"io.", "{\"progressToken\":\"p-1\",\"io.")
                    + "}}"));

    // then the progress event arrives on an SSE stream before the result, and the call was signed
    assertThat(streaming.status()).as(streaming.body()).isEqualTo(200);
    assertThat(streaming.header("Content-Type")).startsWith("text/event-stream");
    assertThat(streaming.body()).contains("notifications/progress").contains("\"p-1\"");
    assertThat(streaming.body().indexOf("notifications/progress"))
        .isLessThan(streaming.body().indexOf("\"done\""));
    assertThat(streamAuthorization).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/");

    // when: 2025-11-25 initialize, then tools/call on the session (DynamoDB session store)
    Streamed init =
        exchange(
            "init-1",
            urlEvent(
                "POST",
                Map.of(),
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
                    + "\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
                    + "\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}"));
    assertThat(init.status()).as(init.body()).isEqualTo(200);
    String session = init.header("Mcp-Session-Id");
    assertThat(session).isNotBlank();
    assertThat(init.json().path("result").path("protocolVersion").asText()).isEqualTo("2025-11-25");
    Map<String, String> sessionHeaders =
        Map.of("mcp-session-id", session, "mcp-protocol-version", "2025-11-25");
    Streamed initialized =
        exchange(
            "init-2",
            urlEvent(
                "POST",
                sessionHeaders,
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"));
    Streamed sessionCall =
        exchange(
            "call-3",
            urlEvent(
                "POST",
                sessionHeaders,
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{"
                    + "\"name\":\"echo\",\"arguments\":{\"text\":\"yo\"}}}"));
    Streamed deleted = exchange("delete-1", urlEvent("DELETE", sessionHeaders, null));
    Streamed gone =
        exchange(
            "call-4",
            urlEvent(
                "POST",
                sessionHeaders,
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\",\"params\":{}}"));

    // then
    assertThat(initialized.status()).isEqualTo(202);
    assertThat(sessionCall.status()).as(sessionCall.body()).isEqualTo(200);
    assertThat(sessionCall.json().path("result").path("structuredContent").path("echoed").asText())
        .isEqualTo("yo");
    assertThat(deleted.status()).isEqualTo(204);
    assertThat(gone.status()).isEqualTo(404);

    // when: 2024-11-05 GET /sse, with a deadline 3 s away (the stream ends before it)
    fixture.enqueue(
        new RuntimeApiFixture.Event(
            "sse-1",
            System.currentTimeMillis() + 3000,
            "arn:aws:lambda:us-east-1:123456789012:function:mcp",
            null,
            urlEvent("GET", "/sse", Map.of("accept", "text/event-stream"), null)
                .getBytes(StandardCharsets.UTF_8)));
    Streamed sse = streamed(fixture.take("/sse-1/response"));

    // then the legacy session was created and announced
    assertThat(sse.status()).as(sse.body()).isEqualTo(200);
    assertThat(sse.body()).startsWith("event: endpoint\n").contains("data: /message?sessionId=");

    // and the state key was read from Secrets Manager by ARN at init (both stages asked for)
    for (int i = 0; i < 600 && !log(taskRoot).contains("state keys loaded"); i++) {
      Thread.sleep(50);
    }
    assertThat(log(taskRoot)).contains("state keys loaded: current");
    assertThat(secretReads)
        .contains(
            "secretsmanager.GetSecretValue " + STATE_SECRET_ARN + " AWSCURRENT",
            "secretsmanager.GetSecretValue " + STATE_SECRET_ARN + " AWSPREVIOUS");

    // and the process is alive, with no linkage or verification error in its log
    assertThat(process.isAlive()).as(log(taskRoot)).isTrue();
    assertThat(log(taskRoot)).doesNotContain(LINKAGE_ERRORS);
  }

  @Test
  void coldStartOfTheShadedJarIsReported(@TempDir Path taskRoot) throws Exception {
    // given N fresh processes (-Dmcplambda.coldStartRuns, default 3), each answering tools/list
    int runs = Integer.getInteger("mcplambda.coldStartRuns", 3);
    long[] millis = new long[runs];
    for (int i = 0; i < runs; i++) {
      Path root = Files.createDirectories(taskRoot.resolve("run-" + i));
      fixture.close(); // a fresh Runtime API per process: a dead one's pending next takes nothing
      fixture = new RuntimeApiFixture();
      long started = System.nanoTime();
      process = launch(root);

      // when
      Streamed list =
          exchange(
              "cold-" + i,
              urlEvent("POST", modernHeaders("tools/list", null), modern(1, "tools/list", "")));
      millis[i] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

      // then (timing is reported, never asserted)
      assertThat(list.status()).as(list.body()).isEqualTo(200);
      assertThat(log(root)).doesNotContain(LINKAGE_ERRORS);
      process.destroyForcibly().waitFor(RuntimeApiFixture.WAIT_SECONDS, TimeUnit.SECONDS);
    }
    long[] sorted = millis.clone();
    Arrays.sort(sorted);
    System.out.printf(
        "[ShadedJarIT] %s (%d bytes): process start -> first tools/list, %d runs %s, median %d ms%n",
        shadedJar().getFileName(),
        Files.size(shadedJar()),
        runs,
        Arrays.toString(millis),
        sorted[runs / 2]);
  }

  @Test
  void everySdkOperationOurCodeCallsKeptItsMarshallerInTheJar() throws Exception {
    // given our classes as shaded into the JAR (shared-model and mcp-handler)
    Map<String, String> clients =
        Map.of(
            "software/amazon/awssdk/services/dynamodb/DynamoDbClient",
            "software/amazon/awssdk/services/dynamodb/",
            "software/amazon/awssdk/services/lambda/LambdaClient",
            "software/amazon/awssdk/services/lambda/");
    List<String> operations = new ArrayList<>();
    try (ZipFile jar = new ZipFile(shadedJar().toFile())) {
      for (ZipEntry e : Collections.list(jar.entries())) {
        if (!e.getName().startsWith("dev/mcplambda/") || !e.getName().endsWith(".class")) {
          continue;
        }
        for (String[] call : methodCalls(jar.getInputStream(e).readAllBytes())) {
          String base = clients.get(call[0]);
          String op = call[1].replaceFirst("Paginator$", "");
          op = op.isEmpty() ? op : Character.toUpperCase(op.charAt(0)) + op.substring(1);
          if (base != null && jar.getEntry(base + "model/" + op + "Request.class") != null) {
            operations.add(base + "transform/" + op + "RequestMarshaller.class");
          }
        }
      }

      // then each one's marshaller (and so its generated keep-list entry) is there
      assertThat(operations).isNotEmpty();
      for (String marshaller : operations) {
        assertThat(jar.getEntry(marshaller))
            .as("%s missing: run scripts/shade-sdk-filter.py --write", marshaller)
            .isNotNull();
      }
    }
  }

  /** {owner, name} of every Methodref/InterfaceMethodref in a class file's constant pool. */
  static List<String[]> methodCalls(byte[] classFile) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
    in.skipNBytes(8);
    int count = in.readUnsignedShort();
    String[] utf8 = new String[count];
    int[] classNames = new int[count];
    int[] natNames = new int[count];
    List<int[]> refs = new ArrayList<>();
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> utf8[i] = in.readUTF();
        case 7 -> classNames[i] = in.readUnsignedShort();
        case 10, 11 -> refs.add(new int[] {in.readUnsignedShort(), in.readUnsignedShort()});
        case 12 -> {
          natNames[i] = in.readUnsignedShort();
          in.readUnsignedShort();
        }
        case 5, 6 -> {
          in.skipNBytes(8);
          i++;
        }
        case 3, 4, 9, 17, 18 -> in.skipNBytes(4);
        case 8, 16, 19, 20 -> in.skipNBytes(2);
        case 15 -> in.skipNBytes(3);
        default -> throw new IOException("constant pool tag " + tag);
      }
    }
    List<String[]> calls = new ArrayList<>();
    for (int[] ref : refs) {
      calls.add(new String[] {utf8[classNames[ref[0]]], utf8[natNames[ref[1]]]});
    }
    return calls;
  }
}
