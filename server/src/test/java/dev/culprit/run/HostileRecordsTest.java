package dev.culprit.run;

import static dev.culprit.run.BrokerTopics.await;
import static dev.culprit.run.BrokerTopics.first;
import static dev.culprit.run.BrokerTopics.header;
import static dev.culprit.run.BrokerTopics.reasonContains;
import static dev.culprit.run.BrokerTopics.valueContains;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.culprit.correlation.PipelineConfig;
import dev.culprit.http.IngestServer;
import dev.culprit.ingest.format.EntityMapping;
import dev.culprit.kafka.EmbeddedKafkaBroker;
import dev.culprit.model.DeadLetter;
import dev.culprit.model.Json;
import dev.culprit.model.Resource;
import dev.culprit.model.Span;
import dev.culprit.model.Topics;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code culprit run} against a broker with Kafka's default settings (records at most an hour ahead
 * of the broker's clock, 1 MiB records): each hostile record ends in {@code culprit.dlq} with its
 * reason, the application stays RUNNING, and it comes up clean on a restart.
 */
class HostileRecordsTest {
  private static final long HOUR = 3_600_000L;
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path state;

  @Test
  void anOtlpSpanTwoHoursAheadIsADeadLetterAndTheRunGoesOn() throws Exception {
    long now = System.currentTimeMillis();
    try (EmbeddedKafkaBroker broker = defaultBroker()) {
      try (LiveRunner runner = start(broker, "future-span")) {
        HttpResponse<String> answer =
            post(runner.httpPort(), "/v1/traces", spans(trace(1), now + 2 * HOUR).toByteArray());
        assertThat(answer.statusCode()).isEqualTo(200);
        ConsumerRecord<byte[], byte[]> dead =
            first(broker, Topics.DLQ.name(), reasonContains("ahead of the clock"));
        assertThat(dead).isNotNull();
        assertThat(header(dead, DeadLetter.TOPIC)).isEqualTo("otlp_spans");
        assertThat(post(runner.httpPort(), "/v1/traces", spans(trace(2), now).toByteArray()))
            .extracting(HttpResponse::statusCode)
            .isEqualTo(200);
        assertProcessed(broker, runner, "future-span", trace(2));
      }
      try (LiveRunner restarted = start(broker, "future-span")) {
        post(restarted.httpPort(), "/v1/traces", spans(trace(3), now).toByteArray());
        assertProcessed(broker, restarted, "future-span", trace(3));
      }
    }
  }

  @Test
  void aCanonicalSpanTwoHoursAheadPassesTheTopicsKafkaStreamsCreates() throws Exception {
    long future = System.currentTimeMillis() + 2 * HOUR;
    try (EmbeddedKafkaBroker broker = defaultBroker()) {
      try (LiveRunner runner = start(broker, "future-canonical")) {
        Span span =
            new Span(
                new Resource("cart", "cart-0", "node-1"),
                future,
                trace(4),
                "00000000000000a4",
                null,
                "GET /cart",
                5_000,
                Span.SpanKind.SERVER,
                false,
                null);
        BrokerTopics.write(
            broker,
            new ProducerRecord<>(
                Topics.SPANS.name(),
                null,
                future,
                "instance:cart-0".getBytes(StandardCharsets.UTF_8),
                Json.mapper().writeValueAsBytes(span)));
        assertProcessed(broker, runner, "future-canonical", trace(4));
      }
      try (LiveRunner restarted = start(broker, "future-canonical")) {
        assertThat(await(() -> restarted.state() == KafkaStreams.State.RUNNING)).isTrue();
        assertThat(restarted.failure()).isNull();
      }
    }
  }

  @Test
  void anUnreadableGraphRecordIsADeadLetterAndTheRunGoesOn() throws Exception {
    long now = System.currentTimeMillis();
    try (EmbeddedKafkaBroker broker = defaultBroker()) {
      try (LiveRunner runner = start(broker, "bad-graph")) {
        BrokerTopics.write(
            broker,
            new ProducerRecord<>(
                Topics.GRAPH.name(),
                "CALLS|service:a|service:b".getBytes(StandardCharsets.UTF_8),
                "{\"source\": 42, trunc".getBytes(StandardCharsets.UTF_8)));
        ConsumerRecord<byte[], byte[]> dead =
            first(broker, Topics.DLQ.name(), reasonContains("cannot read"));
        assertThat(dead).isNotNull();
        assertThat(header(dead, DeadLetter.TOPIC)).isEqualTo(Topics.GRAPH.name());
        post(runner.httpPort(), "/v1/traces", spans(trace(5), now).toByteArray());
        assertProcessed(broker, runner, "bad-graph", trace(5));
      }
      try (LiveRunner restarted = start(broker, "bad-graph")) {
        post(restarted.httpPort(), "/v1/traces", spans(trace(6), now).toByteArray());
        assertProcessed(broker, restarted, "bad-graph", trace(6));
      }
    }
  }

