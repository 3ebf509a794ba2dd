package dev.culprit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.culprit.kafka.EmbeddedKafkaBroker;
import dev.culprit.model.Json;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code culprit run} with a webhook destination in a JVM of its own, killed with SIGKILL after its
 * first notifications and restarted on the same state and broker: every tenant's incident is
 * announced as opened once, no message is sent again under a new key, and at most the one message
 * in flight at the kill arrives twice, with the same {@code Idempotency-Key} so the receiver can
 * drop it.
 */
class KillNineNotifyTest {
  private static final int TENANTS = 8;
  private final HttpClient http = HttpClient.newHttpClient();
  private final long base = Instant.now().getEpochSecond() / 60 * 60 - 30 * 60;
  private int fingerprint;

  @TempDir Path state;
  @TempDir Path settings;

  /** A message the webhook received: its idempotency key and what it says. */
  private record Received(String key, String id, int version, String kind, String scope) {}

  @Test
  void eachNotificationIsSentOnceAcrossAKillAndARestart() throws Exception {
    List<Received> received = new ArrayList<>();
    HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    hook.createContext(
        "/hook",
        exchange -> {
          JsonNode body = Json.mapper().readTree(exchange.getRequestBody());
          synchronized (received) {
            received.add(
                new Received(
                    exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                    body.path("id").asText(),
                    body.path("version").asInt(),
                    body.path("kind").asText(),
                    body.path("scope").asText()));
          }
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    hook.start();
    String url = "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook";
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
      RunProcess first = start(broker, state, url, "kill-nine-notify-first");
      for (int minute = 0; minute < 5; minute++) {
        for (int t = 0; t < TENANTS / 2; t++) {
          post(first.port(), "tenant-" + t, minute);
        }
      }
      awaitReceived(received, 1, Duration.ofMinutes(2));
      first.process().destroyForcibly();
      assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
      int beforeRestart;
      synchronized (received) {
        beforeRestart = received.size();
      }
      RunProcess second = start(broker, state, url, "kill-nine-notify-second");
      try {
        for (int minute = 5; minute < 12; minute++) {
          for (int t = 0; t < TENANTS; t++) {
            post(second.port(), "tenant-" + t, minute);
          }
        }
        awaitQuiet(received, TENANTS, Duration.ofMinutes(3));
      } finally {
        second.process().destroy();
        second.process().waitFor(60, TimeUnit.SECONDS);
      }
      List<Received> all;
      synchronized (received) {
        all = List.copyOf(received);
      }
      assertThat(beforeRestart).as("notifications before the kill").isPositive();
      Map<String, Received> byKey = new HashMap<>();
      int repeats = 0;
      for (Received r : all) {
        Received earlier = byKey.putIfAbsent(r.key(), r);
        if (earlier != null) {
          assertThat(r).as("a repeated key repeats its message").isEqualTo(earlier);
          repeats++;
        }
      }
      assertThat(repeats).as("messages sent twice (the one in flight at the kill)").isLessThan(2);
      Map<String, Long> versions = new HashMap<>();
      for (Received r : byKey.values()) {
        versions.merge(r.id() + " v" + r.version(), 1L, Long::sum);
      }
      assertThat(versions.values()).as("each incident version under one key").containsOnly(1L);
      Map<String, Long> opened = new HashMap<>();
      byKey.values().stream()
          .filter(r -> r.kind().equals("opened"))
          .forEach(r -> opened.merge(r.scope(), 1L, Long::sum));
      List<String> tenants = new ArrayList<>();
      for (int t = 0; t < TENANTS; t++) {
        tenants.add("tenant-" + t);
      }
      assertThat(opened.keySet()).containsExactlyInAnyOrderElementsOf(tenants);
      assertThat(opened.values()).as("each tenant's incident opened once").containsOnly(1L);
    } finally {
      hook.stop(0);
    }
  }

  private void post(int port, String tenant, int minute) throws Exception {
    String body =
        """
        {"version":"4","status":"firing","alerts":[{"status":"firing",
         "labels":{"alertname":"Down%d","severity":"critical","service":"svc-%s","tenant":"%s"},
         "annotations":{},"startsAt":"%s","endsAt":"0001-01-01T00:00:00Z","fingerprint":"%016x"}]}
        """
            .formatted(
                minute % 3,
                tenant,
                tenant,
                Instant.ofEpochSecond(base + minute * 60L),
                ++fingerprint);
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/alerts"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
  }

  private static void awaitReceived(List<Received> received, int n, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      synchronized (received) {
        if (received.size() >= n) {
          return;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no notification within " + timeout);
  }

  /** Waits until every tenant has an opened message and nothing arrived for 15 s. */
  private static void awaitQuiet(List<Received> received, int tenants, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int last = -1;
    long quietSince = System.nanoTime();
    while (System.nanoTime() < deadline) {
      int size;
      long scopes;
      synchronized (received) {
        size = received.size();
        scopes =
            received.stream()
                .filter(r -> r.kind().equals("opened"))
                .map(Received::scope)
                .distinct()
                .count();
      }
      if (size != last) {
        last = size;
        quietSince = System.nanoTime();
      } else if (scopes >= tenants
          && System.nanoTime() - quietSince > Duration.ofSeconds(15).toNanos()) {
        return;
      }
      Thread.sleep(500);
    }
  }

  /**
   * The app in its own JVM against the test's broker, notifying {@code hook}; a restart takes over
   * 10 s after a kill.
   */
  private RunProcess start(EmbeddedKafkaBroker broker, Path state, String hook, String name)
      throws Exception {
    return RunProcess.start(
        name,
        broker.bootstrapServers(),
        RunProcess.fastFailover(settings),
        state,
        List.of("--scope-label", "tenant", "--notify", "webhook:" + hook),
        Duration.ofSeconds(120));
  }
}
