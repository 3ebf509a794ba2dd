package dev.culprit.correlation.rank;

import dev.culprit.model.EntityRef;
import dev.culprit.model.Evidence;
import dev.culprit.model.RootCause;
import dev.culprit.model.SignalType;
import dev.culprit.topology.EntityGraph;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Culprit's default ranker. Each candidate's strength is the sum over signal types of its strongest
 * evidence (log-scaled), so one modality cannot drown the others. The graph then discounts
 * candidates that look like symptoms: a caller whose callee is anomalous no later than itself
 * inherits that callee's trouble.
 */
public final class EvidenceGraphRanker implements RootCauseRanker {
  static final double SYMPTOM_DISCOUNT = 0.6;
  private final int limit;

  public EvidenceGraphRanker(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("Invalid limit: " + limit);
    }
    this.limit = limit;
  }

  public EvidenceGraphRanker() {
    this(10);
  }

  @Override
  public String name() {
    return "culprit";
  }

  @Override
  public List<RootCause> rank(RankingInput input) {
    Map<EntityRef, List<Evidence>> groups = Candidates.group(input.evidence(), input.graph());
    Map<EntityRef, Double> strength = new HashMap<>();
    Map<EntityRef, Long> onset = new HashMap<>();
    groups.forEach(
        (c, ev) -> {
          strength.put(c, strength(ev));
          onset.put(c, ev.stream().mapToLong(Evidence::onset).min().orElse(Long.MAX_VALUE));
        });
    Map<EntityRef, Double> score = new HashMap<>();
    Map<EntityRef, EntityRef> blamed = new HashMap<>();
    for (EntityRef c : groups.keySet()) {
      double s = strength.get(c);
      for (EntityRef callee : input.graph().callees(c)) {
        if (strength.containsKey(callee) && onset.get(callee) <= onset.get(c)) {
          s *= SYMPTOM_DISCOUNT;
          blamed.put(c, callee);
          break;
        }
      }
      score.put(c, s);
    }
    List<EntityRef> order = new ArrayList<>(groups.keySet());
    order.sort(
        Comparator.comparingDouble((EntityRef c) -> -score.get(c))
            .thenComparingLong(onset::get)
            .thenComparing(Comparator.naturalOrder()));
    List<RootCause> out = new ArrayList<>();
    for (EntityRef c : order.subList(0, Math.min(limit, order.size()))) {
      List<Evidence> ev = strongestFirst(groups.get(c));
      out.add(
          new RootCause(
              c.name(),
              c.kind(),
              service(c, input.graph()),
              round(score.get(c)),
              ev.subList(0, Math.min(5, ev.size())),
              explain(c, ev, blamed.get(c))));
    }
    return List.copyOf(out);
  }

  static double strength(List<Evidence> evidence) {
    Map<SignalType, Double> best = new EnumMap<>(SignalType.class);
    for (Evidence e : evidence) {
      best.merge(e.signal(), Math.log1p(e.score()), Math::max);
    }
    return best.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  private static List<Evidence> strongestFirst(List<Evidence> evidence) {
    List<Evidence> sorted = new ArrayList<>(evidence);
    sorted.sort(Comparator.comparingDouble(Evidence::score).reversed());
    return sorted;
  }

  private static String service(EntityRef c, EntityGraph graph) {
    EntityRef s = graph.serviceOf(c);
    return s.kind() == dev.culprit.model.EntityKind.SERVICE ? s.name() : null;
  }

  private static String explain(EntityRef c, List<Evidence> ev, EntityRef blamedCallee) {
    Evidence top = ev.get(0);
    String text =
        String.format(
            Locale.ROOT,
            "%s %s: %s (since %s)",
            c.kind().label(),
            c.name(),
            top.detail(),
            Instant.ofEpochMilli(top.onset()));
    if (blamedCallee != null) {
      text += "; may only inherit trouble from " + blamedCallee.name();
    }
    return text;
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
