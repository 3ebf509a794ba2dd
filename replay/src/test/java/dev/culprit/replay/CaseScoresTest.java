package dev.culprit.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CaseScoresTest {

  private static ReplayReport.Case c(String kind, Integer rank, Integer serviceRank) {
    return new ReplayReport.Case(
        kind + rank,
        "t",
        kind,
        "2026-03-01T00:00:00Z",
        List.of(),
        rank,
        serviceRank,
        rank != null || serviceRank != null,
        null);
  }

  @Test
  void scoresEachKindOverItsOwnFaults() {
    List<ReplayReport.Case> cases =
        List.of(
            c("cpu", 1, 1),
            c("cpu", 3, 1),
            c("cpu", null, null),
            c("cpu", 4, 2),
            c("disk", null, 1),
            c("delay", 2, 2));

    assertThat(CaseScores.byKind(cases))
        .containsExactly(
            new ReplayReport.KindScore("cpu", 4, 3, 0.25, 0.5, 0.5, 0.75),
            new ReplayReport.KindScore("delay", 1, 1, 0, 1.0, 0, 1.0),
            new ReplayReport.KindScore("disk", 1, 1, 0, 0, 1.0, 1.0));
    assertThat(CaseScores.topK(cases, 3)).isEqualTo(0.5);
    assertThat(CaseScores.topKService(List.of(), 1)).isZero();
  }
}
