package dev.culprit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.culprit.model.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code culprit run} with no cluster named: it starts its own broker under {@code --data-dir},
 * turns Alertmanager webhooks into an incident, is ready ({@code /health/ready}), takes a gzipped
 * OTLP/JSON batch as the Collector's {@code otlphttp} exporter sends it (counted on {@code
 * /metrics}), and a second run on the same directory finds the incident it wrote before (the
 * stores' changelogs, like every topic, are in the broker's log under the same directory).
 */
class RunCommandTest {
  private static final List<String> ALERTS =
      List.of(
          "HighErrorRate",
          "HighLatency",
          "PodRestarting",
          "ErrorBudgetBurn",
          "QueueBacklog",
          "SaturationHigh");

  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path data;

  @Test
  void runsOnItsOwnBrokerTakesAWebhookAndAGzippedOtlpBatchAndKeepsTheIncidentsAcrossARestart()
      throws Exception {
    String id;
    try (Running first = Running.start(data)) {
      long minute = Instant.now().getEpochSecond() / 60 * 60 - 600;
      for (int i = 0; i < ALERTS.size(); i++) {
        HttpResponse<String> answer =
            http.send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + first.port + "/api/v1/alerts"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(webhook(i, minute + i * 60L)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      }
      JsonNode incident = first.awaitIncident();
      assertThat(incident.path("rootCauses").toString()).contains("checkout");
      assertThat(get(first.port, "/health/ready").statusCode()).isEqualTo(200);
      HttpResponse<String> otlp =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + first.port + "/v1/metrics"))
                  .header("Content-Type", "application/json")
                  .header("Content-Encoding", "gzip")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(gzip(otlpMetrics(minute))))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(otlp.statusCode()).as(otlp.body()).isEqualTo(200);
      assertThat(get(first.port, "/metrics").body())
          .contains("culprit_http_requests_total{route=\"/v1/metrics\",status=\"200\"} 1.0");
      id = incident.path("id").asText();
      assertThat(first.stop()).isZero();
    }
    assertThat(data.resolve("kafka/meta.properties")).isRegularFile();
    try (Stream<Path> logs = Files.list(data.resolve("kafka"))) {
      assertThat(logs.map(p -> p.getFileName().toString()))
          .contains("culprit.incidents-0")
          .anyMatch(name -> name.matches("culprit-.*-changelog-0"));
    }

    try (Running second = Running.start(data)) {
      assertThat(second.awaitIncident().path("id").asText()).isEqualTo(id);
      assertThat(second.stop()).isZero();
    }
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** An OTLP/JSON metrics batch as the Collector's otlphttp exporter sends it: one gauge point. */
  private static byte[] otlpMetrics(long epochSecond) {
    return """
        {"resourceMetrics":[{"resource":{"attributes":[
          {"key":"service.name","value":{"stringValue":"checkout"}},
          {"key":"k8s.pod.name","value":{"stringValue":"checkout-7d9f-x2k4l"}}]},
         "scopeMetrics":[{"metrics":[{"name":"process.cpu.utilization","unit":"1",
          "gauge":{"dataPoints":[{"timeUnixNano":"%d","asDouble":0.42}]}}]}]}]}
        """
        .formatted(epochSecond * 1_000_000_000L)
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(bytes);
    }
    return out.toByteArray();
  }

  private static String webhook(int i, long startsAt) {
    String name = ALERTS.get(i);
    return """
        {"version":"4","status":"firing","receiver":"culprit","groupLabels":{"alertname":"%s"},
         "commonLabels":{},"commonAnnotations":{},"externalURL":"http://am:9093","alerts":[
          {"status":"firing","labels":{"alertname":"%s","severity":"critical",
           "service":"checkout","pod":"checkout-7d9f-x2k4l","namespace":"shop"},
           "annotations":{"summary":"%s on checkout"},"startsAt":"%s",
           "endsAt":"0001-01-01T00:00:00Z","fingerprint":"%016x"}]}
        """
        .formatted(name, name, name, Instant.ofEpochSecond(startsAt), i + 1);
  }

  /**
   * A {@code culprit run --data-dir DIR --http-port 0 --otlp-grpc-port 0 --broker-port 0} on its
   * own thread.
   */
  private static final class Running implements AutoCloseable {
    private final RunCommand command = new RunCommand();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private int port;

    static Running start(Path data) throws Exception {
      Running r = new Running();
      CommandLine cli = new CommandLine(r.command);
      cli.setOut(new PrintWriter(r.out, true));
      cli.setErr(new PrintWriter(r.err, true));
      Thread.ofPlatform()
          .name("culprit-run-test")
          .start(
              () ->
                  r.exit.complete(
                      cli.execute(
                          "--data-dir",
                          data.toString(),
                          "--broker-port",
                          "0",
                          "--http-port",
                          "0",
                          "--otlp-grpc-port",
                          "0",
                          "--output",
                          "json")));
      r.port = r.command.httpPortBound().get(120, TimeUnit.SECONDS);
      assertThat(r.port).as(r.err.toString()).isPositive();
      return r;
    }

    JsonNode awaitIncident() throws Exception {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (System.nanoTime() < deadline) {
        for (String line : out.toString().split("\n")) {
          if (line.startsWith("{\"type\":\"incident\"")) {
            return Json.mapper().readTree(line);
          }
        }
        Thread.sleep(200);
      }
      throw new AssertionError("no incident within 90 s; stderr: " + err);
    }

    int stop() throws Exception {
      command.stop();
      return exit.get(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
      if (!exit.isDone()) {
        stop();
      }
    }
  }
}
