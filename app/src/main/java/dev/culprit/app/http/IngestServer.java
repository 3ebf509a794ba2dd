package dev.culprit.app.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.culprit.model.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP receivers for the formats users already emit (Alertmanager webhooks, OTLP/HTTP, Zipkin).
 * Each accepted payload is written to its raw topic and answered 200 only once the write is
 * acknowledged. Answers: 400 with a JSON error for a payload its route rejects, 401 without the
 * configured bearer token, 413 past the body limit or for a payload Kafka will never take, 429 with
 * {@code Retry-After} when a path already serves its most concurrent requests, 404/405 for unknown
 * paths and methods, 503 when the write fails in a way a retry may fix. {@code GET /health} answers
 * 200 without authentication. {@link Endpoint}s answer requests themselves, after the same method,
 * token, concurrency and body-size checks (with their own body limit).
 */
public final class IngestServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IngestServer.class);

  /**
   * Server settings.
   *
   * @param port the port (0 for a free one)
   * @param bearerToken the token clients must send as {@code Authorization: Bearer ...}, or null
   * @param maxBodyBytes the largest body accepted
   * @param writeTimeout how long a write may take, start to acknowledgement, before the request
   *     fails
   * @param bindAddress the address to listen on ({@code 127.0.0.1} by default; {@code 0.0.0.0} for
   *     every interface)
   * @param maxConcurrent how many requests each path serves at once; more are answered 429, unread,
   *     so at most this many bodies per path are held in memory
   */
  public record Config(
      int port,
      String bearerToken,
      int maxBodyBytes,
      Duration writeTimeout,
      String bindAddress,
      int maxConcurrent) {
    public static final String LOOPBACK = "127.0.0.1";
    public static final int DEFAULT_MAX_CONCURRENT = 8;

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
      bearerToken = bearerToken == null || bearerToken.isBlank() ? null : bearerToken;
      bindAddress = bindAddress == null || bindAddress.isBlank() ? LOOPBACK : bindAddress;
    }

    /** Listening on loopback, {@link #DEFAULT_MAX_CONCURRENT} requests per path. */
    public Config(int port, String bearerToken, int maxBodyBytes, Duration writeTimeout) {
      this(port, bearerToken, maxBodyBytes, writeTimeout, LOOPBACK, DEFAULT_MAX_CONCURRENT);
    }

    /** Port 8080 on loopback, no token, 8 MiB bodies, 10 s writes, 8 requests per path. */
    public static Config defaults() {
      return new Config(8080, null, 8 << 20, Duration.ofSeconds(10));
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final Config config;
  private final RawSink sink;
  private final Map<String, Semaphore> permits = new HashMap<>();

  private IngestServer(HttpServer server, ExecutorService executor, Config config, RawSink sink) {
    this.server = server;
    this.executor = executor;
    this.config = config;
    this.sink = sink;
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
    HttpServer http =
        HttpServer.create(new InetSocketAddress(config.bindAddress(), config.port()), 64);
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    http.setExecutor(executor);
    IngestServer s = new IngestServer(http, executor, config, sink);
    Map<String, Route> byPath = new HashMap<>();
    routes.forEach(r -> byPath.put(r.path(), r));
    Map<String, Endpoint> endpointsByPath = new HashMap<>();
    endpoints.forEach(e -> endpointsByPath.put(e.path(), e));
    byPath.keySet().forEach(p -> s.permits.put(p, new Semaphore(config.maxConcurrent())));
    endpointsByPath.keySet().forEach(p -> s.permits.put(p, new Semaphore(config.maxConcurrent())));
    http.createContext("/", exchange -> s.handle(exchange, byPath, endpointsByPath));
    http.start();
    LOG.info("Ingest HTTP server listening on {}:{}", config.bindAddress(), s.port());
    return s;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange ex, Map<String, Route> routes, Map<String, Endpoint> endpoints)
      throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      if (path.equals("/health")) {
        respond(ex, 200, "{\"status\":\"ok\"}");
        return;
      }
      Semaphore permit = permits.get(path);
      if (permit != null && !permit.tryAcquire()) {
        ex.getResponseHeaders().add("Retry-After", "1");
        error(ex, 429, "too many concurrent requests to " + path);
        return;
      }
      try {
        dispatch(ex, path, routes, endpoints);
      } finally {
        if (permit != null) {
          permit.release();
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("Failed to handle {} {}", ex.getRequestMethod(), ex.getRequestURI(), e);
    }
  }

  private void dispatch(
      HttpExchange ex, String path, Map<String, Route> routes, Map<String, Endpoint> endpoints)
      throws IOException {
    if (endpoints.containsKey(path)) {
      serve(ex, endpoints.get(path));
      return;
    }
    Route route = routes.get(path);
    if (route == null) {
      error(ex, 404, "no such endpoint: " + path);
    } else if (!ex.getRequestMethod().equals("POST")) {
      ex.getResponseHeaders().add("Allow", "POST");
      error(ex, 405, "use POST");
    } else if (!authorized(ex)) {
      ex.getResponseHeaders().add("WWW-Authenticate", "Bearer");
      error(ex, 401, "missing or wrong bearer token");
    } else {
      accept(ex, route);
    }
  }

  private void serve(HttpExchange ex, Endpoint endpoint) throws IOException {
    if (!endpoint.methods().contains(ex.getRequestMethod())) {
      String allowed = String.join(", ", new TreeSet<>(endpoint.methods()));
      ex.getResponseHeaders().add("Allow", allowed);
      error(ex, 405, "use " + allowed);
    } else if (endpoint.tokenRequired() && !authorized(ex)) {
      ex.getResponseHeaders().add("WWW-Authenticate", "Bearer");
      error(ex, 401, "missing or wrong bearer token");
    } else {
      int limit = Math.min(endpoint.maxBodyBytes(), config.maxBodyBytes());
      byte[] body = readLimited(ex.getRequestBody(), limit);
      if (body == null) {
        error(ex, 413, "body larger than " + limit + " bytes");
      } else {
        endpoint.handler().handle(ex, body);
      }
    }
  }

  private boolean authorized(HttpExchange ex) {
    return config.bearerToken() == null || hasBearer(ex, config.bearerToken());
  }

  /** Whether the request carries {@code Authorization: Bearer token} (compared in fixed time). */
  static boolean hasBearer(HttpExchange ex, String token) {
    String header = ex.getRequestHeaders().getFirst("Authorization");
    String expected = "Bearer " + token;
    return header != null
        && MessageDigest.isEqual(
            header.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }

  private void accept(HttpExchange ex, Route route) throws IOException {
    byte[] body = readLimited(ex.getRequestBody(), config.maxBodyBytes());
    if (body == null) {
      error(ex, 413, "body larger than " + config.maxBodyBytes() + " bytes");
      return;
    }
    String contentType = ex.getRequestHeaders().getFirst("Content-Type");
    String problem = route.validator().problem(body, contentType);
    if (problem != null) {
      error(ex, 400, problem);
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
    respond(ex, 200, "{\"status\":\"accepted\"}");
  }

  /** The body, or null when it is longer than {@code limit}. */
  static byte[] readLimited(InputStream in, int limit) throws IOException {
    byte[] bytes = in.readNBytes(limit + 1);
    return bytes.length > limit ? null : bytes;
  }

  static void error(HttpExchange ex, int status, String message) throws IOException {
    ObjectNode n = Json.mapper().createObjectNode();
    n.put("status", status);
    n.put("error", message);
    respond(ex, status, n.toString());
  }

  static void respond(HttpExchange ex, int status, String json) throws IOException {
    send(ex, status, "application/json", json);
  }

  static void send(HttpExchange ex, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", contentType);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(1);
    executor.shutdownNow();
  }
}
