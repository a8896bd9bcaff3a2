package dev.mcplambda.transport;

import dev.mcplambda.http.FunctionUrlEventCheck;
import dev.mcplambda.http.FunctionUrlRequest;
import dev.mcplambda.jsonrpc.ErrorCodes;
import dev.mcplambda.runtime.BufferedResponseStream;
import dev.mcplambda.runtime.InvocationContext;
import dev.mcplambda.runtime.ResponseStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What every MCP endpoint checks before a transport sees the request: route and HTTP method, header
 * hygiene, {@code Origin}, the IAM principal, the content type and size of a POST body. Answers a
 * refused request itself (a JSON-RPC error body, never a stack trace).
 *
 * <p>Missing IAM context: 403. With {@code AuthType AWS_IAM} the Function URL itself refuses
 * unsigned or unauthorised callers with 403 before this code runs, so a request without {@code
 * requestContext.authorizer.iam} means the URL is not IAM-protected; refusing it the same way keeps
 * the behaviour uniform (401 would promise that some credentials could fix it via {@code
 * WWW-Authenticate}, which IAM does not offer). {@code MCP_ANONYMOUS_PRINCIPAL} lifts this for a
 * local server without SigV4 verification.
 */
public final class RequestGuard {

  /** Longest header value accepted (431 above it). */
  static final int MAX_HEADER_VALUE = 8192;

  /** The guard's verdict. */
  public sealed interface Admission {
    /** The request, headers lower-cased and body decoded, for a transport. */
    record Admitted(McpHttpRequest request) implements Admission {}

    /** Refused and already answered. */
    record Refused(TransportOutcome outcome) implements Admission {}
  }

  private final TransportSettings settings;
  private final OriginPolicy origins;

  public RequestGuard(TransportSettings settings) {
    this.settings = settings;
    this.origins = new OriginPolicy(settings.allowedOrigins());
  }

  /** The caller: the IAM user ARN, else {@code MCP_ANONYMOUS_PRINCIPAL}, else {@code null}. */
  public String principal(FunctionUrlRequest request) {
    String arn = request.principalArn();
    if (arn != null && !arn.isBlank()) {
      return arn;
    }
    return settings.anonymousPrincipal();
  }

  public Admission admit(
      FunctionUrlRequest request,
      String principal,
      ResponseStream response,
      InvocationContext context)
      throws IOException {
    // a direct Invoke with a hand-made event: refused before routing (IAM: the principal check
    // below)
    var notFromUrl = FunctionUrlEventCheck.check(request, false);
    if (notFromUrl.isPresent()) {
      var refusal = notFromUrl.get();
      HttpResponses.error(
          response, refusal.status(), ErrorCodes.INVALID_REQUEST, refusal.message());
      return refused(refusal.status(), refusal.detail());
    }
    String method = request.method() == null ? "" : request.method().toUpperCase(Locale.ROOT);
    String path = normalisePath(request.rawPath());
    List<String> allowed =
        switch (path) {
          case "/mcp" -> List.of("GET", "POST", "DELETE");
          case "/sse" -> List.of("GET");
          case "/message" -> List.of("POST");
          default -> null;
        };
    if (allowed == null) {
      HttpResponses.error(response, 404, ErrorCodes.INVALID_REQUEST, "Not Found");
      return refused(404, "unknown_path");
    }
    if (!allowed.contains(method)) {
      HttpResponses.error(
          response,
          405,
          ErrorCodes.INVALID_REQUEST,
          "Method Not Allowed",
          Map.of("Allow", String.join(", ", allowed)));
      return refused(405, "method_not_allowed");
    }
    Map<String, String> headers = new HashMap<>();
    if (request.headers() != null) {
      for (var h : request.headers().entrySet()) {
        String value = h.getValue() == null ? "" : h.getValue();
        if (value.length() > MAX_HEADER_VALUE) {
          HttpResponses.error(
              response, 431, ErrorCodes.INVALID_REQUEST, "Request Header Fields Too Large");
          return refused(431, "header_too_large");
        }
        if (hasControlBreak(value) || h.getKey() == null || hasControlBreak(h.getKey())) {
          HttpResponses.error(
              response, 400, ErrorCodes.INVALID_REQUEST, "Bad Request: malformed header");
          return refused(400, "malformed_header");
        }
        headers.put(h.getKey().toLowerCase(Locale.ROOT), value);
      }
    }
    if (!origins.allows(headers.get("origin"))) {
      HttpResponses.error(response, 403, ErrorCodes.INVALID_REQUEST, "Forbidden: origin");
      return refused(403, "origin");
    }
    if (principal == null) {
      HttpResponses.error(response, 403, ErrorCodes.INVALID_REQUEST, "Forbidden: no IAM caller");
      return refused(403, "no_principal");
    }
    byte[] body = new byte[0];
    if (method.equals("POST")) {
      if (!isJson(headers.get("content-type"))) {
        HttpResponses.error(
            response,
            415,
            ErrorCodes.INVALID_REQUEST,
            "Unsupported Media Type: Content-Type must be application/json");
        return refused(415, "content_type");
      }
      body = decodeBody(request, response);
      if (body == null) {
        return refused(response.started() ? statusOf(response) : 400, "body");
      }
    }
    return new Admission.Admitted(
        new McpHttpRequest(
            method,
            path,
            headers,
            request.queryStringParameters() == null ? Map.of() : request.queryStringParameters(),
            body,
            principal,
            context));
  }

  private static Admission refused(int status, String detail) {
    return new Admission.Refused(TransportOutcome.rejected(status, null, detail));
  }

  /** The decoded body, or {@code null} after answering 413 (too large) or 400 (bad base64). */
  private byte[] decodeBody(FunctionUrlRequest request, ResponseStream response)
      throws IOException {
    String raw = request.body();
    if (raw == null || raw.isEmpty()) {
      return new byte[0];
    }
    int max = settings.maxBodyBytes();
    byte[] bytes;
    if (request.base64Encoded()) {
      // checked before decoding: 4 characters carry at most 3 bytes
      if ((long) raw.length() / 4 * 3 > max + 3L) {
        tooLarge(response);
        return null;
      }
      try {
        bytes = Base64.getDecoder().decode(raw);
      } catch (IllegalArgumentException e) {
        HttpResponses.error(
            response, 400, ErrorCodes.PARSE_ERROR, "Parse error: body is not valid base64");
        return null;
      }
    } else {
      if (raw.length() > max) { // every char is at least one UTF-8 byte
        tooLarge(response);
        return null;
      }
      bytes = raw.getBytes(StandardCharsets.UTF_8);
    }
    if (bytes.length > max) {
      tooLarge(response);
      return null;
    }
    return bytes;
  }

  private void tooLarge(ResponseStream response) throws IOException {
    HttpResponses.error(
        response,
        413,
        ErrorCodes.INVALID_REQUEST,
        "Payload Too Large: at most " + settings.maxBodyBytes() + " bytes");
  }

  private static int statusOf(ResponseStream response) {
    return response instanceof BufferedResponseStream b ? b.status() : 400;
  }

  private static String normalisePath(String rawPath) {
    if (rawPath == null || rawPath.isEmpty()) {
      return "/";
    }
    return rawPath.length() > 1 && rawPath.endsWith("/")
        ? rawPath.substring(0, rawPath.length() - 1)
        : rawPath;
  }

  private static boolean hasControlBreak(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\r' || c == '\n' || c == 0) {
        return true;
      }
    }
    return false;
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return type.equals("application/json");
  }
}
