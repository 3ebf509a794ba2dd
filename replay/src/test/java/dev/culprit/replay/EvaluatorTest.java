package dev.culprit.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.ingest.dataset.FaultLabel;
import dev.culprit.model.EntityKind;
import dev.culprit.model.EntityRef;
import dev.culprit.model.Incident;
import dev.culprit.model.RootCause;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
  private static final long T = 1_000_000_000L;

  @Test
  void matchesTheFirstIncidentInTheWindowAndRanksStrictlyAndByService() {
    FaultLabel podFault = new FaultLabel("f1", T, EntityRef.instance("cart-1"), "cart", "cpu");
    FaultLabel late = new FaultLabel("f2", T + 3_600_000, EntityRef.service("db"), "db", "x");
    Map<String, Incident> incidents = new LinkedHashMap<>();
    incidents.put("early", incident("early", T - 120_000, rc("web", EntityKind.SERVICE, "web")));
    incidents.put(
        "hit",
        incident(
            "hit",
            T + 30_000,
            rc("api", EntityKind.SERVICE, "api"),
            rc("cart", EntityKind.SERVICE, "cart"),
            rc("cart-1", EntityKind.INSTANCE, "cart")));
    incidents.put(
        "later", incident("later", T + 90_000, rc("cart-1", EntityKind.INSTANCE, "cart")));
    Set<String> matched = new HashSet<>();
    List<ReplayReport.Case> cases =
        new Evaluator()
            .cases(new Evaluator.Outcome(List.of(podFault, late), incidents), false, matched);
    assertThat(cases.get(0).incident()).isEqualTo("hit");
    assertThat(cases.get(0).rank()).isEqualTo(3);
    assertThat(cases.get(0).serviceRank()).isEqualTo(2);
    assertThat(cases.get(0).ranking()).containsExactly("api", "cart", "cart-1");
    assertThat(cases.get(1).detected()).isFalse();
    assertThat(cases.get(1).rank()).isNull();
    assertThat(Evaluator.incidentCounts(new Evaluator.Outcome(List.of(), incidents), matched))
        .containsExactly(3, 2);
  }

  @Test
  void anIncidentOpenedWhileALabelledFaultWasStillOnIsNotFalse() {
    FaultLabel longFault =
        new FaultLabel("f1", T, EntityRef.service("db"), "db", "x", T + 3_600_000L);
    FaultLabel open = new FaultLabel("f2", T + 7_200_000L, EntityRef.service("db"), "db", "x");
    Map<String, Incident> incidents = new LinkedHashMap<>();
    incidents.put("first", incident("first", T + 10_000));
    incidents.put("during", incident("during", T + 1_800_000));
    incidents.put("after", incident("after", T + 3_700_000));
    incidents.put("match2", incident("match2", T + 7_200_000L));
    incidents.put("after2", incident("after2", T + 7_800_000L));
    Evaluator.Outcome outcome = new Evaluator.Outcome(List.of(longFault, open), incidents);
    Set<String> matched = new HashSet<>();

    new Evaluator().cases(outcome, false, matched);

    assertThat(matched).containsExactlyInAnyOrder("first", "match2");
    assertThat(Evaluator.incidentCounts(outcome, matched)).containsExactly(5, 2);
  }

  @Test
  void whatScoringKeepsOfAnIncidentDropsItsEvidence() {
    Incident full =
        new Incident(
            "i",
            3,
            "default",
            T,
            T + 5,
            Incident.Status.RESOLVED,
            List.of("alert-1"),
            List.of(),
            List.of(EntityRef.service("api")),
            List.of(new RootCause("api", EntityKind.SERVICE, "api", 2.0, List.of(), "why")),
            "resolved",
            "trigger-1",
            null);

    Incident kept = Evaluator.scored(full);

    assertThat(kept.alerts()).isEmpty();
    assertThat(kept.affected()).isEmpty();
    assertThat(kept.rootCauses())
        .containsExactly(new RootCause("api", EntityKind.SERVICE, "api", 2.0, List.of(), ""));
    assertThat(List.of(kept.id(), kept.version(), kept.openedAt(), kept.trigger()))
        .containsExactly("i", 3, T, "trigger-1");
  }

  private static RootCause rc(String entity, EntityKind kind, String service) {
    return new RootCause(entity, kind, service, 1.0, List.of(), "");
  }

  private static Incident incident(String id, long openedAt, RootCause... causes) {
    return new Incident(
        id,
        1,
        "default",
        openedAt,
        openedAt,
        Incident.Status.OPEN,
        List.of(),
        List.of(),
        List.of(),
        List.of(causes),
        "opened",
        null,
        null);
  }
}
