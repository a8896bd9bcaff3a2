package dev.mcplambda.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The local server's command line.
 *
 * @param host the address both planes bind to (loopback by default)
 * @param adminPort the admin plane port ({@code /register})
 * @param mcpPort the MCP plane port ({@code /mcp}, {@code /sse}, {@code /message})
 * @param functionHostPort the in-process Lambda Invoke API port, 0 for any free port
 * @param dynamoDbEndpoint a DynamoDB-API endpoint, or {@code null} for in-memory stores
 * @param lambdaEndpoint another Lambda Invoke API, or {@code null} for the in-process host
 * @param functionsJar a JAR with more handler classes, or {@code null}
 * @param auth {@code none} or {@code iam}
 * @param credentialsFile SigV4 credentials for {@code --auth iam}, or {@code null} for the env
 * @param registerExamples whether to register the example catalog at start
 * @param functionTimeoutSeconds per-invocation timeout of the in-process host
 * @param maxBodyBytes request body cap of both planes
 * @param help whether {@code --help} was given
 * @param insecure {@code --insecure}: allow a non-loopback bind without {@code --auth iam}
 */
public record LocalServerOptions(
    String host,
    int adminPort,
    int mcpPort,
    int functionHostPort,
    String dynamoDbEndpoint,
    String lambdaEndpoint,
    Path functionsJar,
    AuthMode auth,
    Path credentialsFile,
    boolean registerExamples,
    int functionTimeoutSeconds,
    int maxBodyBytes,
    boolean help,
    boolean insecure) {

  /** Without {@code --insecure} (the form tests and older callers use). */
  public LocalServerOptions(
      String host,
      int adminPort,
      int mcpPort,
      int functionHostPort,
      String dynamoDbEndpoint,
      String lambdaEndpoint,
      Path functionsJar,
      AuthMode auth,
      Path credentialsFile,
      boolean registerExamples,
      int functionTimeoutSeconds,
      int maxBodyBytes,
      boolean help) {
    this(
        host,
        adminPort,
        mcpPort,
        functionHostPort,
        dynamoDbEndpoint,
        lambdaEndpoint,
        functionsJar,
        auth,
        credentialsFile,
        registerExamples,
        functionTimeoutSeconds,
        maxBodyBytes,
        help,
        false);
  }

  /** How callers are authenticated. */
  public enum AuthMode {
    NONE,
    IAM
  }

  public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

  public static LocalServerOptions defaults() {
    return new LocalServerOptions(
        "127.0.0.1",
        8081,
        8080,
        0,
        null,
        null,
        null,
        AuthMode.NONE,
        null,
        false,
        30,
        DEFAULT_MAX_BODY_BYTES,
        false,
        false);
  }

  /**
   * Parses the command line.
   *
   * @throws IllegalArgumentException with a message for the user on an unknown flag or bad value
   */
  public static LocalServerOptions parse(String... args) {
    LocalServerOptions o = defaults();
    List<String> rest = new ArrayList<>(List.of(args));
    while (!rest.isEmpty()) {
      String arg = rest.removeFirst();
      String flag = arg;
      String inline = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        flag = arg.substring(0, eq);
        inline = arg.substring(eq + 1);
      }
      switch (flag) {
        case "--help", "-h" -> o = o.with(b -> b.help = true);
        case "--register-examples" -> o = o.with(b -> b.registerExamples = true);
        case "--insecure" -> o = o.with(b -> b.insecure = true);
        case "--host" -> {
          String v = value(flag, inline, rest);
          o = o.with(b -> b.host = v);
        }
        case "--admin-port" -> {
          int v = port(flag, value(flag, inline, rest), false);
          o = o.with(b -> b.adminPort = v);
        }
        case "--mcp-port" -> {
          int v = port(flag, value(flag, inline, rest), false);
          o = o.with(b -> b.mcpPort = v);
        }
        case "--function-host-port" -> {
          int v = port(flag, value(flag, inline, rest), true);
          o = o.with(b -> b.functionHostPort = v);
        }
        case "--dynamodb-endpoint" -> {
          String v = url(flag, value(flag, inline, rest));
          o = o.with(b -> b.dynamoDbEndpoint = v);
        }
        case "--lambda-endpoint" -> {
          String v = url(flag, value(flag, inline, rest));
          o = o.with(b -> b.lambdaEndpoint = v);
        }
        case "--functions" -> {
          Path v = Path.of(value(flag, inline, rest));
          o = o.with(b -> b.functionsJar = v);
        }
        case "--credentials" -> {
          Path v = Path.of(value(flag, inline, rest));
          o = o.with(b -> b.credentialsFile = v);
        }
        case "--auth" -> {
          String v = value(flag, inline, rest);
          AuthMode mode =
              switch (v) {
                case "none" -> AuthMode.NONE;
                case "iam" -> AuthMode.IAM;
                default ->
                    throw new IllegalArgumentException(
                        "--auth must be 'none' or 'iam', not '" + v + "'");
              };
          o = o.with(b -> b.auth = mode);
        }
        case "--function-timeout" -> {
          int v = positive(flag, value(flag, inline, rest));
          o = o.with(b -> b.functionTimeoutSeconds = v);
        }
        case "--max-body-bytes" -> {
          int v = positive(flag, value(flag, inline, rest));
          o = o.with(b -> b.maxBodyBytes = v);
        }
        default -> throw new IllegalArgumentException("unknown option '" + arg + "' (see --help)");
      }
    }
    if (!o.help && o.adminPort != 0 && o.adminPort == o.mcpPort) {
      throw new IllegalArgumentException("--admin-port and --mcp-port must differ");
    }
    if (o.functionsJar != null && o.lambdaEndpoint != null) {
      throw new IllegalArgumentException(
          "--functions runs handlers in the in-process host; it cannot be combined with"
              + " --lambda-endpoint");
    }
    return o;
  }

  /**
   * Refuses to expose an unauthenticated server: a bind address that is not loopback (another
   * machine can reach it) needs {@code --auth iam}, or {@code --insecure} to accept that anyone who
   * can reach the port is {@code arn:aws:iam::000000000000:user/local}.
   *
   * @throws IllegalArgumentException with the message for the user
   * @throws java.net.UnknownHostException if the host does not resolve
   */
  public void requireSafeBind() throws java.net.UnknownHostException {
    if (auth == AuthMode.IAM || insecure) {
      return;
    }
    java.net.InetAddress address = java.net.InetAddress.getByName(host);
    if (!address.isLoopbackAddress()) {
      throw new IllegalArgumentException(
          "refusing to bind to "
              + host
              + " without authentication: any machine that reaches this address could register"
              + " tools and call functions. Use --auth iam (SigV4), bind to 127.0.0.1, or pass"
              + " --insecure if this network is trusted");
    }
  }

  /** The text printed by {@code --help}. */
  public static String usage() {
    return """
        Usage: run-local.sh [options]   (or: java -jar local-server.jar [options])

        Runs mcp-lambda on this machine: the admin plane (/register) and the MCP plane
        (/mcp, /sse + /message) on loopback HTTP, with an in-process Lambda function host.

        Options:
          --host ADDRESS           address to bind both planes to (default 127.0.0.1); a
                                   non-loopback address needs --auth iam or --insecure
          --insecure               allow a non-loopback --host with --auth none (anyone who
                                   reaches the port is the local principal)
          --admin-port PORT        admin plane port (default 8081)
          --mcp-port PORT          MCP plane port (default 8080)
          --register-examples      register the example tools, resources and prompts and the
                                   MCP conformance fixtures at start
          --auth none|iam          none (default): every caller is
                                   arn:aws:iam::000000000000:user/local;
                                   iam: requests must carry a valid SigV4 signature (service
                                   'lambda') from the configured credentials, in the
                                   Authorization header or as a presigned URL
          --credentials FILE       credentials for --auth iam, one per line:
                                     accessKeyId:secretAccessKey[:principalArn]
                                   ('#' starts a comment). Without this option the env vars
                                   MCP_LOCAL_ACCESS_KEY_ID, MCP_LOCAL_SECRET_ACCESS_KEY and
                                   optionally MCP_LOCAL_PRINCIPAL_ARN are used.
          --dynamodb-endpoint URL  keep the registry and sessions in a DynamoDB-API server
                                   (dynalite, DynamoDB Local, AWS); tables are created if
                                   missing. Default: in memory.
          --lambda-endpoint URL    invoke functions through another Lambda Invoke API
                                   (sam local start-lambda, AWS) instead of the in-process host
          --functions JAR          also host the handlers listed in the JAR's
                                   META-INF/mcp-lambda/functions.properties
                                   (functionName=fully.qualified.HandlerClass)
          --function-host-port P   port of the in-process Invoke API (default: any free port)
          --function-timeout SEC   per-invocation timeout of the in-process host (default 30)
          --max-body-bytes N       request body cap of both planes (default 1048576)
          -h, --help               print this help and exit
        """;
  }

  private LocalServerOptions with(java.util.function.Consumer<Builder> change) {
    Builder b = new Builder(this);
    change.accept(b);
    return b.build();
  }

  private static String value(String flag, String inline, List<String> rest) {
    if (inline != null) {
      return inline;
    }
    if (rest.isEmpty() || rest.getFirst().startsWith("--")) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return rest.removeFirst();
  }

  private static int port(String flag, String value, boolean zeroAllowed) {
    int p;
    try {
      p = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " must be a port number, not '" + value + "'");
    }
    if (p < (zeroAllowed ? 0 : 1) || p > 65535) {
      throw new IllegalArgumentException(flag + " must be between 1 and 65535, not " + p);
    }
    return p;
  }

  private static int positive(String flag, String value) {
    try {
      int v = Integer.parseInt(value);
      if (v > 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(flag + " must be a positive number, not '" + value + "'");
  }

  private static String url(String flag, String value) {
    if (!value.startsWith("http://") && !value.startsWith("https://")) {
      throw new IllegalArgumentException(flag + " must be an http(s) URL, not '" + value + "'");
    }
    return value;
  }

  private static final class Builder {
    String host;
    int adminPort;
    int mcpPort;
    int functionHostPort;
    String dynamoDbEndpoint;
    String lambdaEndpoint;
    Path functionsJar;
    AuthMode auth;
    Path credentialsFile;
    boolean registerExamples;
    int functionTimeoutSeconds;
    int maxBodyBytes;
    boolean help;
    boolean insecure;

    Builder(LocalServerOptions o) {
      host = o.host;
      adminPort = o.adminPort;
      mcpPort = o.mcpPort;
      functionHostPort = o.functionHostPort;
      dynamoDbEndpoint = o.dynamoDbEndpoint;
      lambdaEndpoint = o.lambdaEndpoint;
      functionsJar = o.functionsJar;
      auth = o.auth;
      credentialsFile = o.credentialsFile;
      registerExamples = o.registerExamples;
      functionTimeoutSeconds = o.functionTimeoutSeconds;
      maxBodyBytes = o.maxBodyBytes;
      help = o.help;
      insecure = o.insecure;
    }

    LocalServerOptions build() {
      return new LocalServerOptions(
          host,
          adminPort,
          mcpPort,
          functionHostPort,
          dynamoDbEndpoint,
          lambdaEndpoint,
          functionsJar,
          auth,
          credentialsFile,
          registerExamples,
          functionTimeoutSeconds,
          maxBodyBytes,
          help,
          insecure);
    }
  }
}
