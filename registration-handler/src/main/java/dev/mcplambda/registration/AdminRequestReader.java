package dev.mcplambda.registration;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.mcplambda.http.ClientText;
import dev.mcplambda.http.FunctionUrlRequest;
import dev.mcplambda.json.Json;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Routes a Function URL request to an {@link AdminCall}: path and method, query parameters, {@code
 * If-Match}, {@code Content-Type}, body size and JSON syntax. Everything a client can get wrong
 * before the registry is consulted ends here as {@link AdminCall.Refused} with a precise 4xx.
 */
public final class AdminRequestReader {

  /** Request bodies above this many bytes (after base64 decoding) are refused with 413. */
  public static final int MAX_BODY_BYTES = 256 * 1024;

  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1000;
  static final int MAX_CURSOR_LENGTH = 4096;

  private static final String COLLECTION = "/register";
  private static final String ITEM_PREFIX = "/register/";
  private static final Pattern LIMIT = Pattern.compile("[0-9]{1,4}");
  private static final Pattern JAVA_NAMES = Pattern.compile("`[^`]*`|\\[Source:[^\\]]*\\]");

  private final int maxBodyBytes;

  /** Reads one JSON tree; trailing content is checked here to report it with its position. */
  private final ObjectReader treeReader =
      Json.mapper().reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  public AdminRequestReader() {
    this(MAX_BODY_BYTES);
  }

  public AdminRequestReader(int maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }

  public AdminCall read(FunctionUrlRequest request) {
    String method = request.method() == null ? "" : request.method().toUpperCase(Locale.ROOT);
    String path = path(request);
    if (path.equals(COLLECTION)) {
      return switch (method) {
        case "GET" -> list(request);
        case "POST" -> {
          Body body = body(request);
          yield body.problem != null
              ? new AdminCall.Refused(body.problem)
              : new AdminCall.Create(body.json);
        }
        default -> refused(AdminProblem.methodNotAllowed(method, COLLECTION, "GET, POST"));
      };
    }
    if (path.startsWith(ITEM_PREFIX)
        && path.length() > ITEM_PREFIX.length()
        && path.indexOf('/', ITEM_PREFIX.length()) < 0) {
      String id = path.substring(ITEM_PREFIX.length());
      return switch (method) {
        case "GET" -> new AdminCall.Get(id);
        case "PUT" -> {
          Body body = body(request);
          if (body.problem != null) {
            yield refused(body.problem);
          }
          yield switch (precondition(request)) {
            case PreconditionOrProblem.Parsed p ->
                new AdminCall.Replace(id, body.json, p.precondition());
            case PreconditionOrProblem.Bad b -> refused(b.problem());
          };
        }
        case "DELETE" ->
            switch (precondition(request)) {
              case PreconditionOrProblem.Parsed p -> new AdminCall.Delete(id, p.precondition());
              case PreconditionOrProblem.Bad b -> refused(b.problem());
            };
        default ->
            refused(AdminProblem.methodNotAllowed(method, "/register/{id}", "GET, PUT, DELETE"));
      };
    }
    return refused(
        AdminProblem.of(
            404,
            "no such route: " + ClientText.quote(path, 128) + " (the admin API is /register)"));
  }

  private static String path(FunctionUrlRequest request) {
    String p = request.rawPath();
    if (p == null && request.requestContext() != null && request.requestContext().http() != null) {
      p = request.requestContext().http().path();
    }
    return p == null || p.isEmpty() ? "/" : p;
  }

  private static AdminCall refused(AdminProblem problem) {
    return new AdminCall.Refused(problem);
  }

  // ---- GET /register?limit=&cursor= -------------------------------------------------------

  private static AdminCall list(FunctionUrlRequest request) {
    Map<String, String> query = query(request);
    List<FieldError> problems = new ArrayList<>();
    int limit = DEFAULT_LIMIT;
    String rawLimit = query.get("limit");
    if (rawLimit != null) {
      if (LIMIT.matcher(rawLimit).matches()
          && Integer.parseInt(rawLimit) >= 1
          && Integer.parseInt(rawLimit) <= MAX_LIMIT) {
        limit = Integer.parseInt(rawLimit);
      } else {
        problems.add(
            new FieldError(
                "limit",
                "must be an integer from 1 to "
                    + MAX_LIMIT
                    + ", got '"
                    + ClientText.quote(rawLimit, 32)
                    + "'"));
      }
    }
    String cursor = query.get("cursor");
    if (cursor != null && (cursor.isEmpty() || cursor.length() > MAX_CURSOR_LENGTH)) {
      problems.add(
          new FieldError(
              "cursor", "must be the cursor of a previous page's Link header (rel=\"next\")"));
    }
    if (!problems.isEmpty()) {
      return refused(AdminProblem.of(400, "invalid list parameters", problems));
    }
    return new AdminCall.ListEntries(limit, cursor);
  }

