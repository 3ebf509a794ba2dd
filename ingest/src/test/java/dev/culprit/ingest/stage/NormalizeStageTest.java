package dev.culprit.ingest.stage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.ingest.format.EntityMapping;
import dev.culprit.ingest.format.Formats;
import dev.culprit.ingest.format.ParseResult;
import dev.culprit.model.Alert;
import dev.culprit.model.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NormalizeStageTest {
  @TempDir Path state;

  private static final String WEBHOOK =
      """
      {"version":"4","status":"firing","receiver":"culprit","groupLabels":{},"commonLabels":{},
       "commonAnnotations":{},"externalURL":"http://am","alerts":[
        {"status":"firing","labels":{"alertname":"HighLatency","service":"cart","pod":"cart-7f9-x",
         "severity":"critical"},"annotations":{"summary":"slow"},
         "startsAt":"2026-11-24T10:00:00Z","endsAt":"0001-01-01T00:00:00Z","fingerprint":"abc"}]}
      """;

  @Test
  void anAlertmanagerWebhookBecomesACanonicalAlertKeyedByItsEntity() {
    try (TopologyTestDriver d = driver()) {
      raw(d, Formats.ALERTMANAGER_TOPIC).pipeInput(null, WEBHOOK.getBytes(StandardCharsets.UTF_8));
      var alerts =
          d.createOutputTopic(
                  Topics.ALERTS.name(),
                  new StringDeserializer(),
                  Topics.ALERTS.valueSerde().deserializer())
              .readKeyValuesToList();
      assertThat(alerts).hasSize(1);
      assertThat(alerts.get(0).key).isEqualTo("instance:cart-7f9-x");
      Alert a = alerts.get(0).value;
      assertThat(a.name()).isEqualTo("HighLatency");
      assertThat(a.severity()).isEqualTo(Alert.Severity.CRITICAL);
      assertThat(a.resource().service()).isEqualTo("cart");
    }
  }

  @Test
  void alertLabelsMapToEntitiesAsConfigured() {
    String webhook =
        WEBHOOK.replace(
            "\"service\":\"cart\",\"pod\":\"cart-7f9-x\",", "\"team_service\":\"billing\",");
    StreamsBuilder b = new StreamsBuilder();
    new NormalizeStage(new EntityMapping(List.of("team_service"), List.of("pod"), List.of("node")))
        .addTo(b);
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "normalize-mapping-test");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:1");
    p.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
    try (TopologyTestDriver d = new TopologyTestDriver(b.build(), p)) {
      raw(d, Formats.ALERTMANAGER_TOPIC).pipeInput(null, webhook.getBytes(StandardCharsets.UTF_8));
      var alerts =
          d.createOutputTopic(
                  Topics.ALERTS.name(),
                  new StringDeserializer(),
                  Topics.ALERTS.valueSerde().deserializer())
              .readKeyValuesToList();
      assertThat(alerts).extracting(kv -> kv.key).containsExactly("service:billing");
    }
  }

  @Test
  void anUnreadableRecordIsADeadLetterWithItsBytesAndWhereItCameFrom() {
    try (TopologyTestDriver d = driver()) {
      byte[] garbage = {0x0A, (byte) 0xFF, 0x01};
      raw(d, "otlp_spans").pipeInput(new TestRecord<>(null, garbage, new RecordHeaders()));
      List<TestRecord<byte[], byte[]>> dead = deadLetters(d);
      assertThat(dead).hasSize(1);
      assertThat(dead.get(0).value()).isEqualTo(garbage);
      Map<String, String> h = headers(dead.get(0));
      assertThat(h).containsEntry(DeadLetters.TOPIC, "otlp_spans");
      assertThat(h).containsEntry(DeadLetters.PARTITION, "0");
      assertThat(h).containsEntry(DeadLetters.OFFSET, "0");
      assertThat(h.get(DeadLetters.REASON)).isNotBlank();
    }
  }

  @Test
  void tenThousandFuzzedPayloadsConserveCountsAndNeverStopThePipeline() {
    SplittableRandom random = new SplittableRandom(20261124);
    List<String> topics = Formats.topics();
    byte[] valid = WEBHOOK.getBytes(StandardCharsets.UTF_8);
    int expectedDead = 0;
    int expectedSignals = 0;
    try (TopologyTestDriver d = driver()) {
      Map<String, TestInputTopic<byte[], byte[]>> inputs = new HashMap<>();
      for (int i = 0; i < 10_000; i++) {
        String topic = topics.get(i % topics.size());
        byte[] payload = mutate(random, valid);
        ParseResult expected = Formats.forTopic(topic).parse(payload, null);
        if (expected instanceof ParseResult.Parsed p) {
          expectedSignals += p.signals().size();
        } else {
          expectedDead++;
        }
        inputs.computeIfAbsent(topic, t -> raw(d, t)).pipeInput(null, payload);
      }
      assertThat(deadLetters(d)).hasSize(expectedDead);
      int signals = 0;
      for (var t : List.of(Topics.ALERTS, Topics.METRICS, Topics.LOGS, Topics.SPANS)) {
        signals +=
            d.createOutputTopic(t.name(), new StringDeserializer(), new ByteArrayDeserializer())
                .readRecordsToList()
                .size();
      }
      assertThat(signals).isEqualTo(expectedSignals);
      assertThat(expectedDead).isGreaterThan(5_000);
      assertThat(expectedSignals).isPositive();
    }
  }

  /** Random bytes, a truncation, a byte flip, or the valid payload itself. */
  private static byte[] mutate(SplittableRandom r, byte[] valid) {
    return switch (r.nextInt(4)) {
      case 0 -> {
        byte[] b = new byte[r.nextInt(200)];
        r.nextBytes(b);
        yield b;
      }
      case 1 -> java.util.Arrays.copyOf(valid, r.nextInt(valid.length));
      case 2 -> {
        byte[] b = valid.clone();
        b[r.nextInt(b.length)] ^= (byte) (1 + r.nextInt(255));
        yield b;
      }
      default -> valid.clone();
    };
  }

  private TopologyTestDriver driver() {
    StreamsBuilder b = new StreamsBuilder();
    new NormalizeStage().addTo(b);
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "normalize-test");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:1");
    p.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
    return new TopologyTestDriver(b.build(), p);
  }

  private static TestInputTopic<byte[], byte[]> raw(TopologyTestDriver d, String topic) {
    return d.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static List<TestRecord<byte[], byte[]>> deadLetters(TopologyTestDriver d) {
    return new ArrayList<>(
        d.createOutputTopic(
                Topics.DLQ.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer())
            .readRecordsToList());
  }

  private static Map<String, String> headers(TestRecord<byte[], byte[]> r) {
    Map<String, String> out = new HashMap<>();
    for (Header h : r.headers()) {
      out.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
    }
    return out;
  }
}
