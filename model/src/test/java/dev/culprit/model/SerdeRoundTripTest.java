package dev.culprit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class SerdeRoundTripTest {
  private static final Resource POD = new Resource("cart", "cart-7f9-abc", "node-1");

  @Test
  void everyCanonicalRecordRoundTrips() {
    roundTrip(Topics.METRICS, new MetricSample(POD, 1_000L, "cpu_usage", 0.5, null));
    roundTrip(Topics.LOGS, new LogEvent(POD, 2_000L, "ERROR", "boom", "t1", "s1"));
    roundTrip(
        Topics.SPANS,
        new Span(
            POD, 3_000L, "t1", "s2", "s1", "GET /cart", 1234, Span.SpanKind.SERVER, true, null));
    roundTrip(
        Topics.ALERTS,
        new Alert(
            POD,
            4_000L,
            0L,
            "fp",
            "HighLatency",
            Alert.Severity.CRITICAL,
            Alert.Status.FIRING,
            Map.of("service", "cart"),
            Map.of("runbook_url", "http://runbook")));
    Evidence e =
        new Evidence(
            POD,
            SignalType.METRIC,
            EvidenceFamily.METRIC_RESOURCE,
            "cpu_usage",
            12.5,
            0.9,
            0.1,
            Evidence.Direction.UP,
            900L,
            1_000L,
            "cpu up");
    roundTrip(Topics.EVIDENCE, e);
    roundTrip(
        Topics.INCIDENTS,
        new Incident(
            "inc-1",
            2,
            Scopes.DEFAULT,
            1L,
            2L,
            Incident.Status.OPEN,
            List.of("fp"),
            List.of(e),
            List.of(POD.primary()),
            List.of(new RootCause("cart", EntityKind.SERVICE, "cart", 0.9, List.of(e), "cpu")),
            "opened",
            null,
            Subgraph.of(
                List.of(POD.primary()),
                List.of(
                    new GraphEdge(
                        EntityRef.service("frontend"),
                        EntityRef.service("cart"),
                        GraphEdge.Kind.CALLS,
                        10,
                        1,
                        50_000,
                        3L,
                        false),
                    new GraphEdge(
                        POD.primary(),
                        EntityRef.service("cart"),
                        GraphEdge.Kind.INSTANCE_OF,
                        0,
                        0,
                        0,
                        3L,
                        true)))));
    roundTrip(
        Topics.GRAPH,
        new GraphEdge(
            EntityRef.service("a"),
            EntityRef.service("b"),
            GraphEdge.Kind.CALLS,
            3,
            1,
            30,
            5,
            false));
  }

  @Test
  void evidenceKeepsItsFamilySeverityAndLinks() {
    Evidence e =
        new Evidence(
            POD,
            SignalType.ALERT,
            EvidenceFamily.ALERT,
            "HighLatency",
            40,
            1,
            0,
            Evidence.Direction.NEW,
            900L,
            900L,
            "alert HighLatency (critical)",
            Alert.Severity.CRITICAL,
            List.of(
                new Evidence.Link("runbook_url", "https://runbooks.example.com/x", null),
                Evidence.Link.trace("4bf92f3577b34da6a3ce929d0e0e4736")),
            null);
    roundTrip(Topics.EVIDENCE, e);
    Evidence back =
        Topics.EVIDENCE
            .valueSerde()
            .deserializer()
            .deserialize("t", Topics.EVIDENCE.valueSerde().serializer().serialize("t", e));
    assertThat(back.severity()).isEqualTo(Alert.Severity.CRITICAL);
    assertThat(back.links()).hasSize(2);
    assertThat(back.links().get(1).traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
  }

  @Test
  void evidenceWrittenWithoutAFamilyGetsTheFamilyItsFeatureNamed() {
    String old =
        "{\"resource\":{\"service\":\"cart\"},\"signal\":\"trace\","
            + "\"feature\":\"latency of GET /cart\",\"score\":5,\"value\":9,"
            + "\"baseline\":1,\"direction\":\"UP\",\"onset\":0,\"time\":60000,"
            + "\"detail\":\"slow\"}";
    Evidence e =
        Topics.EVIDENCE
            .valueSerde()
            .deserializer()
            .deserialize("t", old.getBytes(StandardCharsets.UTF_8));
    assertThat(e.family()).isEqualTo(EvidenceFamily.TRACE_LATENCY);
    assertThat(e.links()).isEmpty();
    assertThat(e.severity()).isNull();
  }

  @Test
  void aLinkNeedsAUrlOrATraceAndEvidenceKeepsAtMostFive() {
    assertThatThrownBy(() -> new Evidence.Link("x", null, null))
        .isInstanceOf(IllegalArgumentException.class);
    List<Evidence.Link> many = new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) {
      many.add(Evidence.Link.trace("trace" + i));
    }
    Evidence e =
        new Evidence(
            POD,
            SignalType.LOG,
            EvidenceFamily.LOG_ERRORS,
            "ERROR boom",
            5,
            1,
            0,
            Evidence.Direction.UP,
            0,
            60_000,
            "",
            Alert.Severity.ERROR,
            many,
            null);
    assertThat(e.links()).hasSize(Evidence.MAX_LINKS);
  }

  @Test
  void metricClassIsInferredFromTheName() {
    assertThat(new MetricSample(POD, 1, "PodServerLatencyP90(s)", 1, null).metricClass())
        .isEqualTo(MetricClass.LATENCY);
    assertThat(new MetricSample(POD, 1, "CpuUsageRate(%)", 1, null).metricClass())
        .isEqualTo(MetricClass.RESOURCE);
  }

  @Test
  void garbageBecomesSerializationExceptionAndNullPassesThrough() {
    var deserializer = Topics.METRICS.valueSerde().deserializer();
    assertThat(deserializer.deserialize("t", null)).isNull();
    assertThatThrownBy(
            () -> deserializer.deserialize("t", "{not json".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("MetricSample");
  }

  @Test
  void entityKeysRoundTripAndSynonymsParse() {
    EntityRef ref = EntityRef.instance("cart-1");
    assertThat(EntityRef.parseKey(ref.key())).isEqualTo(ref);
    assertThat(EntityKind.parse("pod")).isEqualTo(EntityKind.INSTANCE);
    assertThat(EntityKind.parse("host")).isEqualTo(EntityKind.NODE);
    assertThat(POD.primary()).isEqualTo(EntityRef.instance("cart-7f9-abc"));
    assertThatThrownBy(() -> EntityRef.parseKey("nokind"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static <V> void roundTrip(Topic<String, V> topic, V value) {
    byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), value);
    assertThat(topic.valueSerde().deserializer().deserialize(topic.name(), bytes)).isEqualTo(value);
  }
}
