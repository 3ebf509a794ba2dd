package dev.culprit.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.culprit.model.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.VirtualThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP receivers for the formats users already emit (Alertmanager webhooks, OTLP/HTTP, Zipkin), on
 * Jetty. Each accepted payload is written to its raw topic and answered 200 only once the write is
 * acknowledged. Bodies sent with {@code Content-Encoding: gzip} or {@code deflate} are decoded
 * first, into at most the body limit. Answers: 400 with a JSON error for a payload its route
 * rejects (or a body that is not validly encoded), 401 without the configured bearer token, 413
 * past the body limit (before or after decoding) or for a payload Kafka will never take, 415 for a
 * content type the route does not read or an encoding the server cannot decode, 429 with {@code
 * Retry-After} when a path already serves its most concurrent requests, 404/405 for unknown paths
 * and methods, 503 when the write fails in a way a retry may fix. A connection that sends nothing
 * for the idle timeout (headers or body) is closed. {@code GET /health} answers 200 without
 * authentication. {@link Endpoint}s answer requests themselves, after the same method, token,
 * concurrency, encoding and body-size checks (with their own body limit).
 */
public final class IngestServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IngestServer.class);

  /**
   * Server settings.
   *
   * @param port the port (0 for a free one)
   * @param bearerToken the token clients must send as {@code Authorization: Bearer ...}, or null
   * @param maxBodyBytes the largest body accepted, as sent and as decoded
   * @param writeTimeout how long a write may take, start to acknowledgement, before the request
   *     fails
   * @param bindAddress the address to listen on ({@code 127.0.0.1} by default; {@code 0.0.0.0} for
   *     every interface)
   * @param maxConcurrent how many requests each path serves at once; more are answered 429, unread,
   *     so at most this many bodies per path are held in memory
   * @param idleTimeout how long a connection may send nothing, while its headers or body are due or
   *     between requests, before the server closes it
   */
  public record Config(
      int port,
      String bearerToken,
      int maxBodyBytes,
      Duration writeTimeout,
      String bindAddress,
      int maxConcurrent,
      Duration idleTimeout) {
    public static final String LOOPBACK = "127.0.0.1";
    public static final int DEFAULT_MAX_CONCURRENT = 8;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

    public Config {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("Invalid port: " + port);
      }
      if (maxBodyBytes < 1) {
        throw new IllegalArgumentException("Invalid maxBodyBytes: " + maxBodyBytes);
      }
      if (maxConcurrent < 1) {
        throw new IllegalArgumentException("Invalid maxConcurrent: " + maxConcurrent);
      }
      Objects.requireNonNull(writeTimeout, "writeTimeout");
      idleTimeout = idleTimeout == null ? DEFAULT_IDLE_TIMEOUT : idleTimeout;
      if (idleTimeout.toMillis() < 1) {
        throw new IllegalArgumentException("Invalid idleTimeout: " + idleTimeout);
      }
      bearerToken = bearerToken == null || bearerToken.isBlank() ? null : bearerToken;
      bindAddress = bindAddress == null || bindAddress.isBlank() ? LOOPBACK : bindAddress;
    }

    /** Listening on loopback, {@link #DEFAULT_MAX_CONCURRENT} requests per path, 30 s idle. */
    public Config(int port, String bearerToken, int maxBodyBytes, Duration writeTimeout) {
      this(
          port,
          bearerToken,
          maxBodyBytes,
          writeTimeout,
          LOOPBACK,
          DEFAULT_MAX_CONCURRENT,
          DEFAULT_IDLE_TIMEOUT);
    }

    /** Port 8080 on loopback, no token, 8 MiB bodies, 10 s writes, 8 requests per path. */
    public static Config defaults() {
      return new Config(8080, null, 8 << 20, Duration.ofSeconds(10));
    }
  }

  private final Server server;
  private final ServerConnector connector;
  private final Config config;
  private final RawSink sink;
  private final Map<String, Route> routes = new HashMap<>();
  private final Map<String, Endpoint> endpoints = new HashMap<>();
  private final Map<String, Semaphore> permits = new HashMap<>();
  private final ReceiverObserver observer;

  private IngestServer(Config config, RawSink sink, ReceiverObserver observer) {
    this.config = config;
    this.sink = sink;
    this.observer = observer;
    this.server = new Server(new VirtualThreadPool());
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    this.connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(config.bindAddress());
    connector.setPort(config.port());
    connector.setIdleTimeout(config.idleTimeout().toMillis());
    connector.setAcceptQueueSize(64);
    server.addConnector(connector);
    server.setHandler(
        new Handler.Abstract() {
          @Override
          public boolean handle(Request request, Response response, Callback callback) {
            IngestServer.this.handle(new Exchange(request, response, callback));
            return true;
          }
        });
  }

  /** Starts the server with the given routes. */
  public static IngestServer start(Config config, List<Route> routes, RawSink sink)
      throws IOException {
    return start(config, routes, sink, List.of());
  }

  /** Starts the server with the given routes and endpoints. */
  public static IngestServer start(
      Config config, List<Route> routes, RawSink sink, List<Endpoint> endpoints)
      throws IOException {
    return start(config, routes, sink, endpoints, ReceiverObserver.NONE);
  }

  /**
   * Starts the server with the given routes and endpoints, reporting every answer and every item
   * left out of an accepted payload to {@code observer}.
   */
  public static IngestServer start(
      Config config,
      List<Route> routes,
      RawSink sink,
      List<Endpoint> endpoints,
      ReceiverObserver observer)
      throws IOException {
    IngestServer s = new IngestServer(config, sink, Objects.requireNonNull(observer, "observer"));
    routes.forEach(r -> s.routes.put(r.path(), r));
    endpoints.forEach(e -> s.endpoints.put(e.path(), e));
    s.routes.keySet().forEach(p -> s.permits.put(p, new Semaphore(config.maxConcurrent())));
    s.endpoints.keySet().forEach(p -> s.permits.put(p, new Semaphore(config.maxConcurrent())));
    try {
      s.server.start();
    } catch (Exception e) {
      s.close();
      if (PortInUseException.isBindFailure(e)) {
        throw new PortInUseException("HTTP", config.bindAddress(), config.port(), e);
      }
      if (e instanceof IOException io) {
        throw io;
      }
      throw new IOException("cannot start the HTTP server: " + e.getMessage(), e);
    }
    LOG.info("Ingest HTTP server listening on {}:{}", config.bindAddress(), s.port());
    return s;
  }

  public int port() {
    return connector.getLocalPort();
  }

  private void handle(Exchange ex) {
    try {
      answer(ex);
    } finally {
      String path = ex.path();
      boolean known =
          routes.containsKey(path) || endpoints.containsKey(path) || path.equals("/health");
      observer.answered(known ? path : "other", ex.status());
    }
  }

  private void answer(Exchange ex) {
    try {
      String path = ex.path();
      if (path.equals("/health")) {
        respond(ex, 200, "{\"status\":\"ok\"}");
        return;
      }
      Semaphore permit = permits.get(path);
      if (permit != null && !permit.tryAcquire()) {
        ex.setHeader("Retry-After", "1");
        error(ex, 429, "too many concurrent requests to " + path);
        return;
      }
      try {
        dispatch(ex, path);
      } finally {
        if (permit != null) {
          permit.release();
        }
      }
    } catch (RequestProblem p) {
      error(ex, p.status(), p.getMessage());
    } catch (IOException e) {
      dropped(ex, e);
    } catch (RuntimeException e) {
      LOG.warn("Failed to handle {} {}", ex.method(), ex.path(), e);
      if (!ex.sent()) {
        error(ex, 500, "internal error: " + e.getMessage());
      }
    }
  }

  /**
   * A request whose body could not be read to its end (the client went away, or sent nothing for
   * the idle timeout): one log line, and an answer (408 for the timeout) that closes the connection
   * and that the client may no longer read.
   */
  private void dropped(Exchange ex, IOException e) {
    boolean idle = causedBy(e, TimeoutException.class);
    String why = idle ? "nothing received for " + config.idleTimeout() : String.valueOf(e);
    LOG.warn("Dropped {} {}: {}", ex.method(), ex.path(), why);
    if (!ex.sent()) {
      ex.setHeader("Connection", "close");
      error(ex, idle ? 408 : 400, "request body not received in full: " + why);
    }
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private void dispatch(Exchange ex, String path) throws IOException, RequestProblem {
    if (endpoints.containsKey(path)) {
      serve(ex, endpoints.get(path));
      return;
    }
    Route route = routes.get(path);
    if (route == null) {
      error(ex, 404, "no such endpoint: " + path);
    } else if (!ex.method().equals("POST")) {
      ex.setHeader("Allow", "POST");
      error(ex, 405, "use POST");
    } else if (!authorized(ex)) {
      ex.setHeader("WWW-Authenticate", "Bearer");
      error(ex, 401, "missing or wrong bearer token");
    } else {
      accept(ex, route);
    }
  }

  private void serve(Exchange ex, Endpoint endpoint) throws IOException, RequestProblem {
    if (!endpoint.methods().contains(ex.method())) {
      String allowed = String.join(", ", new TreeSet<>(endpoint.methods()));
      ex.setHeader("Allow", allowed);
      error(ex, 405, "use " + allowed);
    } else if (endpoint.tokenRequired() && !authorized(ex)) {
      ex.setHeader("WWW-Authenticate", "Bearer");
      error(ex, 401, "missing or wrong bearer token");
    } else {
      int limit = Math.min(endpoint.maxBodyBytes(), config.maxBodyBytes());
      endpoint.handler().handle(ex, body(ex, limit));
    }
  }

  private boolean authorized(Exchange ex) {
    return config.bearerToken() == null || hasBearer(ex, config.bearerToken());
  }

  /** Whether the request carries {@code Authorization: Bearer token} (compared in fixed time). */
  static boolean hasBearer(Exchange ex, String token) {
    String header = ex.header("Authorization");
    String expected = "Bearer " + token;
    return header != null
        && MessageDigest.isEqual(
            header.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }

  private void accept(Exchange ex, Route route) throws IOException, RequestProblem {
    String contentType = ex.header("Content-Type");
    String unsupported = route.accepts().problem(contentType, route.path());
    if (unsupported != null) {
      throw new RequestProblem(415, unsupported);
    }
    byte[] body = body(ex, config.maxBodyBytes());
    Route.Check check = route.validator().check(body, contentType);
    if (check.problem() != null) {
      error(ex, 400, check.problem());
      return;
    }
    Map<String, String> headers = new HashMap<>();
    if (contentType != null) {
      headers.put("content-type", contentType);
    }
    headers.put("culprit.received-from", "http " + route.path());
    WriteOutcome failed =
        WriteOutcome.await(() -> sink.write(route.topic(), body, headers), config.writeTimeout());
    if (failed != null) {
      error(ex, failed.status(), failed.message());
      return;
    }
    if (!check.skipped().isEmpty()) {
      observer.deadLettered(route.path(), check.skipped());
    }
    Route.Reply reply = route.replier().reply(check.skipped(), Route.mediaType(contentType));
    ex.send(200, reply.contentType(), reply.body());
  }

  /**
   * The request body, decoded as its {@code Content-Encoding} says, at most {@code limit} bytes
   * both as sent and as decoded.
   */
  private static byte[] body(Exchange ex, int limit) throws IOException, RequestProblem {
    List<ContentEncoding.Coding> codings = ContentEncoding.parse(ex.header("Content-Encoding"));
    if (ex.contentLength() > limit) {
      throw new RequestProblem(413, "body larger than " + limit + " bytes");
    }
    byte[] sent = readLimited(ex.body(), limit);
    if (sent == null) {
      throw new RequestProblem(413, "body larger than " + limit + " bytes");
    }
    return ContentEncoding.decode(sent, codings, limit);
  }

  /** The body, or null when it is longer than {@code limit}. */
  static byte[] readLimited(InputStream in, int limit) throws IOException {
    byte[] bytes = in.readNBytes(limit + 1);
    return bytes.length > limit ? null : bytes;
  }

  static void error(Exchange ex, int status, String message) {
    ObjectNode n = Json.mapper().createObjectNode();
    n.put("status", status);
    n.put("error", message);
    respond(ex, status, n.toString());
  }

  static void respond(Exchange ex, int status, String json) {
    ex.send(status, "application/json", json);
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      LOG.warn("Failed to stop the HTTP server: {}", e.toString());
    }
  }
}
