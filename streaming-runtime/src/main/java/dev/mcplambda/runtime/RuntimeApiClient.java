package dev.mcplambda.runtime;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Lambda Runtime API (version 2018-06-01) over plain sockets. Keeps one idle keep-alive
 * connection; a request that fails on a reused connection is sent once more on a fresh one (the
 * environment may have been frozen or snapshotted while it sat idle).
 */
final class RuntimeApiClient {

  static final String BASE = "/2018-06-01/runtime";
  static final String ERROR_TYPE = "Lambda-Runtime-Function-Error-Type";
  static final String ERROR_BODY = "Lambda-Runtime-Function-Error-Body";
  static final String HTTP_INTEGRATION_RESPONSE =
      "application/vnd.awslambda.http-integration-response";

  private static final String USER_AGENT = "mcp-lambda-streaming-runtime/1";

  private final String hostHeader;
  private final String host;
  private final int port;
  private RuntimeApiConnection idle;

  RuntimeApiClient(String hostAndPort) {
    if (hostAndPort == null || hostAndPort.isBlank()) {
      throw new IllegalArgumentException("AWS_LAMBDA_RUNTIME_API is not set");
    }
    this.hostHeader = hostAndPort.trim();
    int colon = hostHeader.lastIndexOf(':');
    if (colon <= 0 || hostHeader.endsWith("]")) {
      this.host = unbracket(hostHeader);
      this.port = 80;
    } else {
      this.host = unbracket(hostHeader.substring(0, colon));
      try {
        this.port = Integer.parseInt(hostHeader.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("AWS_LAMBDA_RUNTIME_API is not host:port", e);
      }
    }
  }

  private static String unbracket(String h) {
    return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
  }

  /** Blocks until Lambda hands out the next event. */
  Invocation next() throws IOException {
    RuntimeApiResponse r = exchange("GET", BASE + "/invocation/next", List.of(), null);
    if (r.status() != 200) {
      throw new IOException("invocation/next answered " + r.status());
    }
    String requestId = r.header("Lambda-Runtime-Aws-Request-Id");
    if (requestId == null || requestId.isBlank()) {
      throw new IOException("invocation/next answered without Lambda-Runtime-Aws-Request-Id");
    }
    return new Invocation(
        requestId,
        parseLong(r.header("Lambda-Runtime-Deadline-Ms")),
        r.header("Lambda-Runtime-Invoked-Function-Arn"),
        r.header("Lambda-Runtime-Trace-Id"),
        r.body());
  }

  /** SnapStart: signals that init (and the before-snapshot hooks) finished; returns on restore. */
  void restoreNext() throws IOException {
    RuntimeApiResponse r = exchange("GET", BASE + "/restore/next", List.of(), null);
    if (r.status() != 200) {
      throw new IOException("restore/next answered " + r.status());
    }
  }

  /** Posts a whole (buffered) response. */
  void postResponse(String requestId, byte[] body, String contentType) throws IOException {
    RuntimeApiResponse r =
        exchange(
            "POST",
            invocationPath(requestId, "response"),
            List.of(Map.entry("Content-Type", contentType)),
            body);
    expectAccepted(r, "response");
  }

  void postInvocationError(String requestId, FunctionError error) throws IOException {
    postError(invocationPath(requestId, "error"), error);
  }

  void postInitError(FunctionError error) throws IOException {
    postError(BASE + "/init/error", error);
  }

  void postRestoreError(FunctionError error) throws IOException {
    postError(BASE + "/restore/error", error);
  }

  private void postError(String path, FunctionError error) throws IOException {
    RuntimeApiResponse r =
        exchange(
            "POST",
            path,
            List.of(
                Map.entry("Content-Type", "application/json"),
                Map.entry(ERROR_TYPE, error.category())),
            error.toJson());
    expectAccepted(r, path.substring(path.lastIndexOf('/') + 1));
  }

  /**
   * Opens {@code POST .../invocation/{id}/response} in streaming mode: the head is written and the
   * returned upload takes the chunked body. Not retried: the body cannot be replayed.
   */
  ChunkedUpload openStreamingResponse(String requestId) throws IOException {
    RuntimeApiConnection c = acquire();
    try {
      c.writeHead(
          "POST",
          invocationPath(requestId, "response"),
          List.of(
              Map.entry("Host", hostHeader),
              Map.entry("User-Agent", USER_AGENT),
              Map.entry("Lambda-Runtime-Function-Response-Mode", "streaming"),
              Map.entry("Transfer-Encoding", "chunked"),
              Map.entry("Content-Type", HTTP_INTEGRATION_RESPONSE),
              Map.entry("Trailer", ERROR_TYPE + ", " + ERROR_BODY)));
      return new ChunkedUpload(c);
    } catch (IOException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  private RuntimeApiResponse exchange(
      String method, String path, List<Map.Entry<String, String>> extra, byte[] body)
      throws IOException {
    RuntimeApiConnection c = acquire();
    boolean reused = c.used();
    try {
      return send(c, method, path, extra, body);
    } catch (IOException e) {
      c.close();
      if (!reused) {
        throw e;
      }
      // a stale keep-alive connection: one more try on a fresh one
      RuntimeApiConnection fresh = RuntimeApiConnection.open(host, port);
      try {
        return send(fresh, method, path, extra, body);
      } catch (IOException again) {
        fresh.close();
        again.addSuppressed(e);
        throw again;
      }
    }
  }

  private RuntimeApiResponse send(
      RuntimeApiConnection c,
      String method,
      String path,
      List<Map.Entry<String, String>> extra,
      byte[] body)
      throws IOException {
    List<Map.Entry<String, String>> headers = new ArrayList<>(extra.size() + 3);
    headers.add(Map.entry("Host", hostHeader));
    headers.add(Map.entry("User-Agent", USER_AGENT));
    headers.addAll(extra);
    if (body != null) {
      headers.add(Map.entry("Content-Length", Integer.toString(body.length)));
    }
    c.writeHead(method, path, headers);
    if (body != null) {
      c.body().write(body);
    }
    c.flush();
    RuntimeApiResponse r = c.readResponse();
    release(c);
    return r;
  }

  synchronized RuntimeApiConnection acquire() throws IOException {
    RuntimeApiConnection c = idle;
    idle = null;
    if (c != null && c.reusable()) {
      return c;
    }
    if (c != null) {
      c.close();
    }
    return RuntimeApiConnection.open(host, port);
  }

  synchronized void release(RuntimeApiConnection c) {
    if (c.reusable() && idle == null) {
      idle = c;
    } else if (idle != c) {
      c.close();
    }
  }

  synchronized void close() {
    if (idle != null) {
      idle.close();
      idle = null;
    }
  }

  static void expectAccepted(RuntimeApiResponse r, String what) throws IOException {
    if (!r.successful()) {
      throw new IOException("Runtime API refused the " + what + " with status " + r.status());
    }
  }

  private static String invocationPath(String requestId, String what) {
    return BASE + "/invocation/" + pathSegment(requestId) + "/" + what;
  }

  /** Request ids are UUIDs; anything outside the URI unreserved set is percent-encoded. */
  static String pathSegment(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (byte x : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      int c = x & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~') {
        b.append((char) c);
      } else {
        b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        b.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return b.toString();
  }

  private static long parseLong(String v) {
    if (v == null) {
      return 0L;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      return 0L;
    }
  }
}
