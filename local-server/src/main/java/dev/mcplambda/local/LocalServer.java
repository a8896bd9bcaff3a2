package dev.mcplambda.local;

import com.sun.net.httpserver.HttpServer;
import dev.mcplambda.config.Environment;
import dev.mcplambda.examples.catalog.CatalogEntry;
import dev.mcplambda.examples.catalog.ExampleCatalog;
import dev.mcplambda.examples.conformance.TestTriggerListChange;
import dev.mcplambda.http.FunctionUrlRequest;
import dev.mcplambda.http.FunctionUrlResponse;
import dev.mcplambda.json.Json;
import dev.mcplambda.local.auth.CallerAuthenticator;
import dev.mcplambda.local.auth.LocalCredentials;
import dev.mcplambda.local.auth.LocalPrincipalAuthenticator;
import dev.mcplambda.local.auth.SigV4Authenticator;
import dev.mcplambda.local.host.FunctionDirectory;
import dev.mcplambda.local.host.FunctionHost;
import dev.mcplambda.local.host.HostedFunction;
import dev.mcplambda.local.http.Http11Server;
import dev.mcplambda.registry.EntryAlreadyExistsException;
import dev.mcplambda.registry.EntryType;
import dev.mcplambda.registry.RegistryEntry;
import dev.mcplambda.store.dynamodb.DynamoDbClients;
import dev.mcplambda.store.memory.InMemoryRegistryStore;
import dev.mcplambda.store.memory.InMemorySessionStore;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The embedded default: the admin plane and the MCP plane on loopback HTTP, fed to the same handler
 * classes as on Lambda through Function-URL-shaped events, with in-memory (or DynamoDB) stores and
 * an in-process function host speaking the Lambda Invoke API. See {@link
 * LocalServerOptions#usage()}.
 */
public final class LocalServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalServer.class);

  static {
    // before the DynamoDB client's first request: keep-alive pool and no retry of Invoke POSTs
    dev.mcplambda.invoke.LambdaEndpoint.configureJdkHttp();
  }

  static final String REGION = "us-east-1";
  static final Duration STREAM_SHUTDOWN_GRACE = Duration.ofSeconds(5);
  static final String ACCOUNT = "000000000000";

  /** The in-process task-runner function (docs/tasks.md). */
  static final String TASK_RUNNER_FUNCTION = "mcp-lambda-task-runner";

  private final LocalServerOptions options;
  private final HttpServer admin;
  private final HttpServer mcp;
  private final List<FunctionUrlEndpoint> endpoints;
  private final List<AutoCloseable> resources;
  private final String summary;
  private URI functionHostUrl;

  private LocalServer(
      LocalServerOptions options,
      HttpServer admin,
      HttpServer mcp,
      List<FunctionUrlEndpoint> endpoints,
      List<AutoCloseable> resources,
      String summary) {
    this.options = options;
    this.admin = admin;
    this.mcp = mcp;
    this.endpoints = endpoints;
    this.resources = resources;
    this.summary = summary;
  }

  public static void main(String[] args) {
    LocalServerOptions options;
    try {
      options = LocalServerOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println("run with --help for the options");
      System.exit(2);
      return;
    }
    if (options.help()) {
      System.out.print(LocalServerOptions.usage());
      return;
    }
    LocalServer server;
    try {
      server = start(options, System.getenv());
    } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(1);
      return;
    } catch (IOException e) {
      System.err.println("error: cannot start the local server: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  System.out.println("mcp-lambda local server stopped");
                  stopped.countDown();
                },
                "local-server-shutdown"));
    server.printBanner(System.out);
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Composes and starts the whole local orchestrator from the options (the composition root).
   *
   * @param env the process environment (credentials, AWS settings)
   */
  public static LocalServer start(LocalServerOptions options, Map<String, String> env)
      throws IOException {
    options.requireSafeBind();
    List<AutoCloseable> resources = new ArrayList<>();
    try {
      CallerAuthenticator authenticator = authenticator(options, env);
      LocalStores stores = stores(options, env, resources);

      String lambdaEndpoint = options.lambdaEndpoint();
      URI hostUrl = null;
      String functionsNote;
      FunctionDirectory directory = null;
      if (lambdaEndpoint == null) {
        directory = FunctionDirectory.of(ExampleCatalog.all());
        if (options.functionsJar() != null) {
          directory.addJar(options.functionsJar());
        }
        FunctionHost host =
            new FunctionHost(
                directory, Duration.ofSeconds(options.functionTimeoutSeconds()), REGION, ACCOUNT);
        resources.add(host);
        hostUrl = host.start("127.0.0.1", options.functionHostPort());
        lambdaEndpoint = hostUrl.toString();
        functionsNote =
            lambdaEndpoint
                + " (in-process Lambda Invoke API, "
                + directory.all().size()
                + " functions)";
      } else {
        functionsNote = lambdaEndpoint + " (external Lambda Invoke API)";
      }
      LambdaClient lambda = lambdaClient(lambdaEndpoint, env);
      resources.add(lambda);
      if (directory != null) {
        // MCP tasks run here as on AWS: an asynchronous Invoke of the task-runner function
        directory.add(
            HostedFunction.of(
                TASK_RUNNER_FUNCTION, HandlerWiring.taskRunner(stores.tasks(), lambda)));
      }

      Map<String, String> handlerEnv = new HashMap<>(env);
      handlerEnv.put(Environment.LAMBDA_ENDPOINT, lambdaEndpoint);
      handlerEnv.putIfAbsent(Environment.AWS_REGION, REGION);
      if (InetAddress.getByName(options.host()).isLoopbackAddress()) {
        // browsers on this machine may call the loopback MCP plane; other origins stay refused
        // (DNS-rebinding protection of the MCP handler)
        handlerEnv.putIfAbsent(Environment.ALLOWED_ORIGINS, "localhost");
      }
      // streams notice registry writes within a quarter second (one catalog-version read each)
      handlerEnv.putIfAbsent(Environment.CHANGE_POLL_MILLIS, "250");
      // one process serves every request here, so a per-process MRTR requestState key is right;
      // without it the handler warns on every start about multi-container deployments
      // (generated here, never read from Secrets Manager: the local server ignores a state ARN)
      handlerEnv.remove(Environment.STATE_SECRET_ARN);
      handlerEnv.putIfAbsent(Environment.STATE_SECRET, randomSecret());
      if (directory != null) {
        handlerEnv.put(Environment.TASK_RUNNER_FUNCTION, TASK_RUNNER_FUNCTION);
      }
      if (options.dynamoDbEndpoint() == null) {
        handlerEnv.put(Environment.STORE, "memory");
      } else {
        handlerEnv.put(Environment.DYNAMODB_ENDPOINT, options.dynamoDbEndpoint());
      }
      Environment environment = new Environment(handlerEnv);

      BufferedFunctionUrlHandler registration =
          HandlerWiring.registrationHandler(stores.registry());
      PlaneHandler adminPlane = new PlaneHandler.Buffered(registration);
      PlaneHandler mcpPlane =
          new PlaneHandler.Streaming(
              HandlerWiring.mcpHandler(
                  stores.registry(),
                  stores.sessions(),
                  stores.tasks(),
                  lambda,
                  environment,
                  Clock.systemUTC()));

      if (options.registerExamples()) {
        registerExamples(stores, registration);
      }

      LocalServer server =
          serve(
              options,
              adminPlane,
              mcpPlane,
              authenticator,
              resources,
              "stores     "
                  + stores.description()
                  + "\n  functions  "
                  + functionsNote
                  + "\n  auth       "
                  + (options.auth() == LocalServerOptions.AuthMode.IAM
                      ? "iam (SigV4, service lambda)"
                      : "none (every caller is " + CallerIdentity.LOCAL.userArn() + ")"));
      server.functionHostUrl = hostUrl;
      if (hostUrl != null) {
        // the in-process list-change diagnostic tools reach the admin plane through this
        System.setProperty(TestTriggerListChange.ADMIN_URL_PROPERTY, server.adminUrl().toString());
      }
      return server;
    } catch (IOException | RuntimeException e) {
      closeAll(resources);
      throw e;
    }
  }

  /**
   * Starts both planes around the given handlers (tests use stub handlers).
   *
   * @param resources closed with the server
   */
  public static LocalServer serve(
      LocalServerOptions options,
      PlaneHandler adminPlane,
      PlaneHandler mcpPlane,
      CallerAuthenticator authenticator,
      List<AutoCloseable> resources,
      String summary)
      throws IOException {
    InetAddress bind = InetAddress.getByName(options.host());
    Predicate<String> allowedHost =
        bind.isLoopbackAddress() ? FunctionUrlEndpoint::isLoopbackHost : host -> true;
    HttpServer admin = null;
    try {
      admin = listen("admin", bind, options.adminPort());
      HttpServer mcp = listen("mcp", bind, options.mcpPort());
      var adminEndpoint =
          new FunctionUrlEndpoint(
              "admin",
              adminPlane,
              authenticator,
              new FunctionUrlEventFactory(Clock.systemUTC(), hostPort(admin)),
              options.maxBodyBytes(),
              allowedHost);
      var mcpEndpoint =
          new FunctionUrlEndpoint(
              "mcp",
              mcpPlane,
              authenticator,
              new FunctionUrlEventFactory(Clock.systemUTC(), hostPort(mcp)),
              options.maxBodyBytes(),
              allowedHost);
      admin.createContext("/", adminEndpoint);
      mcp.createContext("/", mcpEndpoint);
      admin.start();
      mcp.start();
      return new LocalServer(
          options,
          admin,
          mcp,
          List.of(mcpEndpoint, adminEndpoint),
          List.copyOf(resources),
          summary);
    } catch (IOException | RuntimeException e) {
      if (admin != null) {
        admin.stop(0);
      }
      throw e;
    }
  }

  public URI adminUrl() {
    return URI.create("http://" + hostPort(admin));
  }

  public URI mcpUrl() {
    return URI.create("http://" + hostPort(mcp));
  }

  /** The in-process function host's Invoke API, or {@code null} with {@code --lambda-endpoint}. */
  public URI functionHostUrl() {
    return functionHostUrl;
  }

  @Override
  public void close() {
    mcp.stop(0);
    admin.stop(0);
    // open streams (SSE, GET /mcp) keep polling the session store: end them before the stores and
    // clients they use are closed, or each would fail with an error on the way out
    for (FunctionUrlEndpoint endpoint : endpoints) {
      int left = endpoint.endStreams(STREAM_SHUTDOWN_GRACE);
      if (left > 0) {
        LOG.debug("{} streams still ending after {}", left, STREAM_SHUTDOWN_GRACE);
      }
    }
    closeAll(resources);
  }

  /** The start-up banner: URLs and copy-paste commands. */
  public void printBanner(PrintStream out) {
    boolean iam = options.auth() == LocalServerOptions.AuthMode.IAM;
    String sign =
        iam
            ? " --aws-sigv4 \"aws:amz:us-east-1:lambda\" --user"
                + " \"$MCP_LOCAL_ACCESS_KEY_ID:$MCP_LOCAL_SECRET_ACCESS_KEY\""
            : "";
    String admin = adminUrl().toString();
    String mcp = mcpUrl().toString();
    String arn = ExampleCatalog.localArn("echo");
    out.println();
    out.println("mcp-lambda local server is running");
    out.println("  MCP plane  " + mcp + "/mcp   (legacy SSE: " + mcp + "/sse)");
    out.println("  admin      " + admin + "/register");
    out.println("  " + summary);
    out.println();
    out.println("Try it (Ctrl-C stops the server):");
    out.println();
    out.println("  # register a tool 'hello' backed by the hosted 'echo' function");
    out.println(
        "  curl -s"
            + sign
            + " -X POST "
            + admin
            + "/register -H 'Content-Type: application/json' -d '{\"type\":\"tool\","
            + "\"name\":\"hello\",\"description\":\"Echoes the message\",\"lambdaArn\":\""
            + arn
            + "\",\"inputSchema\":{\"type\":\"object\",\"properties\":{\"message\":"
            + "{\"type\":\"string\"}},\"required\":[\"message\"]}}'");
    out.println();
    out.println("  # list what is registered");
    out.println("  curl -s" + sign + " " + admin + "/register");
    out.println();
    out.println("  # call it over MCP (2026-07-28, stateless)");
    out.println(
        "  curl -s"
            + sign
            + " -X POST "
            + mcp
            + "/mcp -H 'Content-Type: application/json'"
            + " -H 'Accept: application/json, text/event-stream'"
            + " -H 'MCP-Protocol-Version: 2026-07-28' -H 'Mcp-Method: tools/call'"
            + " -H 'Mcp-Name: hello' -d '{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
            + "\"params\":{\"name\":\"hello\",\"arguments\":{\"message\":\"hello\"},\"_meta\":"
            + "{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
            + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}'");
    out.println();
  }

  private static CallerAuthenticator authenticator(
      LocalServerOptions options, Map<String, String> env) throws IOException {
    if (options.auth() == LocalServerOptions.AuthMode.NONE) {
      return new LocalPrincipalAuthenticator();
    }
    LocalCredentials credentials =
        options.credentialsFile() != null
            ? LocalCredentials.read(options.credentialsFile())
            : LocalCredentials.fromEnvironment(env);
    if (credentials == null) {
      throw new IllegalArgumentException(
          "--auth iam needs credentials: --credentials FILE or the env vars "
              + LocalCredentials.ENV_ACCESS_KEY_ID
              + " and "
              + LocalCredentials.ENV_SECRET_ACCESS_KEY);
    }
    return new SigV4Authenticator(credentials, Clock.systemUTC());
  }

  private static LocalStores stores(
      LocalServerOptions options, Map<String, String> env, List<AutoCloseable> resources) {
    if (options.dynamoDbEndpoint() == null) {
      return new LocalStores(new InMemoryRegistryStore(), new InMemorySessionStore(), "in memory");
    }
    // dummy credentials for dynalite / DynamoDB Local unless AWS_ACCESS_KEY_ID is set (real AWS)
    Map<String, String> dynamoEnv = new HashMap<>(env);
    dynamoEnv.put(Environment.DYNAMODB_ENDPOINT, options.dynamoDbEndpoint());
    DynamoDbClient client = DynamoDbClients.fromEnvironment(new Environment(dynamoEnv));
    resources.add(client);
    return HandlerWiring.dynamoDbStores(
        client,
        env.getOrDefault(Environment.REGISTRY_TABLE, "mcp-lambda-registry"),
        env.getOrDefault(Environment.SESSION_TABLE, "mcp-lambda-sessions"),
        options.dynamoDbEndpoint());
  }

  /** A client for the function host (dummy credentials) or another Invoke API. */
  static LambdaClient lambdaClient(String endpoint, Map<String, String> env) {
    var builder =
        LambdaClient.builder()
            .region(Region.of(env.getOrDefault(Environment.AWS_REGION, REGION)))
            .endpointOverride(URI.create(endpoint))
            .httpClientBuilder(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(2))
                    .socketTimeout(Duration.ofMinutes(15)));
    boolean local = URI.create(endpoint).getHost() != null && isLocal(URI.create(endpoint));
    if (local && env.get("AWS_ACCESS_KEY_ID") == null) {
      builder.credentialsProvider(
          StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
    } else {
      builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
    }
    return builder.build();
  }

  private static boolean isLocal(URI uri) {
    String host = uri.getHost();
    return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
  }

  /**
   * Registers the catalog: through the registration handler when it is wired (so entries are
   * validated and normalised exactly as a POST /register would), else straight into the store.
   * Entries that already exist (a persistent DynamoDB registry) are left alone.
   */
  static void registerExamples(LocalStores stores, BufferedFunctionUrlHandler registration) {
    int created = 0;
    for (CatalogEntry entry : ExampleCatalog.all()) {
      Map<String, Object> body = entry.registration(ExampleCatalog.localArn(entry.functionName()));
      if (registration != null) {
        FunctionUrlResponse response = registration.handle(registerEvent(Json.write(body)));
        if (response.statusCode() == 201) {
          created++;
        } else if (response.statusCode() != 409) {
          // a catalog entry the validator refuses must not keep the server from starting
          LOG.warn(
              "example {} '{}' was not registered: {} {}",
              entry.type(),
              entry.name(),
              response.statusCode(),
              response.body());
        }
      } else {
        RegistryEntry registryEntry = Json.mapper().convertValue(body, RegistryEntry.class);
        EntryType type = registryEntry.type();
        try {
          stores
              .registry()
              .create(registryEntry.withStoreFields(type.idFor(entry.name()), 0, null, null));
          created++;
        } catch (EntryAlreadyExistsException e) {
          // kept from an earlier run
        }
      }
    }
    LOG.info(
        "registered {} example entries ({} in the catalog)", created, ExampleCatalog.all().size());
  }

  private static FunctionUrlRequest registerEvent(String body) {
    var http = new FunctionUrlRequest.Http("POST", "/register", "HTTP/1.1", "127.0.0.1", "local");
    var iam =
        new FunctionUrlRequest.Iam(
            null, ACCOUNT, "local", null, null, CallerIdentity.LOCAL.userArn(), "local");
    var context =
        new FunctionUrlRequest.RequestContext(
            ACCOUNT,
            "local",
            "localhost",
            "local",
            java.util.UUID.randomUUID().toString(),
            "$default",
            "$default",
            null,
            System.currentTimeMillis(),
            http,
            new FunctionUrlRequest.Authorizer(iam));
    return new FunctionUrlRequest(
        "2.0",
        "$default",
        "/register",
        "",
        null,
        Map.of("content-type", "application/json"),
        null,
        context,
        body,
        false);
  }

  private static String randomSecret() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return HexFormat.of().formatHex(key);
  }

  private static HttpServer listen(String name, InetAddress bind, int port) throws IOException {
    return Http11Server.create(name, new InetSocketAddress(bind, port), 128);
  }

  private static String hostPort(HttpServer server) {
    InetSocketAddress address = server.getAddress();
    String host = address.getAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return host + ":" + address.getPort();
  }

  private static void closeAll(List<AutoCloseable> resources) {
    for (AutoCloseable r : resources.reversed()) {
      try {
        r.close();
      } catch (Exception e) {
        LOG.debug("closing {} failed: {}", r, e.toString());
      }
    }
  }
}
