package dev.culprit.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.ingest.format.EntityMapping;
import dev.culprit.run.LivePipeline;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The live OTLP/HTTP receivers answer in the request's encoding: a protobuf {@code
 * ExportMetricsServiceResponse} for protobuf, OTLP JSON for JSON, with {@code partial_success} when
 * points were left out; other content types are 415.
 */
class OtlpReceiversTest {
  private static final long T = 1_700_000_000_000_000_000L;

  private final List<byte[]> written = new CopyOnWriteArrayList<>();
  private final HttpClient client = HttpClient.newHttpClient();
  private IngestServer server;

  @BeforeEach
  void start() throws Exception {
    RawSink sink =
        (topic, payload, headers) -> {
          written.add(payload);
          return CompletableFuture.completedFuture(null);
        };
    server =
        IngestServer.start(
            new IngestServer.Config(0, null, 1 << 20, Duration.ofSeconds(5)),
            LivePipeline.routes(EntityMapping.defaults()),
            sink);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aProtobufExportIsAnsweredWithAProtobufResponseCountingTheRejectedPoints() throws Exception {
    byte[] request = metrics(0.5, Double.NaN, 0.7).toByteArray();
    HttpResponse<byte[]> r = post("/v1/metrics", "application/x-protobuf", null, request);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/x-protobuf");
    ExportMetricsServiceResponse answer = ExportMetricsServiceResponse.parseFrom(r.body());
    assertThat(answer.hasPartialSuccess()).isTrue();
    assertThat(answer.getPartialSuccess().getRejectedDataPoints()).isEqualTo(1);
    assertThat(answer.getPartialSuccess().getErrorMessage()).contains("NaN");
    assertThat(written).hasSize(1);
  }

  @Test
  void aGzippedProtobufExportOfGoodPointsIsAnsweredWithAnEmptyResponse() throws Exception {
    byte[] request = gzip(metrics(0.5, 0.7).toByteArray());
    HttpResponse<byte[]> r = post("/v1/metrics", "application/x-protobuf", "gzip", request);
    assertThat(r.statusCode()).isEqualTo(200);
    ExportMetricsServiceResponse answer = ExportMetricsServiceResponse.parseFrom(r.body());
    assertThat(answer.hasPartialSuccess()).isFalse();
    assertThat(written).hasSize(1);
    assertThat(ExportMetricsServiceRequest.parseFrom(written.get(0))).isEqualTo(metrics(0.5, 0.7));
  }

  @Test
  void aJsonExportIsAnsweredInOtlpJson() throws Exception {
    String good =
        """
        {"resourceMetrics":[{"resource":{"attributes":[{"key":"service.name",
         "value":{"stringValue":"cart"}}]},"scopeMetrics":[{"metrics":[{"name":"cpu",
         "gauge":{"dataPoints":[{"timeUnixNano":"1700000000000000000","asDouble":0.5}]}}]}]}]}
        """;
    String noValue = good.replace(",\"asDouble\":0.5", "");
    HttpResponse<byte[]> ok =
        post("/v1/metrics", "application/json; charset=utf-8", null, utf8(good));
    HttpResponse<byte[]> partial = post("/v1/metrics", "application/json", null, utf8(noValue));
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(new String(ok.body(), StandardCharsets.UTF_8)).isEqualTo("{}");
    assertThat(partial.statusCode()).isEqualTo(200);
    assertThat(new String(partial.body(), StandardCharsets.UTF_8))
        .startsWith("{\"partialSuccess\":{\"rejectedDataPoints\":\"1\",\"errorMessage\":\"")
        .contains("without a value");
  }

  @Test
  void anExportOfAnotherOrNoContentTypeIs415NamingWhatIsAccepted() throws Exception {
    byte[] request = metrics(0.5).toByteArray();
    HttpResponse<byte[]> text = post("/v1/metrics", "text/plain", null, request);
    HttpResponse<byte[]> untyped = post("/v1/traces", null, null, request);
    assertThat(text.statusCode()).isEqualTo(415);
    assertThat(new String(text.body(), StandardCharsets.UTF_8))
        .contains(
            "unsupported Content-Type text/plain for /v1/metrics; use application/json or"
                + " application/x-protobuf");
    assertThat(untyped.statusCode()).isEqualTo(415);
    assertThat(new String(untyped.body(), StandardCharsets.UTF_8))
        .contains("missing Content-Type for /v1/traces");
    assertThat(written).isEmpty();
  }

  private static ExportMetricsServiceRequest metrics(double... values) {
    Gauge.Builder gauge = Gauge.newBuilder();
    for (int i = 0; i < values.length; i++) {
      gauge.addDataPoints(
          NumberDataPoint.newBuilder()
              .setTimeUnixNano(T + i * 1_000_000_000L)
              .setAsDouble(values[i]));
    }
    KeyValue service =
        KeyValue.newBuilder()
            .setKey("service.name")
            .setValue(AnyValue.newBuilder().setStringValue("cart"))
            .build();
    return ExportMetricsServiceRequest.newBuilder()
        .addResourceMetrics(
            ResourceMetrics.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(service))
                .addScopeMetrics(
                    ScopeMetrics.newBuilder()
                        .addMetrics(Metric.newBuilder().setName("cpu").setGauge(gauge))))
        .build();
  }

  private static byte[] gzip(byte[] bytes) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private HttpResponse<byte[]> post(String path, String type, String encoding, byte[] body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (type != null) {
      b.header("Content-Type", type);
    }
    if (encoding != null) {
      b.header("Content-Encoding", encoding);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }
}
