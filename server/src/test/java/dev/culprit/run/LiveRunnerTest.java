package dev.culprit.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.culprit.correlation.PipelineConfig;
import dev.culprit.http.IngestServer;
import dev.culprit.ingest.format.EntityMapping;
import dev.culprit.ingest.format.Formats;
import dev.culprit.ingest.format.ParseResult;
import dev.culprit.ingest.stage.EventTimeRule;
import dev.culprit.kafka.EmbeddedKafkaBroker;
import dev.culprit.model.EntityRef;
import dev.culprit.model.Feedback;
import dev.culprit.model.GraphEdge;
import dev.culprit.model.Json;
import dev.culprit.model.Topics;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live ingest on the in-JVM broker: HTTP receivers write raw topics, the normalising stage turns
 * them into canonical signals keyed by entity, and unreadable raw records land in the dead-letter
 * topic; feedback posted to the same server lands in {@code culprit.feedback}. The pipeline runs
 * exactly once by default, so the canonical topics are read {@code read_committed}.
 */
class LiveRunnerTest {
  private static final String WEBHOOK =
      """
      {"version":"4","status":"firing","receiver":"culprit","groupLabels":{},"commonLabels":{},
       "commonAnnotations":{},"externalURL":"http://am","alerts":[
        {"status":"firing","labels":{"alertname":"HighLatency","service":"cart","pod":"cart-7f9-x"},
         "annotations":{},"startsAt":"2026-11-24T10:00:00Z","endsAt":"0001-01-01T00:00:00Z",
         "fingerprint":"abc"}]}
      """;

  private static final GraphEdge DECLARED =
      new GraphEdge(
          EntityRef.service("frontend"),
          EntityRef.service("cart"),
          GraphEdge.Kind.CALLS,
          0,
          0,
          0,
          0,
          true);

