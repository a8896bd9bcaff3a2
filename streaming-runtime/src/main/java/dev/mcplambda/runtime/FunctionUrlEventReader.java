package dev.mcplambda.runtime;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import dev.mcplambda.http.FunctionUrlRequest;
import dev.mcplambda.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a Function URL event into {@link FunctionUrlRequest} with the streaming parser of the one
 * shared mapper. Same result as {@code Json.mapper().readValue(event, FunctionUrlRequest.class)} (a
 * contract test holds it to that), but without data-binding introspection of five record types on
 * the cold-start path, which costs hundreds of milliseconds in a fresh JVM. Unknown fields are
 * skipped. When {@link FunctionUrlRequest} gains a component, this reader must learn it (the
 * contract test counts the components).
 */
final class FunctionUrlEventReader {

  private FunctionUrlEventReader() {}

  /**
   * Parses the event.
   *
   * @return the request, or {@code null} if the event is valid JSON but not an object
   * @throws IOException if the event is not valid JSON
   */
  static FunctionUrlRequest read(byte[] event) throws IOException {
    try (JsonParser p = Json.factory().createParser(event)) {
      JsonToken first = p.nextToken();
      if (first != JsonToken.START_OBJECT) {
        if (first == null) {
          return null;
        }
        p.skipChildren();
        if (p.nextToken() != null) {
          throw new IOException("trailing content after the event");
        }
        return null;
      }
      FunctionUrlRequest request = request(p);
      if (p.nextToken() != null) {
        throw new IOException("trailing content after the event");
      }
      return request;
    }
  }

  private static FunctionUrlRequest request(JsonParser p) throws IOException {
    String version = null;
    String routeKey = null;
    String rawPath = null;
    String rawQueryString = null;
    List<String> cookies = null;
    Map<String, String> headers = null;
    Map<String, String> query = null;
    FunctionUrlRequest.RequestContext context = null;
    String body = null;
    boolean base64 = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      switch (name) {
        case "version" -> version = text(p, value);
        case "routeKey" -> routeKey = text(p, value);
        case "rawPath" -> rawPath = text(p, value);
        case "rawQueryString" -> rawQueryString = text(p, value);
        case "cookies" -> cookies = strings(p, value);
        case "headers" -> headers = stringMap(p, value);
        case "queryStringParameters" -> query = stringMap(p, value);
        case "requestContext" -> context = value == JsonToken.START_OBJECT ? context(p) : skip(p);
        case "body" -> body = text(p, value);
        case "isBase64Encoded" -> base64 = value == JsonToken.VALUE_TRUE;
        default -> p.skipChildren();
      }
    }
    return new FunctionUrlRequest(
        version, routeKey, rawPath, rawQueryString, cookies, headers, query, context, body, base64);
  }

  private static FunctionUrlRequest.RequestContext context(JsonParser p) throws IOException {
    String accountId = null;
    String apiId = null;
    String domainName = null;
    String domainPrefix = null;
    String requestId = null;
    String routeKey = null;
    String stage = null;
    String time = null;
    Long timeEpoch = null;
    FunctionUrlRequest.Http http = null;
    FunctionUrlRequest.Authorizer authorizer = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      switch (name) {
        case "accountId" -> accountId = text(p, value);
        case "apiId" -> apiId = text(p, value);
        case "domainName" -> domainName = text(p, value);
        case "domainPrefix" -> domainPrefix = text(p, value);
        case "requestId" -> requestId = text(p, value);
        case "routeKey" -> routeKey = text(p, value);
        case "stage" -> stage = text(p, value);
        case "time" -> time = text(p, value);
        case "timeEpoch" -> timeEpoch = value == JsonToken.VALUE_NULL ? null : p.getValueAsLong();
        case "http" -> http = value == JsonToken.START_OBJECT ? http(p) : skip(p);
        case "authorizer" -> authorizer = value == JsonToken.START_OBJECT ? authorizer(p) : skip(p);
        default -> p.skipChildren();
      }
    }
    return new FunctionUrlRequest.RequestContext(
        accountId,
        apiId,
        domainName,
        domainPrefix,
        requestId,
        routeKey,
        stage,
        time,
        timeEpoch,
        http,
        authorizer);
  }

  private static FunctionUrlRequest.Http http(JsonParser p) throws IOException {
    String method = null;
    String path = null;
    String protocol = null;
    String sourceIp = null;
    String userAgent = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      switch (name) {
        case "method" -> method = text(p, value);
        case "path" -> path = text(p, value);
        case "protocol" -> protocol = text(p, value);
        case "sourceIp" -> sourceIp = text(p, value);
        case "userAgent" -> userAgent = text(p, value);
        default -> p.skipChildren();
      }
    }
    return new FunctionUrlRequest.Http(method, path, protocol, sourceIp, userAgent);
  }

  private static FunctionUrlRequest.Authorizer authorizer(JsonParser p) throws IOException {
    FunctionUrlRequest.Iam iam = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      if ("iam".equals(name) && value == JsonToken.START_OBJECT) {
        iam = iam(p);
      } else {
        p.skipChildren();
      }
    }
    return new FunctionUrlRequest.Authorizer(iam);
  }

  private static FunctionUrlRequest.Iam iam(JsonParser p) throws IOException {
    String accessKey = null;
    String accountId = null;
    String callerId = null;
    Object cognitoIdentity = null;
    String principalOrgId = null;
    String userArn = null;
    String userId = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      switch (name) {
        case "accessKey" -> accessKey = text(p, value);
        case "accountId" -> accountId = text(p, value);
        case "callerId" -> callerId = text(p, value);
        case "cognitoIdentity" ->
            cognitoIdentity =
                value == JsonToken.VALUE_NULL
                    ? null
                    : Json.mapper()
                        .readerFor(Object.class)
                        .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                        .readValue(p);
        case "principalOrgId" -> principalOrgId = text(p, value);
        case "userArn" -> userArn = text(p, value);
        case "userId" -> userId = text(p, value);
        default -> p.skipChildren();
      }
    }
    return new FunctionUrlRequest.Iam(
        accessKey, accountId, callerId, cognitoIdentity, principalOrgId, userArn, userId);
  }

  private static <T> T skip(JsonParser p) throws IOException {
    p.skipChildren();
    return null;
  }

  private static String text(JsonParser p, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return null;
    }
    if (value.isScalarValue()) {
      return p.getValueAsString();
    }
    throw new IOException("expected a string at " + p.currentName());
  }

  private static List<String> strings(JsonParser p, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return null;
    }
    if (value != JsonToken.START_ARRAY) {
      throw new IOException("expected an array of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      out.add(text(p, t));
    }
    return out;
  }

  private static Map<String, String> stringMap(JsonParser p, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return null;
    }
    if (value != JsonToken.START_OBJECT) {
      throw new IOException("expected an object of strings");
    }
    Map<String, String> out = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      out.put(key, text(p, p.nextToken()));
    }
    return out;
  }
}
