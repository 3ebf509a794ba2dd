package dev.culprit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.culprit.correlation.PipelineConfig;
import dev.culprit.http.IngestServer;
import dev.culprit.ingest.format.EntityMapping;
import dev.culprit.kafka.EmbeddedKafkaBroker;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics}, {@code /health/live} and {@code /health/ready} of a live run: readiness follows
 * the Streams application, the scrape names what was served, and Prometheus' own {@code promtool}
 * accepts it (when it is installed).
 */
class MetricsEndpointTest {
  private static final String WEBHOOK =
      """
      {"version":"4","status":"firing","alerts":[{"status":"firing",
       "labels":{"alertname":"HighLatency","service":"cart"},"annotations":{},
       "startsAt":"2026-11-24T10:00:00Z","endsAt":"0001-01-01T00:00:00Z"}]}
      """;

  private final HttpClient http = HttpClient.newHttpClient();
  @TempDir Path state;

  @Test
  void servesHealthAndPrometheusMetricsNamedAsPrometheusAsks() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
        LiveRunner runner =
            LiveRunner.start(
                new LiveRunner.Settings(
                    broker.bootstrapServers(),
                    "culprit-metrics-test",
                    state,
                    1,
                    new IngestServer.Config(0, "s3cret", 1 << 20, Duration.ofSeconds(30)),
                    EntityMapping.defaults(),
                    List.of()),
                PipelineConfig.defaults())) {
      int port = runner.httpPort();
      assertThat(get(port, "/health/live").statusCode()).isEqualTo(200);
      awaitReady(port);
      assertThat(post(port, "/api/v1/alerts", "application/json", WEBHOOK.getBytes()))
          .extracting(HttpResponse::statusCode)
          .isEqualTo(200);
      assertThat(post(port, "/api/v1/alerts", "application/json", "{".getBytes()))
          .extracting(HttpResponse::statusCode)
          .isEqualTo(400);
      assertThat(post(port, "/v1/metrics", "application/x-protobuf", nanPoint()))
          .extracting(HttpResponse::statusCode)
          .isEqualTo(200);
      assertThat(get(port, "/no/such/path").statusCode()).isEqualTo(404);

      HttpResponse<String> scrape = get(port, "/metrics");
      assertThat(scrape.statusCode()).isEqualTo(200);
      assertThat(scrape.headers().firstValue("Content-Type").orElseThrow())
          .startsWith("text/plain; version=0.0.4");
      String text = scrape.body();
      assertThat(text)
          .contains("culprit_http_requests_total{route=\"/api/v1/alerts\",status=\"200\"} 1.0")
          .contains("culprit_http_requests_total{route=\"/api/v1/alerts\",status=\"400\"} 1.0")
          .contains("culprit_http_requests_total{route=\"other\",status=\"404\"} 1.0")
          .contains("culprit_dead_letters_total{reason=\"not_a_number\",route=\"/v1/metrics\"} 1.0")
          .contains("# TYPE culprit_incidents_opened_total counter")
          .contains("jvm_memory_used_bytes{")
          .contains("process_uptime_seconds")
          .containsPattern("(?m)^kafka_stream_[a-z_]+\\{");
      promtoolAccepts(text);
    }
  }

  private void awaitReady(int port) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    HttpResponse<String> last = get(port, "/health/ready");
    while (last.statusCode() != 200 && System.nanoTime() < deadline) {
      assertThat(last.statusCode()).isEqualTo(503);
      assertThat(last.body()).contains("\"status\":\"not ready\"");
      Thread.sleep(200);
      last = get(port, "/health/ready");
    }
    assertThat(last.statusCode()).as(last.body()).isEqualTo(200);
    assertThat(last.body()).isEqualTo("{\"status\":\"ready\",\"pipeline\":\"RUNNING\"}");
  }

  /** {@code promtool check metrics} on the scrape, when Prometheus' tool is on the PATH. */
  private static void promtoolAccepts(String text) throws Exception {
    Path promtool = onPath("promtool");
    assumeThat(promtool).as("promtool is not installed").isNotNull();
    Process p =
        new ProcessBuilder(promtool.toString(), "check", "metrics")
            .redirectErrorStream(true)
            .start();
    try (var in = p.getOutputStream()) {
      in.write(text.getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }

  private static Path onPath(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      File f = new File(dir, name);
      if (f.canExecute()) {
        return f.toPath();
      }
    }
    return null;
  }

  private static byte[] nanPoint() {
    KeyValue service =
        KeyValue.newBuilder()
            .setKey("service.name")
            .setValue(AnyValue.newBuilder().setStringValue("cart"))
            .build();
    long t = System.currentTimeMillis() * 1_000_000L;
    Gauge.Builder gauge =
        Gauge.newBuilder()
            .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(t).setAsDouble(0.5))
            .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(t).setAsDouble(Double.NaN));
    return ExportMetricsServiceRequest.newBuilder()
        .addResourceMetrics(
            ResourceMetrics.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(service))
                .addScopeMetrics(
                    ScopeMetrics.newBuilder()
                        .addMetrics(Metric.newBuilder().setName("cpu").setGauge(gauge))))
        .build()
        .toByteArray();
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(int port, String path, String type, byte[] body)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", type)
            .header("Authorization", "Bearer s3cret")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
