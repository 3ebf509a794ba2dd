package dev.culprit.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Top-K fractions over the cases of a replay, overall and per fault kind. */
final class CaseScores {
  private CaseScores() {}

  /** The fraction of {@code cases} whose truth ranks in the top {@code k}, to four places. */
  static double topK(List<ReplayReport.Case> cases, int k) {
    return fraction(cases.stream().filter(c -> c.rank() != null && c.rank() <= k).count(), cases);
  }

  /** Like {@link #topK} with both sides mapped to their service. */
  static double topKService(List<ReplayReport.Case> cases, int k) {
    return fraction(
        cases.stream().filter(c -> c.serviceRank() != null && c.serviceRank() <= k).count(), cases);
  }

  static int detected(List<ReplayReport.Case> cases) {
    return (int) cases.stream().filter(ReplayReport.Case::detected).count();
  }

  /** One score per fault kind, sorted by kind. */
  static List<ReplayReport.KindScore> byKind(List<ReplayReport.Case> cases) {
    Map<String, List<ReplayReport.Case>> groups = new TreeMap<>();
    cases.forEach(c -> groups.computeIfAbsent(c.kind(), k -> new ArrayList<>()).add(c));
    List<ReplayReport.KindScore> out = new ArrayList<>();
    groups.forEach(
        (kind, group) ->
            out.add(
                new ReplayReport.KindScore(
                    kind,
                    group.size(),
                    detected(group),
                    topK(group, 1),
                    topK(group, 3),
                    topKService(group, 1),
                    topKService(group, 3))));
    return out;
  }

  private static double fraction(long hits, List<ReplayReport.Case> cases) {
    return cases.isEmpty() ? 0 : Math.round(hits * 10000.0 / cases.size()) / 10000.0;
  }
}
