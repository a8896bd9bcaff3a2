package dev.mcplambda.transport;

import dev.mcplambda.http.FunctionUrlRequest;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds Function URL events for handler tests. */
final class FunctionUrlRequests {

  static final String ALICE = "arn:aws:iam::111122223333:user/alice";
  static final String BOB = "arn:aws:iam::111122223333:user/bob";

  private String method = "POST";
  private String path = "/mcp";
  private final Map<String, String> headers = new LinkedHashMap<>();
  private final Map<String, String> query = new LinkedHashMap<>();
  private String body;
  private boolean base64;
  private String principal = ALICE;

  static FunctionUrlRequests post(String path, String body) {
    FunctionUrlRequests r = new FunctionUrlRequests();
    r.path = path;
    r.body = body;
    r.headers.put("content-type", "application/json");
    r.headers.put("accept", "application/json, text/event-stream");
    return r;
  }

  static FunctionUrlRequests get(String path) {
    FunctionUrlRequests r = new FunctionUrlRequests();
    r.method = "GET";
    r.path = path;
    r.headers.put("accept", "text/event-stream");
    return r;
  }

  static FunctionUrlRequests request(String method, String path) {
    FunctionUrlRequests r = new FunctionUrlRequests();
    r.method = method;
    r.path = path;
    return r;
  }

  /** A 2026-07-28 POST with the standard headers matching the body. */
  static FunctionUrlRequests modern(String method, String name, String body) {
    FunctionUrlRequests r =
        post("/mcp", body)
            .header("mcp-protocol-version", "2026-07-28")
            .header("mcp-method", method);
    if (name != null) {
      r.header("mcp-name", name);
    }
    return r;
  }

  FunctionUrlRequests header(String name, String value) {
    if (value == null) {
      headers.remove(name.toLowerCase(java.util.Locale.ROOT));
    } else {
      headers.put(name.toLowerCase(java.util.Locale.ROOT), value);
    }
    return this;
  }

  FunctionUrlRequests path(String p) {
    this.path = p;
    return this;
  }

  FunctionUrlRequests query(String name, String value) {
    query.put(name, value);
    return this;
  }

  FunctionUrlRequests base64Body(String encoded) {
    this.body = encoded;
    this.base64 = true;
    return this;
  }

  FunctionUrlRequests principal(String arn) {
    this.principal = arn;
    return this;
  }

  FunctionUrlRequest build() {
    String rawQuery =
        String.join(
            "&", query.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    return new FunctionUrlRequest(
        "2.0",
        "$default",
        path,
        rawQuery,
        null,
        Map.copyOf(headers),
        query.isEmpty() ? null : Map.copyOf(query),
        new FunctionUrlRequest.RequestContext(
            "111122223333",
            "abc",
            "abc.lambda-url.us-east-1.on.aws",
            "abc",
            "req-1",
            "$default",
            "$default",
            null,
            null,
            new FunctionUrlRequest.Http(method, path, "HTTP/1.1", "127.0.0.1", "test"),
            principal == null
                ? null
                : new FunctionUrlRequest.Authorizer(
                    new FunctionUrlRequest.Iam(
                        "AKIA", "111122223333", "AIDA", null, null, principal, "AIDA"))),
        body,
        base64);
  }
}