  @TempDir Path state;
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void webhookAndTenThousandOtlpSpansArriveAsCanonicalSignalsAndGarbageAsDeadLetters()
      throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
        LiveRunner runner =
            LiveRunner.start(
                new LiveRunner.Settings(
                    broker.bootstrapServers(),
                    "culprit-live-test",
                    state,
                    1,
                    new IngestServer.Config(0, null, 16 << 20, Duration.ofSeconds(30)),
                    EntityMapping.defaults(),
                    List.of(DECLARED)),
                PipelineConfig.defaults())) {
      int port = runner.httpPort();
      assertThat(post(port, "/api/v1/alerts", "application/json", WEBHOOK.getBytes()).statusCode())
          .isEqualTo(200);
      assertThat(
              post(port, "/api/v1/alerts", "application/json", "{\"alerts\":".getBytes())
                  .statusCode())
          .isEqualTo(400);
      byte[] batch = tenThousandSpans().toByteArray();
      assertThat(post(port, "/v1/traces", "application/x-protobuf", batch).statusCode())
          .isEqualTo(200);
      try (var producer =
          new KafkaProducer<byte[], byte[]>(
              producerProps(broker), new ByteArraySerializer(), new ByteArraySerializer())) {
        producer.send(new ProducerRecord<>("otlp_logs", new byte[] {1, 2, 3})).get();
      }
      Map<String, Integer> alertKeys = countKeys(broker, Topics.ALERTS.name(), 1);
      assertThat(alertKeys).containsEntry("instance:cart-7f9-x", 1);
      Map<String, Integer> spanKeys = countKeys(broker, Topics.SPANS.name(), 10_000);
      assertThat(spanKeys.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(10_000);
      assertThat(spanKeys).hasSize(10).containsEntry("instance:checkout-0", 1_000);
      List<ConsumerRecord<byte[], byte[]>> dead = read(broker, Topics.DLQ.name(), 1);
      assertThat(dead.get(0).value()).containsExactly(1, 2, 3);
      assertThat(new String(dead.get(0).headers().lastHeader("culprit.dlq.topic").value()))
          .isEqualTo("otlp_logs");
      ConsumerRecord<byte[], byte[]> declared = read(broker, Topics.GRAPH.name(), 1).get(0);
      GraphEdge edge =
          Topics.GRAPH
              .valueSerde()
              .deserializer()
              .deserialize(Topics.GRAPH.name(), declared.value());
      assertThat(edge.key()).isEqualTo(DECLARED.key());
      assertThat(edge.declared()).isTrue();
      assertThat(edge.lastSeen()).isPositive();
      try (Admin admin = broker.admin()) {
        assertThat(admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get())
            .as("exactly once by default: the pipeline writes in transactions")
            .contains("__transaction_state");
      }
    }
  }

  @Test
  void feedbackPostedToTheRunningServerLandsInTheFeedbackTopic() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
        LiveRunner runner =
            LiveRunner.start(
                new LiveRunner.Settings(
                    broker.bootstrapServers(),
                    "culprit-feedback-test",
                    state,
                    1,
                    new IngestServer.Config(0, null, 1 << 16, Duration.ofSeconds(30)),
                    EntityMapping.defaults(),
                    List.of()),
                PipelineConfig.defaults())) {
      int port = runner.httpPort();
      HttpResponse<String> feedback =
          post(
              port,
              "/api/feedback",
              "application/json",
              "{\"incidentId\":\"inc-1\",\"kind\":\"ROOT_CAUSE\",\"rootCause\":\"cart\"}"
                  .getBytes(StandardCharsets.UTF_8));
      HttpResponse<String> page =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(
                          "http://127.0.0.1:"
                              + port
                              + "/feedback?incident=inc-1&action=false-positive"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(feedback.statusCode()).isEqualTo(202);
      assertThat(page.statusCode()).isEqualTo(200);
      List<ConsumerRecord<byte[], byte[]>> stored = read(broker, Topics.FEEDBACK.name(), 1);
      assertThat(stored).hasSize(1);
      assertThat(new String(stored.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("inc-1");
      assertThat(
              Topics.FEEDBACK
                  .valueSerde()
                  .deserializer()
                  .deserialize(Topics.FEEDBACK.name(), stored.get(0).value()))
          .isEqualTo(Json.mapper().readValue(feedback.body(), Feedback.class));
    }
  }

  @Test
  void tenThousandFuzzedRawRecordsYieldExactlyTheirSignalsOrOneDeadLetterEach() throws Exception {
    SplittableRandom random = new SplittableRandom(7);
    byte[] valid = WEBHOOK.getBytes(StandardCharsets.UTF_8);
    List<String> topics = Formats.topics();
    int expectedDead = 0;
    int expectedAlerts = 0;
    EventTimeRule rule = EventTimeRule.live(Clock.systemUTC(), EventTimeRule.DEFAULT_MAX_AHEAD);
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
        LiveRunner runner =
            LiveRunner.start(
                new LiveRunner.Settings(
                    broker.bootstrapServers(),
                    "culprit-fuzz",
                    state,
                    1,
                    null,
                    EntityMapping.defaults(),
                    List.of()),
                PipelineConfig.defaults());
        var producer =
            new KafkaProducer<byte[], byte[]>(
                producerProps(broker), new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < 10_000; i++) {
        String topic = topics.get(i % topics.size());
        byte[] payload = fuzz(random, valid);
        if (Formats.forTopic(topic).parse(payload, null) instanceof ParseResult.Parsed p) {
          long accepted = p.signals().stream().filter(s -> rule.problem(s.time()) == null).count();
          expectedAlerts += (int) accepted;
          expectedDead += accepted < p.signals().size() || !p.skipped().isEmpty() ? 1 : 0;
        } else {
          expectedDead++;
        }
        producer.send(new ProducerRecord<>(topic, payload));
      }
      producer.flush();
      assertThat(read(broker, Topics.DLQ.name(), expectedDead + 1)).hasSize(expectedDead);
      assertThat(read(broker, Topics.ALERTS.name(), expectedAlerts + 1)).hasSize(expectedAlerts);
      assertThat(runner.failure()).isNull();
      assertThat(expectedDead).isGreaterThan(5_000);
    }
  }

  /** Random bytes, a truncation, a byte flip, or the valid payload. */
  private static byte[] fuzz(SplittableRandom r, byte[] valid) {
    return switch (r.nextInt(4)) {
      case 0 -> {
        byte[] b = new byte[r.nextInt(200)];
        r.nextBytes(b);
        yield b;
      }
      case 1 -> Arrays.copyOf(valid, r.nextInt(valid.length));
      case 2 -> {
        byte[] b = valid.clone();
        b[r.nextInt(b.length)] ^= (byte) (1 + r.nextInt(255));
        yield b;
      }
      default -> valid.clone();
    };
  }

  private static ExportTraceServiceRequest tenThousandSpans() {
    ExportTraceServiceRequest.Builder req = ExportTraceServiceRequest.newBuilder();
    long t = 1_790_000_000_000_000_000L;
    for (int r = 0; r < 10; r++) {
      Resource resource =
          Resource.newBuilder()
              .addAttributes(attr("service.name", r == 0 ? "checkout" : "svc-" + r))
              .addAttributes(attr("k8s.pod.name", r == 0 ? "checkout-0" : "svc-" + r + "-pod"))
              .addAttributes(attr("k8s.node.name", "node-" + (r % 3)))
              .build();
      ScopeSpans.Builder scope = ScopeSpans.newBuilder();
      for (int i = 0; i < 1_000; i++) {
        scope.addSpans(
            Span.newBuilder()
                .setTraceId(ByteString.copyFrom(id(16, r * 1_000 + i)))
                .setSpanId(ByteString.copyFrom(id(8, r * 1_000 + i)))
                .setName("op-" + (i % 7))
                .setKind(Span.SpanKind.SPAN_KIND_SERVER)
                .setStartTimeUnixNano(t + i * 1_000_000L)
                .setEndTimeUnixNano(t + i * 1_000_000L + 5_000_000L));
      }
      req.addResourceSpans(ResourceSpans.newBuilder().setResource(resource).addScopeSpans(scope));
    }
    return req.build();
  }

  private static byte[] id(int length, int n) {
    byte[] b = new byte[length];
    for (int i = 0; i < 4; i++) {
      b[length - 1 - i] = (byte) (n >>> (8 * i));
    }
    b[0] = 1;
    return b;
  }

  private static KeyValue attr(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  private HttpResponse<String> post(int port, String path, String type, byte[] body)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", type)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static Properties producerProps(EmbeddedKafkaBroker broker) {
    Properties p = new Properties();
    p.put("bootstrap.servers", broker.bootstrapServers());
    return p;
  }

  private static Map<String, Integer> countKeys(EmbeddedKafkaBroker broker, String topic, int n) {
    Map<String, Integer> keys = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : read(broker, topic, n)) {
      keys.merge(new String(r.key()), 1, Integer::sum);
    }
    return keys;
  }

  /**
   * Reads until {@code n} records arrived or nothing more came for ten seconds (two minutes at
   * most); asking for one more than expected proves there is no extra record.
   */
  private static List<ConsumerRecord<byte[], byte[]>> read(
      EmbeddedKafkaBroker broker, String topic, int n) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + topic);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (var consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      long quietSince = System.nanoTime();
      while (out.size() < n && System.nanoTime() < deadline) {
        int before = out.size();
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
        if (out.size() > before) {
          quietSince = System.nanoTime();
        } else if (!out.isEmpty()
            && System.nanoTime() - quietSince > Duration.ofSeconds(10).toNanos()) {
          break;
        }
      }
    }
    return out;
  }
}
