package dev.mcplambda.transport;

import dev.mcplambda.config.Environment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Tunables of the MCP transports.
 *
 * @param allowedOrigins browser origins allowed on every MCP endpoint (exact {@code
 *     scheme://host[:port]}); the entry {@code localhost} allows every loopback origin; {@code *}
 *     allows every origin
 * @param maxBodyBytes cap on a request body after base64 decoding (413 above it)
 * @param heartbeat interval of SSE keep-alive comments on long-lived streams
 * @param deadlineMargin long-lived streams end this long before the invocation's deadline
 * @param sessionTtl idle lifetime of a session ({@code expiresAt} is refreshed on use)
 * @param anonymousPrincipal the principal for requests without IAM context, or {@code null} to
 *     refuse them with 403
 */
public record TransportSettings(
    List<String> allowedOrigins,
    int maxBodyBytes,
    Duration heartbeat,
    Duration deadlineMargin,
    Duration sessionTtl,
    String anonymousPrincipal) {

  public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

  public TransportSettings {
    allowedOrigins = List.copyOf(allowedOrigins);
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("maxBodyBytes must be positive");
    }
    if (heartbeat.isNegative() || heartbeat.isZero()) {
      throw new IllegalArgumentException("heartbeat must be positive");
    }
    if (deadlineMargin.isNegative()) {
      throw new IllegalArgumentException("deadlineMargin must not be negative");
    }
    if (sessionTtl.isNegative() || sessionTtl.isZero()) {
      throw new IllegalArgumentException("sessionTtl must be positive");
    }
  }

  public static TransportSettings defaults() {
    return new TransportSettings(
        List.of(),
        DEFAULT_MAX_BODY_BYTES,
        Duration.ofSeconds(15),
        Duration.ofSeconds(5),
        Duration.ofHours(1),
        null);
  }

  /**
   * {@code ALLOWED_ORIGINS}, {@code MAX_BODY_BYTES}, {@code SSE_HEARTBEAT_SECONDS}, {@code
   * MCP_STREAM_MARGIN_SECONDS}, {@code MCP_SESSION_TTL_SECONDS}, {@code MCP_ANONYMOUS_PRINCIPAL}.
   */
  public static TransportSettings fromEnvironment(Environment env) {
    // no Optional.map lambdas: each lambda site costs a class at cold start
    TransportSettings d = defaults();
    String origins = env.get(Environment.ALLOWED_ORIGINS).orElse(null);
    String maxBody = env.get(Environment.MAX_BODY_BYTES).orElse(null);
    return new TransportSettings(
        origins == null ? d.allowedOrigins() : origins(origins),
        maxBody == null ? d.maxBodyBytes() : Integer.parseInt(maxBody),
        seconds(env, Environment.SSE_HEARTBEAT_SECONDS, d.heartbeat()),
        seconds(env, Environment.STREAM_DEADLINE_MARGIN_SECONDS, d.deadlineMargin()),
        seconds(env, Environment.SESSION_TTL_SECONDS, d.sessionTtl()),
        env.get(Environment.ANONYMOUS_PRINCIPAL).orElse(null));
  }

  private static List<String> origins(String commaSeparated) {
    List<String> origins = new ArrayList<>();
    for (String o : commaSeparated.split(",")) {
      String trimmed = o.trim();
      if (!trimmed.isEmpty()) {
        origins.add(trimmed);
      }
    }
    return List.copyOf(origins);
  }

  private static Duration seconds(Environment env, String name, Duration otherwise) {
    String v = env.get(name).orElse(null);
    return v == null ? otherwise : Duration.ofSeconds(Long.parseLong(v));
  }

  public TransportSettings withAllowedOrigins(List<String> origins) {
    return new TransportSettings(
        origins, maxBodyBytes, heartbeat, deadlineMargin, sessionTtl, anonymousPrincipal);
  }

  public TransportSettings withMaxBodyBytes(int bytes) {
    return new TransportSettings(
        allowedOrigins, bytes, heartbeat, deadlineMargin, sessionTtl, anonymousPrincipal);
  }

  public TransportSettings withHeartbeat(Duration interval) {
    return new TransportSettings(
        allowedOrigins, maxBodyBytes, interval, deadlineMargin, sessionTtl, anonymousPrincipal);
  }

  public TransportSettings withDeadlineMargin(Duration margin) {
    return new TransportSettings(
        allowedOrigins, maxBodyBytes, heartbeat, margin, sessionTtl, anonymousPrincipal);
  }

  public TransportSettings withAnonymousPrincipal(String principal) {
    return new TransportSettings(
        allowedOrigins, maxBodyBytes, heartbeat, deadlineMargin, sessionTtl, principal);
  }
}
