package dev.mcplambda.local.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One request/response of an {@link Http11Server} connection. The status line and headers are
 * buffered with the body: they leave with the first {@code flush()} of the body or at {@link
 * #close}, so a short response goes out in one write.
 */
final class Http11Exchange extends HttpExchange {

  private final Http11Connection connection;
  private final RequestHead head;
  private final RequestBody requestBody;
  private final HttpContext context;
  private final Headers responseHeaders = new Headers();
  private Map<String, Object> attributes;
  private int responseCode = -1;
  private ResponseBody responseBody;
  private boolean closeConnection;
  private boolean closed;

  Http11Exchange(
      Http11Connection connection, RequestHead head, RequestBody requestBody, HttpContext context) {
    this.connection = connection;
    this.head = head;
    this.requestBody = requestBody;
    this.context = context;
    this.closeConnection = head.wantsClose();
  }

  @Override
  public Headers getRequestHeaders() {
    return head.headers();
  }

  @Override
  public Headers getResponseHeaders() {
    return responseHeaders;
  }

  @Override
  public URI getRequestURI() {
    return head.uri();
  }

  @Override
  public String getRequestMethod() {
    return head.method();
  }

  @Override
  public HttpContext getHttpContext() {
    return context;
  }

  @Override
  public InputStream getRequestBody() {
    return requestBody;
  }

  @Override
  public OutputStream getResponseBody() {
    if (responseBody == null) {
      throw new IllegalStateException("sendResponseHeaders() must be called first");
    }
    return responseBody;
  }

  /**
   * @param responseLength {@code > 0} that many bytes follow, {@code 0} a chunked body of any
   *     length, {@code -1} no body
   */
  @Override
  public synchronized void sendResponseHeaders(int rCode, long responseLength) throws IOException {
    if (responseBody != null) {
      throw new IOException("the response headers were already sent");
    }
    if (rCode < 100 || rCode > 999) {
      throw new IllegalArgumentException("bad status " + rCode);
    }
    responseCode = rCode;
    boolean noBody = rCode < 200 || rCode == 204 || rCode == 304 || head.method().equals("HEAD");
    String connectionHeader = responseHeaders.getFirst("Connection");
    if (connectionHeader != null && connectionHeader.equalsIgnoreCase("close")) {
      closeConnection = true;
    }
    ResponseBody.Mode mode;
    long length;
    String framing;
    if (responseLength < 0 || (noBody && responseLength == 0)) {
      mode = ResponseBody.Mode.NONE;
      length = 0;
      framing = rCode < 200 || rCode == 204 || rCode == 304 ? null : "Content-Length: 0";
    } else if (responseLength == 0) {
      if (head.protocol().equals("HTTP/1.0")) {
        // no chunked encoding in HTTP/1.0: the body ends when the connection does
        mode = ResponseBody.Mode.FIXED;
        length = Long.MAX_VALUE;
        framing = null;
        closeConnection = true;
      } else {
        mode = ResponseBody.Mode.CHUNKED;
        length = 0;
        framing = "Transfer-Encoding: chunked";
      }
    } else {
      mode = noBody ? ResponseBody.Mode.NONE : ResponseBody.Mode.FIXED;
      length = responseLength;
      framing = "Content-Length: " + responseLength;
    }
    if (!requestBody.finished() && !closeConnection) {
      // a handler that answers before reading the body: read the rest now (small bodies) so the
      // connection stays usable, else close it after the response
      requestBody.reopenForDrain();
      if (!requestBody.drain(Http11Server.DRAIN_LIMIT)) {
        closeConnection = true;
      }
    }
    responseHeaders.remove("Connection");
    responseHeaders.remove("Content-Length");
    responseHeaders.remove("Transfer-Encoding");
    connection.writeHead(rCode, responseHeaders, framing, closeConnection);
    responseBody = new ResponseBody(connection.output(), mode, length);
  }

  @Override
  public InetSocketAddress getRemoteAddress() {
    return connection.remoteAddress();
  }

  @Override
  public int getResponseCode() {
    return responseCode;
  }

  @Override
  public InetSocketAddress getLocalAddress() {
    return connection.localAddress();
  }

  @Override
  public String getProtocol() {
    return head.protocol();
  }

  @Override
  public Object getAttribute(String name) {
    return attributes == null ? null : attributes.get(name);
  }

  @Override
  public void setAttribute(String name, Object value) {
    if (attributes == null) {
      attributes = new HashMap<>();
    }
    if (value == null) {
      attributes.remove(name);
    } else {
      attributes.put(name, value);
    }
  }

  @Override
  public void setStreams(InputStream i, OutputStream o) {
    throw new UnsupportedOperationException("filters are not supported");
  }

  @Override
  public HttpPrincipal getPrincipal() {
    return null;
  }

  /**
   * Ends the exchange: completes the response body and leaves the request body's rest for the
   * connection. Without a response sent, the connection is closed (as the JDK server does).
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (responseBody == null) {
      closeConnection = true;
      return;
    }
    try {
      responseBody.close();
    } catch (IOException e) {
      closeConnection = true;
    }
  }

  /** Whether the connection must close after this exchange. */
  synchronized boolean closesConnection() {
    return closeConnection || !requestBody.finished();
  }

  boolean responseStarted() {
    return responseBody != null;
  }

  RequestBody requestBody() {
    return requestBody;
  }

  /** The request header values of {@code name} (tests). */
  List<String> requestHeader(String name) {
    return head.headers().get(name);
  }
}
