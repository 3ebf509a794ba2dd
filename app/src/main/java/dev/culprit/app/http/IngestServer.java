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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP receivers for the formats users already emit (Alertmanager webhooks, OTLP/HTTP, Zipkin).
 * Each accepted payload is written to its raw topic and answered 200 only once the write is
 * acknowledged. Answers: 400 with a JSON error for a payload its route rejects, 401 without the
 * configured bearer token, 413 past the body limit, 404/405 for unknown paths and methods, 503 when
 * the write fails. {@code GET /health} answers 200 without authentication. {@link Endpoint}s answer
 * requests themselves, after the same method, token and body-size checks.
 */
public final class IngestServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IngestServer.class);

  /**
   * Server settings.
   *
   * @param port the port (0 for a free one)
   * @param bearerToken the token clients must send as {@code Authorization: Bearer ...}, or null
   * @param maxBodyBytes the largest body accepted
   * @param writeTimeout how long a write may take before the request fails with 503
   */
  public record Config(int port, String bearerToken, int maxBodyBytes, Duration writeTimeout) {
    public Config {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("Invalid port: " + port);
      }
      if (maxBodyBytes < 1) {
        throw new IllegalArgumentException("Invalid maxBodyBytes: " + maxBodyBytes);
      }
      Objects.requireNonNull(writeTimeout, "writeTimeout");
      bearerToken = bearerToken == null || bearerToken.isBlank() ? null : bearerToken;
    }

    /** Port 8080, no token, 8 MiB bodies, 10 s writes. */
    public static Config defaults() {
      return new Config(8080, null, 8 << 20, Duration.ofSeconds(10));
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final Config config;
  private final RawSink sink;

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
    HttpServer http = HttpServer.create(new InetSocketAddress(config.port()), 64);
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    http.setExecutor(executor);
    IngestServer s = new IngestServer(http, executor, config, sink);
    Map<String, Route> byPath = new HashMap<>();
    routes.forEach(r -> byPath.put(r.path(), r));
    Map<String, Endpoint> endpointsByPath = new HashMap<>();
    endpoints.forEach(e -> endpointsByPath.put(e.path(), e));
    http.createContext("/", exchange -> s.handle(exchange, byPath, endpointsByPath));
    http.start();
    LOG.info("Ingest HTTP server listening on port {}", s.port());
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
    } catch (IOException | RuntimeException e) {
      LOG.warn("Failed to handle {} {}", ex.getRequestMethod(), ex.getRequestURI(), e);
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
      byte[] body = readLimited(ex.getRequestBody(), config.maxBodyBytes());
      if (body == null) {
        error(ex, 413, "body larger than " + config.maxBodyBytes() + " bytes");
      } else {
        endpoint.handler().handle(ex, body);
      }
    }
  }

  private boolean authorized(HttpExchange ex) {
    if (config.bearerToken() == null) {
      return true;
    }
    String header = ex.getRequestHeaders().getFirst("Authorization");
    String expected = "Bearer " + config.bearerToken();
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
    String failed = await(() -> sink.write(route.topic(), body, headers), config.writeTimeout());
    if (failed != null) {
      error(ex, 503, failed);
      return;
    }
    respond(ex, 200, "{\"status\":\"accepted\"}");
  }

  /** Starts a write and waits for it; returns null once it is acknowledged, else why it is not. */
  static String await(Supplier<CompletableFuture<Void>> write, Duration timeout) {
    try {
      write.get().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted while writing to Kafka";
    } catch (TimeoutException e) {
      return "could not write to Kafka: no acknowledgement within " + timeout;
    } catch (ExecutionException e) {
      return "could not write to Kafka: " + e.getCause().getMessage();
    } catch (RuntimeException e) {
      return "could not write to Kafka: " + e.getMessage();
    }
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
