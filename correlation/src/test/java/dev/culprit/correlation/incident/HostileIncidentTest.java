package dev.culprit.correlation.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.correlation.evidence.EvidenceStageProbe;
import dev.culprit.model.Alert;
import dev.culprit.model.EntityKind;
import dev.culprit.model.EntityRef;
import dev.culprit.model.Evidence;
import dev.culprit.model.EvidenceFamily;
import dev.culprit.model.GraphEdge;
import dev.culprit.model.Incident;
import dev.culprit.model.Resource;
import dev.culprit.model.RootCause;
import dev.culprit.model.SignalType;
import dev.culprit.model.Suppression;
import dev.culprit.model.Topics;
import dev.culprit.topology.EntityGraph;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An incident made of the largest things hostile input can put into evidence still serialises under
 * the producer's default {@code max.request.size} (1 MiB), so it can always be written.
 */
class HostileIncidentTest {
  private static final int MAX_REQUEST_SIZE = 1024 * 1024;

  /** Characters that cost the most bytes in JSON: a control character escapes to six. */
  private static String hostile(int length, int seed) {
    StringBuilder s = new StringBuilder(length);
    String alphabet = "\u0001\"\\€😀<!channel>";
    for (int i = 0; i < length; i++) {
      s.append(alphabet.charAt((i + seed) % alphabet.length()));
    }
    return s.toString();
  }

  @Test
  void anAlertWithAMegabyteOfAnnotationsMakesSmallEvidence() {
    Map<String, String> annotations = new HashMap<>();
    for (int i = 0; i < 1_000; i++) {
      annotations.put("link" + i, "https://evil.example/" + "a".repeat(1_000));
    }
    Alert alert =
        new Alert(
            Resource.ofService("cart"),
            1_000,
            0,
            "fp",
            "HighLatency",
            Alert.Severity.CRITICAL,
            Alert.Status.FIRING,
            Map.of("service", "cart"),
            annotations);
    Evidence e = EvidenceStageProbe.alertEvidence(alert);
    assertThat(json(alert)).isLessThan(100_000);
    assertThat(e.detail().length()).isLessThanOrEqualTo(1024);
    assertThat(e.alertSeverity()).isEqualTo(Alert.Severity.CRITICAL);
  }

  @Test
  void anIncidentOfHostileEvidenceSerialisesUnderTheRequestLimit() {
    List<Evidence> evidence = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      evidence.add(evidence(i));
    }
    List<RootCause> ranking = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ranking.add(
          new RootCause(
              hostile(5_000, i),
              EntityKind.SERVICE,
              hostile(5_000, i + 1),
              10 - i,
              evidence.subList(i * 20, i * 20 + 20),
              hostile(10_000, i)));
    }
    List<GraphEdge> edges = new ArrayList<>();
    for (int i = 0; i < 399; i++) {
      edges.add(
          new GraphEdge(
              evidence.get(i % 500).entity(),
              EntityRef.service(hostile(5_000, 1_000 + i)),
              GraphEdge.Kind.CALLS,
              1,
              0,
              1,
              0,
              false));
    }
    Incident incident =
        Incidents.build(
            hostile(300, 0),
            1,
            "default",
            0,
            1,
            false,
            evidence,
            ranking,
            hostile(10_000, 2),
            null,
            EntityGraph.of(edges));

    assertThat(json(incident)).isLessThan(MAX_REQUEST_SIZE);
    assertThat(incident.rootCauses()).hasSize(Incidents.MAX_ROOT_CAUSES);
    assertThat(incident.rootCauses().getFirst().score()).isEqualTo(10);
    assertThat(incident.affected()).hasSizeLessThanOrEqualTo(200);
  }

  @Test
  void aWellFormedIncidentIsLeftAsItIs() {
    List<Evidence> evidence = List.of(evidence(0).withSuppression(null));
    Evidence plain =
        new Evidence(
            Resource.ofService("cart"),
            SignalType.METRIC,
            EvidenceFamily.METRIC_LATENCY,
            "latency_p99_ms",
            9,
            300,
            20,
            Evidence.Direction.UP,
            0,
            60_000,
            "latency up");
    Incident i =
        Incidents.build(
            "inc",
            1,
            "default",
            0,
            1,
            false,
            List.of(plain),
            List.of(new RootCause("cart", EntityKind.SERVICE, "cart", 1, List.of(plain), "why")),
            "opened",
            null,
            EntityGraph.empty());
    assertThat(Incidents.fit(i)).isSameAs(i);
    assertThat(i.evidence()).containsExactly(plain);
    assertThat(evidence).hasSize(1);
  }

  private static Evidence evidence(int i) {
    return new Evidence(
            new Resource(hostile(5_000, i), hostile(5_000, i + 7), hostile(5_000, i + 3)),
            SignalType.LOG,
            EvidenceFamily.legacy(SignalType.LOG, hostile(50_000, i)),
            hostile(50_000, i),
            500 - i,
            1,
            0,
            Evidence.Direction.NEW,
            0,
            1,
            hostile(100_000, i))
        .withSuppression(
            new Suppression(Suppression.Kind.DUPLICATE, hostile(50_000, i), null, 1, 1, null));
  }

  private static int json(Object o) {
    return switch (o) {
      case Incident i -> Topics.INCIDENTS.valueSerde().serializer().serialize("t", i).length;
      case Alert a -> Topics.ALERTS.valueSerde().serializer().serialize("t", a).length;
      default -> throw new IllegalArgumentException();
    };
  }
}