  @Test
  void alertBodiesOverOneMebibyteAreWrittenAndAMegabyteOfAnnotationsIsCut() throws Exception {
    StringBuilder group = new StringBuilder("{\"version\":\"4\",\"alerts\":[");
    // over a mebibyte in a thousand alerts: few enough that the pipeline gets through them quickly
    String note = "{\"description\":\"" + "d".repeat(1_100) + "\"}";
    for (int i = 0; i < 1_000; i++) {
      group.append(i == 0 ? "" : ",").append(alert("Group" + i, "svc-" + (i % 50), note));
    }
    String huge =
        "{\"description\":\""
            + "x".repeat(1_000_000)
            + "\",\"runbook_url\":\"https://r.example/"
            + "y".repeat(1_000)
            + "\"}";
    String hugeAlert = "{\"version\":\"4\",\"alerts\":[" + alert("Huge", "cart", huge) + "]}";
    try (EmbeddedKafkaBroker broker = defaultBroker();
        LiveRunner runner = start(broker, "big-bodies")) {
      byte[] body = group.append("]}").toString().getBytes(StandardCharsets.UTF_8);
      assertThat(body.length).isGreaterThan(1 << 20);
      assertThat(postJson(runner.httpPort(), body).statusCode()).isEqualTo(200);
      assertThat(
              postJson(runner.httpPort(), hugeAlert.getBytes(StandardCharsets.UTF_8)).statusCode())
          .isEqualTo(200);

      ConsumerRecord<byte[], byte[]> capped =
          first(broker, Topics.ALERTS.name(), valueContains("\"Huge\""));
      assertThat(capped).isNotNull();
      assertThat(capped.value().length).isLessThan(20_000);
      assertThat(first(broker, Topics.ALERTS.name(), valueContains("\"Group999\""))).isNotNull();
      post(
          runner.httpPort(),
          "/v1/traces",
          spans(trace(7), System.currentTimeMillis()).toByteArray());
      assertProcessed(broker, runner, "big-bodies", trace(7));
    }
  }

  private static String alert(String name, String service, String annotations) {
    return "{\"status\":\"firing\",\"labels\":{\"alertname\":\""
        + name
        + "\",\"service\":\""
        + service
        + "\"},\"annotations\":"
        + annotations
        + ",\"startsAt\":\"2026-11-24T10:00:00Z\",\"endsAt\":\"0001-01-01T00:00:00Z\"}";
  }

  HttpResponse<String> postJson(int port, byte[] body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/alerts"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The span of {@code traceId} went through the graph stage's repartition; the run goes on. */
  private static void assertProcessed(
      EmbeddedKafkaBroker broker, LiveRunner runner, String app, String traceId)
      throws InterruptedException {
    String repartition = app + "-graph-spans-by-trace-v2-repartition";
    assertThat(first(broker, repartition, valueContains(traceId))).isNotNull();
    assertThat(await(() -> runner.state() == KafkaStreams.State.RUNNING)).isTrue();
    assertThat(runner.failure()).isNull();
  }

  static EmbeddedKafkaBroker defaultBroker() {
    return EmbeddedKafkaBroker.start(EmbeddedKafkaBroker.Config.defaults().withKafkaDefaults());
  }

  private LiveRunner start(EmbeddedKafkaBroker broker, String app) throws Exception {
    return LiveRunner.start(
        new LiveRunner.Settings(
            broker.bootstrapServers(),
            app,
            state,
            1,
            new IngestServer.Config(0, null, 8 << 20, Duration.ofSeconds(10)),
            EntityMapping.defaults(),
            List.of()),
        PipelineConfig.defaults());
  }

  private static String trace(int n) {
    return String.format("%032x", 0xc0ffee00L + n);
  }

  private static ExportTraceServiceRequest spans(String traceId, long millis) {
    long nanos = millis * 1_000_000L;
    var resource =
        io.opentelemetry.proto.resource.v1.Resource.newBuilder()
            .addAttributes(attr("service.name", "cart"))
            .addAttributes(attr("k8s.pod.name", "cart-0"))
            .build();
    var span =
        io.opentelemetry.proto.trace.v1.Span.newBuilder()
            .setTraceId(ByteString.copyFrom(HexFormat.of().parseHex(traceId)))
            .setSpanId(ByteString.copyFrom(HexFormat.of().parseHex("00000000000000b1")))
            .setName("GET /cart")
            .setKind(io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_SERVER)
            .setStartTimeUnixNano(nanos)
            .setEndTimeUnixNano(nanos + 5_000_000L);
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(resource)
                .addScopeSpans(ScopeSpans.newBuilder().addSpans(span)))
        .build();
  }

  private static KeyValue attr(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  HttpResponse<String> post(int port, String path, byte[] body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/x-protobuf")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
