package dev.culprit.correlation.rank;

import dev.culprit.model.EntityKind;
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
 * Culprit's default ranker.
 *
 * <ol>
 *   <li>Per candidate and per signal type, the strongest evidence in the incident (log-scaled),
 *       minus what that candidate usually shows in that signal type: the mean per-window strength
 *       in the background period before the incident. Entities that are always noisy do not win.
 *   <li>Fusion: the best signal type counts fully, the others add a little, because a fault usually
 *       shows mainly in one modality and summing modalities rewards mere noise.
 *   <li>The graph discounts symptoms: a caller whose callee is anomalous no later than itself.
 * </ol>
 */
public final class EvidenceGraphRanker implements RootCauseRanker {
  static final double SYMPTOM_DISCOUNT = 0.7;
  static final double SECONDARY_WEIGHT = 0.25;
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
    Map<EntityRef, Map<SignalType, Double>> usual = Background.usual(input);
    Map<EntityRef, Double> strength = new HashMap<>();
    Map<EntityRef, Long> onset = new HashMap<>();
    groups.forEach(
        (c, ev) -> {
          strength.put(c, strength(ev, usual.getOrDefault(c, Map.of())));
          onset.put(c, ev.stream().mapToLong(Evidence::onset).min().orElse(Long.MAX_VALUE));
        });
    Map<EntityRef, Double> score = new HashMap<>();
    Map<EntityRef, EntityRef> blamed = new HashMap<>();
    for (EntityRef c : groups.keySet()) {
      double s = strength.get(c);
      for (EntityRef callee : input.graph().callees(c)) {
        Double calleeStrength = strength.get(callee);
        if (calleeStrength != null && calleeStrength > 0 && onset.get(callee) <= onset.get(c)) {
          s *= SYMPTOM_DISCOUNT;
          blamed.put(c, callee);
          break;
        }
      }
      score.put(c, s);
    }
    List<EntityRef> order = new ArrayList<>(groups.keySet());
    order.removeIf(c -> score.get(c) <= 0);
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

  /** The candidate's excess over its usual level, best signal first. */
  static double strength(List<Evidence> evidence, Map<SignalType, Double> usual) {
    Map<SignalType, Double> best = new EnumMap<>(SignalType.class);
    for (Evidence e : evidence) {
      best.merge(e.signal(), Math.log1p(e.score()), Math::max);
    }
    List<Double> excess = new ArrayList<>();
    best.forEach((signal, v) -> excess.add(Math.max(0, v - usual.getOrDefault(signal, 0.0))));
    excess.sort(Comparator.reverseOrder());
    double s = 0;
    for (int i = 0; i < excess.size(); i++) {
      s += i == 0 ? excess.get(i) : SECONDARY_WEIGHT * excess.get(i);
    }
    return s;
  }

  private static List<Evidence> strongestFirst(List<Evidence> evidence) {
    List<Evidence> sorted = new ArrayList<>(evidence);
    sorted.sort(Comparator.comparingDouble(Evidence::score).reversed());
    return sorted;
  }

  private static String service(EntityRef c, EntityGraph graph) {
    EntityRef s = graph.serviceOf(c);
    return s.kind() == EntityKind.SERVICE ? s.name() : null;
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
