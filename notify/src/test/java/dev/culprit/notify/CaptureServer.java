package dev.culprit.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.culprit.model.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A local webhook that checks each body is JSON whose {@code key} equals the {@code
 * Idempotency-Key} header, records every request and every accepted key, and answers from a script
 * (then 200).
 */
final class CaptureServer implements AutoCloseable {
  /** How to answer one request. */
  sealed interface Reply {}

  record Status(int code) implements Reply {}

  /** 429 with the Retry-After header the function computes from the test clock's now. */
  record TooMany(Function<Instant, String> retryAfter) implements Reply {}

  /** Waits this long, then answers 200 (the client has usually given up). */
  record Hang(long millis) implements Reply {}

  record Request(String key, JsonNode body, Instant at) {}

  private final HttpServer server;
  private final Sleeper clock;
  private final Queue<Reply> script = new ConcurrentLinkedQueue<>();
  private volatile Reply always;
  final List<Request> requests = new CopyOnWriteArrayList<>();
  final List<String> accepted = new CopyOnWriteArrayList<>();
  final List<String> invalid = new CopyOnWriteArrayList<>();

  CaptureServer(Sleeper clock) throws IOException {
    this.clock = clock;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/hook", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook/s3cr3t-path";
  }

  CaptureServer then(Reply... replies) {
    script.addAll(List.of(replies));
    return this;
  }

  CaptureServer always(Reply reply) {
    this.always = reply;
    return this;
  }

  /** Distinct keys accepted, in first-acceptance order. */
  List<String> uniqueAccepted() {
    return new ArrayList<>(new java.util.LinkedHashSet<>(accepted));
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String key = ex.getRequestHeaders().getFirst("Idempotency-Key");
      JsonNode body;
      try {
        body = Json.mapper().readTree(ex.getRequestBody().readAllBytes());
      } catch (IOException e) {
        body = null;
      }
      requests.add(new Request(key, body, clock.now()));
      if (key == null || body == null || !key.equals(body.path("key").asText())) {
        invalid.add(String.valueOf(key));
        ex.sendResponseHeaders(400, -1);
        return;
      }
      Reply r = always != null ? always : script.poll();
      switch (r) {
        case null -> ok(ex, key);
        case Status s when s.code() < 300 -> ok(ex, key);
        case Status s -> ex.sendResponseHeaders(s.code(), -1);
        case TooMany t -> {
          ex.getResponseHeaders().add("Retry-After", t.retryAfter().apply(clock.now()));
          ex.sendResponseHeaders(429, -1);
        }
        case Hang h -> {
          try {
            Thread.sleep(h.millis());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
          ok(ex, key);
        }
      }
    }
  }

  private void ok(HttpExchange ex, String key) throws IOException {
    accepted.add(key);
    ex.sendResponseHeaders(200, -1);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
