package dev.culprit.ingest.stage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.ingest.format.EntityMapping;
import dev.culprit.model.DeadLetter;
import dev.culprit.model.Topics;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the normalising stage refuses of a record it can read: bad points and bad event times. */
class NormalizeRulesTest {
  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
  private static final long NOW_NANOS = NOW.toEpochMilli() * 1_000_000L;

  @TempDir Path state;

  @Test
  void nanAndInfinitePointsAreADeadLetterWhileTheFinitePointsGoOn() {
    byte[] batch =
        metrics(
                point(NOW_NANOS, 0.5),
                point(NOW_NANOS, Double.NaN),
                point(NOW_NANOS, Double.POSITIVE_INFINITY))
            .toByteArray();
    try (TopologyTestDriver d = driver(EventTimeRule.anyTime())) {
      pipe(d, "otlp_metrics", batch);
      assertThat(samples(d)).hasSize(1);
      List<TestRecord<byte[], byte[]>> dead = deadLetters(d);
      assertThat(dead).hasSize(1);
      assertThat(dead.getFirst().value()).isEqualTo(batch);
      String reason = header(dead.getFirst(), DeadLetter.REASON);
      assertThat(reason).contains("2 of 3 items left out").contains("NaN").contains("Infinity");
      assertThat(header(dead.getFirst(), DeadLetter.TOPIC)).isEqualTo("otlp_metrics");
    }
  }

  @Test
  void aLiveRunRefusesEventTimesTooFarAheadOfItsClockAndKeepsThePast() {
    EventTimeRule rule =
        EventTimeRule.live(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(5));
    long ahead = Duration.ofHours(2).toNanos();
    long skew = Duration.ofMinutes(4).toNanos();
    long pastWeek = Duration.ofDays(7).toNanos();
    try (TopologyTestDriver d = driver(rule)) {
      pipe(d, "otlp_metrics", metrics(point(NOW_NANOS + ahead, 1)).toByteArray());
      pipe(d, "otlp_metrics", metrics(point(NOW_NANOS + skew, 2)).toByteArray());
      pipe(d, "otlp_metrics", metrics(point(NOW_NANOS - pastWeek, 3)).toByteArray());
      assertThat(samples(d)).hasSize(2);
      List<TestRecord<byte[], byte[]>> dead = deadLetters(d);
      assertThat(dead).hasSize(1);
      assertThat(header(dead.getFirst(), DeadLetter.REASON))
          .contains("2026-11-24T12:00:00Z")
          .contains("ahead of the clock");
    }
  }

  @Test
  void anyTimeRefusesOnlyTimesBefore1970() {
    assertThat(EventTimeRule.anyTime().problem(-1)).contains("before 1970");
    assertThat(EventTimeRule.anyTime().problem(0)).isNull();
    assertThat(EventTimeRule.anyTime().problem(Long.MAX_VALUE)).isNull();
  }

  private TopologyTestDriver driver(EventTimeRule rule) {
    StreamsBuilder b = new StreamsBuilder();
    new NormalizeStage(EntityMapping.defaults(), rule).addTo(b);
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "normalize-rules-test");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:1");
    p.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
    return new TopologyTestDriver(b.build(), p);
  }

  private static void pipe(TopologyTestDriver d, String topic, byte[] payload) {
    d.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer())
        .pipeInput(null, payload);
  }

  private static List<TestRecord<String, byte[]>> samples(TopologyTestDriver d) {
    return d.createOutputTopic(
            Topics.METRICS.name(), new StringDeserializer(), new ByteArrayDeserializer())
        .readRecordsToList();
  }

  private static List<TestRecord<byte[], byte[]>> deadLetters(TopologyTestDriver d) {
    return d.createOutputTopic(
            Topics.DLQ.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer())
        .readRecordsToList();
  }

  private static String header(TestRecord<byte[], byte[]> r, String key) {
    var h = r.headers().lastHeader(key);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static NumberDataPoint point(long nanos, double value) {
    return NumberDataPoint.newBuilder().setTimeUnixNano(nanos).setAsDouble(value).build();
  }

  private static ExportMetricsServiceRequest metrics(NumberDataPoint... points) {
    Resource resource =
        Resource.newBuilder()
            .addAttributes(
                KeyValue.newBuilder()
                    .setKey("service.name")
                    .setValue(AnyValue.newBuilder().setStringValue("cart")))
            .build();
    Gauge.Builder gauge = Gauge.newBuilder();
    for (NumberDataPoint p : points) {
      gauge.addDataPoints(p);
    }
    return ExportMetricsServiceRequest.newBuilder()
        .addResourceMetrics(
            ResourceMetrics.newBuilder()
                .setResource(resource)
                .addScopeMetrics(
                    ScopeMetrics.newBuilder()
                        .addMetrics(Metric.newBuilder().setName("cpu").setGauge(gauge))))
        .build();
  }
}
