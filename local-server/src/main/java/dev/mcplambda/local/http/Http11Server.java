package dev.mcplambda.local.http;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP/1.1 server for the local server's planes and function host, behind the JDK's {@code
 * com.sun.net.httpserver} API: one thread per connection runs the keep-alive loop and the handler
 * (blocking sockets, {@code TCP_NODELAY}), so a request costs one wake-up of the thread that serves
 * it. The JDK's {@code HttpServer} hands every request from a selector thread to an executor and
 * the connection back to the selector afterwards; on one core that was most of a {@code
 * tools/call}'s time.
 *
 * <p>Serves HTTP/1.1 and 1.0: {@code Content-Length} and {@code chunked} request bodies, {@code
 * Expect: 100-continue}, fixed-length and chunked responses; a request head is capped ({@link
 * #maxHeaderBytes}, else 431); malformed heads and framing get a 4xx and the connection closes;
 * connections over {@link #maxConnections} get 503. Filters and authenticators of the JDK API are
 * not supported (the handlers authenticate themselves).
 */
public final class Http11Server extends HttpServer {

  private static final Logger LOG = LoggerFactory.getLogger(Http11Server.class);

  /** Unread request-body bytes the server reads away to keep a connection (or close it cleanly). */
  static final long DRAIN_LIMIT = 64 * 1024;

  static final int DEFAULT_MAX_HEADER_BYTES = 64 * 1024;
  static final int DEFAULT_MAX_CONNECTIONS = 1024;
  static final int DEFAULT_IDLE_TIMEOUT_MILLIS = 60_000;

  private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

  private final String name;
  private final int maxHeaderBytes;
  private final int maxConnections;
  private final int idleTimeoutMillis;
  private final ThreadFactory threads;
  private final CopyOnWriteArrayList<Http11Context> contexts = new CopyOnWriteArrayList<>();
  private final Set<Http11Connection> connections = ConcurrentHashMap.newKeySet();
  private final AtomicInteger open = new AtomicInteger();
  private ServerSocket socket;
  private Thread acceptor;
  private Thread sweeper;
  private volatile boolean stopped;
  private volatile long dateSecond;
  private volatile String date;

  /**
   * @param name for thread names ({@code http-<name>-accept}, {@code http-<name>-<n>})
   * @param threads runs each connection (see {@link #connectionThreads})
   */
  public Http11Server(
      String name,
      int maxHeaderBytes,
      int maxConnections,
      int idleTimeoutMillis,
      ThreadFactory threads) {
    this.name = name;
    this.maxHeaderBytes = maxHeaderBytes;
    this.maxConnections = maxConnections;
    this.idleTimeoutMillis = idleTimeoutMillis;
    this.threads = threads;
  }

  /** Defaults: 64 KiB request heads, 1,024 connections, 60 s idle, {@link #connectionThreads}. */
  public static Http11Server create(String name, InetSocketAddress address, int backlog)
      throws IOException {
    Http11Server server =
        new Http11Server(
            name,
            DEFAULT_MAX_HEADER_BYTES,
            DEFAULT_MAX_CONNECTIONS,
            DEFAULT_IDLE_TIMEOUT_MILLIS,
            connectionThreads(name, Runtime.version().feature()));
    server.bind(address, backlog);
    return server;
  }

  /**
   * Threads for connections: virtual threads from JDK 24 on, platform daemon threads before. With
   * one thread per connection, virtual threads cost fewer kernel context switches per request (one
   * carrier per core runs the connection, the Invoke client and the function host's side) and leave
   * the JIT its share of a busy core: a {@code tools/call} through the function host ran 1.7–3× the
   * requests per second of platform threads on one core (docs/performance.md). Before JDK 24 a
   * virtual thread that blocks inside {@code synchronized} code (a streamed write, a hosted
   * handler) pins its carrier (JEP 491 lifted that), so older JDKs keep platform threads.
   */
  static ThreadFactory connectionThreads(String name, int jdkFeature) {
    String prefix = "http-" + name + "-";
    return jdkFeature >= 24
        ? Thread.ofVirtual().name(prefix, 0).factory()
        : Thread.ofPlatform().daemon().name(prefix, 0).factory();
  }

  @Override
  public void bind(InetSocketAddress addr, int backlog) throws IOException {
    if (socket != null) {
      throw new IllegalStateException("already bound");
    }
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(addr, backlog <= 0 ? 128 : backlog);
    socket = s;
  }

  @Override
  public void start() {
    if (socket == null) {
      throw new IllegalStateException("not bound");
    }
    if (acceptor != null) {
      throw new IllegalStateException("already started");
    }
    acceptor = Thread.ofPlatform().daemon().name("http-" + name + "-accept").start(this::accept);
    sweeper = Thread.ofPlatform().daemon().name("http-" + name + "-idle").start(this::sweep);
  }

  /** Closes connections whose peer has sent nothing for the idle timeout (checked each second). */
  private void sweep() {
    long limit = idleTimeoutMillis * 1_000_000L;
    long tick = Math.max(10, Math.min(1000, idleTimeoutMillis / 4));
    while (!stopped) {
      try {
        Thread.sleep(tick);
      } catch (InterruptedException e) {
        return;
      }
      long now = System.nanoTime();
      for (Http11Connection c : connections) {
        if (c.waitingLongerThan(limit, now)) {
          LOG.trace("closing an idle connection");
          c.close();
        }
      }
    }
  }

  private void accept() {
    while (!stopped) {
      Socket client;
      try {
        client = socket.accept();
      } catch (IOException e) {
        if (!stopped) {
          LOG.warn("accept failed: {}", e.toString());
          try {
            Thread.sleep(10); // e.g. out of file descriptors: do not spin
          } catch (InterruptedException ie) {
            return;
          }
        }
        continue;
      }
      if (open.incrementAndGet() > maxConnections) {
        open.decrementAndGet();
        refuseBusy(client);
        continue;
      }
      Http11Connection connection = new Http11Connection(this, client);
      connections.add(connection);
      if (stopped) {
        connection.close();
        closed(connection);
        continue;
      }
      try {
        threads.newThread(connection).start();
      } catch (RuntimeException | OutOfMemoryError e) {
        LOG.warn("no thread for a connection: {}", e.toString());
        connection.close();
        closed(connection);
      }
    }
  }

  private static void refuseBusy(Socket client) {
    try (client) {
      OutputStream out = client.getOutputStream();
      out.write(
          ("HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
                  + "Content-Length: 39\r\nConnection: close\r\n\r\n"
                  + "{\"message\":\"too many open connections\"}")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
    } catch (IOException e) {
      LOG.trace("refusing a connection: {}", e.toString());
    }
  }

  void closed(Http11Connection connection) {
    if (connections.remove(connection)) {
      open.decrementAndGet();
    }
  }

  /** The context with the longest path prefix of {@code path}, or {@code null}. */
  Http11Context contextFor(String path) {
    Http11Context best = null;
    String p = path == null ? "/" : path;
    for (Http11Context c : contexts) {
      if (p.startsWith(c.getPath())
          && (best == null || c.getPath().length() > best.getPath().length())) {
        best = c;
      }
    }
    return best;
  }

  int maxHeaderBytes() {
    return maxHeaderBytes;
  }

  int idleTimeoutMillis() {
    return idleTimeoutMillis;
  }

  /** The {@code Date} header value, formatted once per second. */
  String date() {
    long now = System.currentTimeMillis() / 1000;
    String d = date;
    if (d == null || now != dateSecond) {
      d = HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC));
      date = d;
      dateSecond = now;
    }
    return d;
  }

  /** Connections are served by this server's own threads; an executor cannot be set. */
  @Override
  public void setExecutor(Executor executor) {
    throw new UnsupportedOperationException("connections run on the server's own threads");
  }

  @Override
  public Executor getExecutor() {
    return null;
  }

  /** Stops accepting and closes every connection (requests in flight end with an I/O error). */
  @Override
  public void stop(int delay) {
    stopped = true;
    try {
      if (socket != null) {
        socket.close();
      }
    } catch (IOException e) {
      LOG.trace("closing the listener: {}", e.toString());
    }
    for (Http11Connection c : connections) {
      c.close();
    }
    if (sweeper != null) {
      sweeper.interrupt();
    }
    if (acceptor != null) {
      try {
        acceptor.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public HttpContext createContext(String path, HttpHandler handler) {
    if (path == null || !path.startsWith("/")) {
      throw new IllegalArgumentException("a context path starts with /");
    }
    for (Http11Context c : contexts) {
      if (c.getPath().equals(path)) {
        throw new IllegalArgumentException("context " + path + " already exists");
      }
    }
    Http11Context context = new Http11Context(path, handler, this);
    contexts.add(context);
    return context;
  }

  @Override
  public HttpContext createContext(String path) {
    return createContext(path, null);
  }

  @Override
  public void removeContext(String path) {
    if (!contexts.removeIf(c -> c.getPath().equals(path))) {
      throw new IllegalArgumentException("no context " + path);
    }
  }

  @Override
  public void removeContext(HttpContext context) {
    if (!contexts.remove(context)) {
      throw new IllegalArgumentException("not a context of this server");
    }
  }

  @Override
  public InetSocketAddress getAddress() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }
}
