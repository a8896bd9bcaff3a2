package dev.mcplambda.local;

import dev.mcplambda.http.FunctionUrlRequest;
import java.net.URLDecoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Turns a received HTTP request into the event a Lambda Function URL would deliver (payload format
 * 2.0): lower-cased headers with repeated values joined by commas, cookies split out, query
 * parameters decoded (repeated keys joined by commas), a text body as is or any other body in
 * base64, and a request context with the caller's IAM identity.
 */
public final class FunctionUrlEventFactory {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  private final Clock clock;
  private final String domainName;

  /**
   * @param domainName the host the URL is served on, e.g. {@code 127.0.0.1:8080}
   */
  public FunctionUrlEventFactory(Clock clock, String domainName) {
    this.clock = clock;
    this.domainName = domainName;
  }

  public FunctionUrlRequest toEvent(ReceivedRequest request, CallerIdentity caller) {
    return toEvent(request, caller, UUID.randomUUID().toString());
  }

  public FunctionUrlRequest toEvent(
      ReceivedRequest request, CallerIdentity caller, String requestId) {
    Instant now = clock.instant();
    Map<String, String> headers = new LinkedHashMap<>();
    List<String> cookies = new ArrayList<>();
    request
        .headers()
        .forEach(
            (name, values) -> {
              if (name.equals("cookie")) {
                for (String v : values) {
                  for (String c : v.split(";")) {
                    if (!c.isBlank()) {
                      cookies.add(c.trim());
                    }
                  }
                }
              } else {
                headers.put(name, String.join(",", values));
              }
            });
    // what the Function URL front end adds
    headers.putIfAbsent("x-forwarded-for", request.sourceIp());
    headers.putIfAbsent("x-forwarded-proto", "http");
    int colon = domainName.lastIndexOf(':');
    if (colon > 0) {
      headers.putIfAbsent("x-forwarded-port", domainName.substring(colon + 1));
    }
    String path = decodePath(request.rawPath());
    String userAgent = headers.get("user-agent");
    var http =
        new FunctionUrlRequest.Http(
            request.method(), path, "HTTP/1.1", request.sourceIp(), userAgent);
    var iam =
        new FunctionUrlRequest.Iam(
            caller.accessKey(),
            caller.accountId(),
            caller.userId(),
            null,
            null,
            caller.userArn(),
            caller.userId());
    var context =
        new FunctionUrlRequest.RequestContext(
            caller.accountId(),
            "local",
            domainName,
            "local",
            requestId,
            "$default",
            "$default",
            TIME.format(now),
            now.toEpochMilli(),
            http,
            new FunctionUrlRequest.Authorizer(iam));
    String body = null;
    boolean base64 = false;
    if (request.body().length > 0) {
      String text = isText(headers.get("content-type")) ? utf8(request.body()) : null;
      if (text != null) {
        body = text;
      } else {
        body = Base64.getEncoder().encodeToString(request.body());
        base64 = true;
      }
    }
    String rawQuery = request.rawQuery() == null ? "" : request.rawQuery();
    return new FunctionUrlRequest(
        "2.0",
        "$default",
        path,
        rawQuery,
        cookies.isEmpty() ? null : List.copyOf(cookies),
        headers,
        queryParameters(rawQuery),
        context,
        body,
        base64);
  }

  /** Decoded query parameters, repeated keys joined by commas; {@code null} if there are none. */
  static Map<String, String> queryParameters(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return null;
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = decodeQuery(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decodeQuery(pair.substring(eq + 1));
      params.merge(key, value, (a, b) -> a + "," + b);
    }
    return params.isEmpty() ? null : params;
  }

  /** Whether a body of this content type travels as text (else base64). */
  static boolean isText(String contentType) {
    if (contentType == null) {
      return true; // Function URLs treat an untyped body as text when it is valid UTF-8
    }
    String ct = contentType.toLowerCase(Locale.ROOT);
    return ct.startsWith("text/")
        || ct.contains("json")
        || ct.contains("xml")
        || ct.contains("javascript")
        || ct.startsWith("application/x-www-form-urlencoded")
        || ct.startsWith("application/yaml");
  }

  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static String decodePath(String rawPath) {
    try {
      return URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return rawPath;
    }
  }

  private static String decodeQuery(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }
}
