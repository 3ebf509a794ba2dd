package dev.culprit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.kafka.EmbeddedKafkaBroker;
import dev.culprit.model.Alert;
import dev.culprit.model.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code culprit run} in a JVM of its own, killed with SIGKILL while webhooks stream in and
 * restarted on the same state: exactly once, every accepted alert is on {@code culprit.alerts}
 * (read committed) once, none twice.
 */
class KillNineTest {
  private static final int ALERTS = 300;
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path state;
  @TempDir Path settings;

  @Test
  void noAlertIsWrittenTwiceAcrossAKillAndARestart() throws Exception {
    Set<String> accepted = new HashSet<>();
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
      RunProcess first = start(broker, state, "kill-nine-first");
      int i = 0;
      for (; i < ALERTS / 2; i++) {
        if (post(first.port(), i)) {
          accepted.add(name(i));
        }
      }
      awaitUncommitted(broker, ALERTS / 4);
      first.process().destroyForcibly();
      assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
      RunProcess second = start(broker, state, "kill-nine-second");
      try {
        for (; i < ALERTS; i++) {
          if (post(second.port(), i)) {
            accepted.add(name(i));
          }
        }
        Map<String, Integer> written = alertsByName(broker, accepted.size());
        assertThat(accepted).hasSizeGreaterThan(ALERTS * 9 / 10);
        assertThat(written.keySet()).containsAll(accepted);
        assertThat(written.values()).as("each alert once").containsOnly(1);
      } finally {
        second.process().destroy();
        second.process().waitFor(60, TimeUnit.SECONDS);
      }
    }
  }

  private static String name(int i) {
    return "Alert" + i;
  }

  private boolean post(int port, int i) {
    String body =
        """
        {"version":"4","status":"firing","alerts":[{"status":"firing",
         "labels":{"alertname":"%s","service":"cart"},"annotations":{},
         "startsAt":"%s","endsAt":"0001-01-01T00:00:00Z","fingerprint":"%016x"}]}
        """
            .formatted(name(i), Instant.now().minusSeconds(60), i + 1);
    try {
      return http.send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/alerts"))
                      .header("Content-Type", "application/json")
                      .timeout(Duration.ofSeconds(20))
                      .POST(HttpRequest.BodyPublishers.ofString(body))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .statusCode()
          == 200;
    } catch (Exception e) {
      return false;
    }
  }

  /**
   * Waits until {@code n} alerts are on {@code culprit.alerts}, committed or not, so that the kill
   * comes while the pipeline is mid-stream.
   */
  private static void awaitUncommitted(EmbeddedKafkaBroker broker, int n) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "kill-nine-watch");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
    int seen = 0;
    try (var consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(Topics.ALERTS.name()));
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (seen < n && System.nanoTime() < deadline) {
        seen += consumer.poll(Duration.ofMillis(100)).count();
      }
    }
    assertThat(seen).as("alerts processed before the kill").isGreaterThanOrEqualTo(n);
  }

  /** Reads {@code culprit.alerts} committed, until {@code n} names arrived and 10 s stay quiet. */
  private static Map<String, Integer> alertsByName(EmbeddedKafkaBroker broker, int n) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "kill-nine-check");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    Map<String, Integer> names = new HashMap<>();
    try (var consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(Topics.ALERTS.name()));
      long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      long quietSince = System.nanoTime();
      while (System.nanoTime() < deadline) {
        var records = consumer.poll(Duration.ofMillis(500));
        for (var r : records) {
          Alert a = (Alert) Topics.ALERTS.valueSerde().deserializer().deserialize("", r.value());
          names.merge(a.name(), 1, Integer::sum);
        }
        if (!records.isEmpty()) {
          quietSince = System.nanoTime();
        } else if (names.size() >= n
            && System.nanoTime() - quietSince > Duration.ofSeconds(10).toNanos()) {
          break;
        }
      }
    }
    return names;
  }

  /** The app in its own JVM against the test's broker; a restart takes over 10 s after a kill. */
  private RunProcess start(EmbeddedKafkaBroker broker, Path state, String name) throws Exception {
    return RunProcess.start(
        name,
        broker.bootstrapServers(),
        RunProcess.fastFailover(settings),
        state,
        List.of(),
        Duration.ofSeconds(120));
  }
}
