package dev.mcplambda.local.http;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A path prefix of an {@link Http11Server} and its handler (filters and authenticators unused). */
final class Http11Context extends HttpContext {

  private final String path;
  private final Http11Server server;
  private final Map<String, Object> attributes = new ConcurrentHashMap<>();
  private volatile HttpHandler handler;

  Http11Context(String path, HttpHandler handler, Http11Server server) {
    this.path = path;
    this.handler = handler;
    this.server = server;
  }

  @Override
  public HttpHandler getHandler() {
    return handler;
  }

  @Override
  public void setHandler(HttpHandler handler) {
    if (this.handler != null) {
      throw new IllegalArgumentException("the handler is already set");
    }
    this.handler = handler;
  }

  @Override
  public String getPath() {
    return path;
  }

  @Override
  public HttpServer getServer() {
    return server;
  }

  @Override
  public Map<String, Object> getAttributes() {
    return attributes;
  }

  /** Filters are not run by this server; the list stays empty. */
  @Override
  public List<Filter> getFilters() {
    return List.of();
  }

  @Override
  public Authenticator setAuthenticator(Authenticator auth) {
    throw new UnsupportedOperationException("authenticate in the handler");
  }

  @Override
  public Authenticator getAuthenticator() {
    return null;
  }
}
