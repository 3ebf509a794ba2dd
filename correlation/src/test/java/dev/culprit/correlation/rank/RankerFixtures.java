package dev.culprit.correlation.rank;

import dev.culprit.model.EntityRef;
import dev.culprit.model.Evidence;
import dev.culprit.model.EvidenceFamily;
import dev.culprit.model.GraphEdge;
import dev.culprit.model.Resource;
import dev.culprit.model.SignalType;
import dev.culprit.topology.EntityGraph;
import java.util.List;

/** Hand-made evidence, edges and inputs for ranker tests. */
final class RankerFixtures {
  static final long T = 1_000_000_000L;

  private RankerFixtures() {}

  static Evidence evidence(Resource r, SignalType signal, String feature, double score) {
    return new Evidence(
        r,
        signal,
        EvidenceFamily.legacy(signal, feature),
        feature,
        score,
        1,
        0,
        Evidence.Direction.UP,
        T,
        T,
        feature);
  }

  static Evidence metric(Resource r, String feature, double score) {
    return evidence(r, SignalType.METRIC, feature, score);
  }

  static GraphEdge edge(EntityRef from, EntityRef to, GraphEdge.Kind kind) {
    return new GraphEdge(from, to, kind, 1, 0, 0, T, false);
  }

  static GraphEdge calls(String caller, String callee) {
    return edge(EntityRef.service(caller), EntityRef.service(callee), GraphEdge.Kind.CALLS);
  }

  static RankingInput input(List<Evidence> evidence, List<GraphEdge> edges) {
    return new RankingInput(
        evidence, List.of(), T - 600_000, EntityGraph.of(edges), T - 60_000, T + 300_000);
  }
}
