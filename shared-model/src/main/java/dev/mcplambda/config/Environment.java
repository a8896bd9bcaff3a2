package dev.mcplambda.config;

import java.util.Map;
import java.util.Optional;

/**
 * Configuration read from environment variables. Tests pass their own map; handlers use {@link
 * #system()}.
 */
public record Environment(Map<String, String> values) {

  /** Registry table name. */
  public static final String REGISTRY_TABLE = "REGISTRY_TABLE";

  /** Session table name. */
  public static final String SESSION_TABLE = "SESSION_TABLE";

  /** Optional DynamoDB endpoint override (dynalite, DynamoDB Local). */
  public static final String DYNAMODB_ENDPOINT = "DYNAMODB_ENDPOINT";

  /** Optional Lambda endpoint override (the local function host, sam local start-lambda). */
  public static final String LAMBDA_ENDPOINT = "LAMBDA_ENDPOINT";

  /** Optional: {@code memory} to use in-memory stores (local server, tests). */
  public static final String STORE = "MCP_STORE";

  public static final String AWS_REGION = "AWS_REGION";

  /**
   * ARN of the Secrets Manager secret that holds the HMAC key protecting MRTR {@code requestState}
   * (2026-07-28). Read at init (stages {@code AWSCURRENT} and {@code AWSPREVIOUS}); the value never
   * appears in the environment. Wins over {@link #STATE_SECRET}.
   */
  public static final String STATE_SECRET_ARN = "MCP_STATE_SECRET_ARN";

  /**
   * Optional: the HMAC secret itself, for the local server and tests only (deployments use {@link
   * #STATE_SECRET_ARN}). Neither set: a random per-process key (state then only survives within one
   * warm container).
   */
  public static final String STATE_SECRET = "MCP_STATE_SECRET";

  /** Optional Secrets Manager endpoint override (tests). */
  public static final String SECRETS_MANAGER_ENDPOINT = "SECRETS_MANAGER_ENDPOINT";

  /** Optional, with {@link #STATE_SECRET}: the secret before the last rotation, still accepted. */
  public static final String STATE_SECRET_PREVIOUS = "MCP_STATE_SECRET_PREVIOUS";

  /** Optional client-side timeout for one tool/resource/prompt function invocation, in ms. */
  public static final String FUNCTION_TIMEOUT_MS = "MCP_FUNCTION_TIMEOUT_MS";

  /** Optional page size for MCP list results (default 100). */
  public static final String PAGE_SIZE = "MCP_PAGE_SIZE";

  /** Optional {@code ttlMs} hint on 2026-07-28 cacheable list results (default 60000). */
  public static final String CACHE_TTL_MS = "MCP_CACHE_TTL_MS";

  /**
   * Optional comma-separated browser origins allowed on the MCP endpoints ({@code
   * https://app.example.com}); the entry {@code localhost} allows every loopback origin. A request
   * with any other {@code Origin} header gets 403; requests without one are not affected.
   */
  public static final String ALLOWED_ORIGINS = "ALLOWED_ORIGINS";

  /** Optional cap on an MCP request body in bytes (after base64 decoding; default 1 MiB). */
  public static final String MAX_BODY_BYTES = "MAX_BODY_BYTES";

  /** Optional interval between SSE keep-alive comments, in seconds (default 15). */
  public static final String SSE_HEARTBEAT_SECONDS = "SSE_HEARTBEAT_SECONDS";

  /** Optional: how long before the Lambda deadline long-lived SSE streams end (default 5 s). */
  public static final String STREAM_DEADLINE_MARGIN_SECONDS = "MCP_STREAM_MARGIN_SECONDS";

  /**
   * Optional: how long one long-lived stream (GET /sse, GET /mcp, subscriptions/listen) stays open
   * before it ends cleanly and the client reconnects, in seconds (default 240, 1..900).
   */
  public static final String STREAM_LIFETIME_SECONDS = "MCP_STREAM_LIFETIME_SECONDS";

  /** Optional cap on open streams per IAM principal across all containers (default 10). */
  public static final String MAX_STREAMS_PER_PRINCIPAL = "MCP_MAX_STREAMS_PER_PRINCIPAL";

  /**
   * Optional cap on Streamable HTTP sessions one IAM principal may start within one session TTL,
   * across all containers (default 100).
   */
  public static final String MAX_SESSIONS_PER_PRINCIPAL = "MCP_MAX_SESSIONS_PER_PRINCIPAL";

  /** Optional idle lifetime of an MCP session in seconds (default 3600), refreshed on use. */
  public static final String SESSION_TTL_SECONDS = "MCP_SESSION_TTL_SECONDS";

  /**
   * Optional principal ARN for requests that carry no IAM context (a local server without SigV4
   * verification). Unset: such requests get 403.
   */
  public static final String ANONYMOUS_PRINCIPAL = "MCP_ANONYMOUS_PRINCIPAL";

  /**
   * Optional: how often (milliseconds, default 1000) a long-lived MCP stream reads the registry's
   * catalog version to send list-changed and resource-updated notifications.
   */
  public static final String CHANGE_POLL_MILLIS = "MCP_CHANGE_POLL_MILLIS";

  /**
   * The function that runs MCP tasks ({@code invokeMode: "task"} tools), name or ARN; without it
   * the tasks extension is off and task tools are called synchronously (docs/tasks.md).
   */
  public static final String TASK_RUNNER_FUNCTION = "MCP_TASK_RUNNER_FUNCTION";

  /** Optional: how long a task stays readable after it was created, in ms (default one hour). */
  public static final String TASK_TTL_MS = "MCP_TASK_TTL_MS";

  public Environment {
    values = Map.copyOf(values);
  }

  public static Environment system() {
    return new Environment(System.getenv());
  }

  public Optional<String> get(String name) {
    String v = values.get(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
  }

  public String require(String name) {
    return get(name)
        .orElseThrow(
            () -> new IllegalStateException("environment variable " + name + " is not set"));
  }

  public String getOrDefault(String name, String fallback) {
    return get(name).orElse(fallback);
  }
}