  /** Query parameters: the decoded map Function URLs provide, else parsed from the raw string. */
  private static Map<String, String> query(FunctionUrlRequest request) {
    if (request.queryStringParameters() != null) {
      return request.queryStringParameters();
    }
    Map<String, String> out = new HashMap<>();
    String raw = request.rawQueryString();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        out.merge(decode(k), decode(v), (a, b) -> a + "," + b);
      } catch (IllegalArgumentException e) {
        out.put(k, v); // left undecoded: validation reports it
      }
    }
    return out;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  // ---- If-Match ---------------------------------------------------------------------------

  private sealed interface PreconditionOrProblem {
    record Parsed(Precondition precondition) implements PreconditionOrProblem {}

    record Bad(AdminProblem problem) implements PreconditionOrProblem {}
  }

  private static PreconditionOrProblem precondition(FunctionUrlRequest request) {
    try {
      return new PreconditionOrProblem.Parsed(Precondition.parse(request.header("If-Match")));
    } catch (IllegalArgumentException e) {
      return new PreconditionOrProblem.Bad(
          AdminProblem.badRequest("invalid If-Match header", "If-Match", e.getMessage()));
    }
  }

  // ---- body -------------------------------------------------------------------------------

  private record Body(JsonNode json, AdminProblem problem) {}

  private Body body(FunctionUrlRequest request) {
    String contentType = request.header("Content-Type");
    if (!isJson(contentType)) {
      return refused415(contentType);
    }
    String raw = request.body();
    if (raw == null || raw.isEmpty()) {
      return new Body(
          null, AdminProblem.badRequest("request body is required", "body", "is empty"));
    }
    byte[] bytes;
    if (request.base64Encoded()) {
      if (raw.length() > (maxBodyBytes + 2) / 3 * 4 + 4) {
        return tooLarge();
      }
      try {
        bytes = Base64.getDecoder().decode(raw);
      } catch (IllegalArgumentException e) {
        return new Body(
            null,
            AdminProblem.badRequest(
                "request body is not valid base64",
                "body",
                "isBase64Encoded is true but the body" + " cannot be decoded"));
      }
      if (bytes.length > maxBodyBytes) {
        return tooLarge();
      }
    } else {
      if (raw.length() > maxBodyBytes || utf8Length(raw) > maxBodyBytes) {
        return tooLarge();
      }
      bytes = null;
    }
    try (JsonParser parser =
        bytes != null ? Json.mapper().createParser(bytes) : Json.mapper().createParser(raw)) {
      parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
      JsonNode json = treeReader.readTree(parser);
      if (json == null || json.isMissingNode()) {
        return new Body(
            null, AdminProblem.badRequest("request body is required", "body", "has no JSON value"));
      }
      JsonToken trailing = parser.nextToken();
      if (trailing != null) {
        return malformed(parser.currentTokenLocation(), "unexpected content after the JSON value");
      }
      return new Body(json, null);
    } catch (StreamConstraintsException e) {
      return new Body(
          null,
          AdminProblem.badRequest(
              "malformed JSON",
              "body",
              "the document is nested too deeply or has a value that is too long"));
    } catch (JsonProcessingException e) {
      return malformed(e.getLocation(), e.getOriginalMessage());
    } catch (IOException e) {
      return malformed(null, "cannot be read");
    }
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String[] parts = contentType.split(";");
    if (!parts[0].strip().equalsIgnoreCase("application/json")) {
      return false;
    }
    for (int i = 1; i < parts.length; i++) {
      String param = parts[i].strip();
      int eq = param.indexOf('=');
      if (eq > 0 && param.substring(0, eq).strip().equalsIgnoreCase("charset")) {
        String charset = param.substring(eq + 1).strip().replace("\"", "");
        if (!charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
          return false;
        }
      }
    }
    return true;
  }

  private static Body refused415(String contentType) {
    String got = contentType == null ? "none" : "'" + ClientText.quote(contentType, 64) + "'";
    return new Body(
        null,
        AdminProblem.of(
            415,
            "Content-Type must be application/json (UTF-8), got " + got,
            List.of(new FieldError("Content-Type", "must be application/json"))));
  }

  private Body tooLarge() {
    return new Body(
        null,
        AdminProblem.of(
            413,
            "request body is larger than " + maxBodyBytes + " bytes",
            List.of(new FieldError("body", "at most " + maxBodyBytes + " bytes are accepted"))));
  }

  private static Body malformed(JsonLocation location, String parserMessage) {
    String where =
        location == null || location.getLineNr() < 1
            ? ""
            : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    String message = parserMessage == null ? "cannot be parsed" : clean(parserMessage);
    return new Body(
        null,
        AdminProblem.of(400, "malformed JSON" + where, List.of(new FieldError("body", message))));
  }

  /** The parser's first line, without Java type names or source descriptions. */
  private static String clean(String parserMessage) {
    String firstLine = parserMessage.lines().findFirst().orElse("").strip();
    String cleaned = JAVA_NAMES.matcher(firstLine).replaceAll("").replaceAll("\\s+", " ").strip();
    cleaned = cleaned.replace(" (start marker at )", "").replace("()", "").strip();
    return cleaned.isEmpty() ? "cannot be parsed" : ClientText.quote(cleaned, 300);
  }

  private static long utf8Length(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }
}
