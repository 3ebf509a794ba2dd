package dev.culprit.correlation.rank;

import dev.culprit.model.EntityRef;
import dev.culprit.model.Evidence;
import dev.culprit.model.RootCause;
import dev.culprit.model.SignalType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Baseline: ranks candidates by how many evidence items (anomalies and alerts of every signal type)
 * the incident holds about them, ties broken by the summed evidence score, then by name. No graph,
 * no history: what an operator does when sorting an alert list by entity.
 */
public final class AlertCountRanker implements RootCauseRanker {
  public static final String NAME = "count";
  private final int limit;

  public AlertCountRanker(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("Invalid limit: " + limit);
    }
    this.limit = limit;
  }

  public AlertCountRanker() {
    this(10);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<RootCause> rank(RankingInput input) {
    Map<EntityRef, List<Evidence>> groups =
        BaselineCandidates.group(input.evidence(), input.graph());
    Map<EntityRef, Double> sum = new HashMap<>();
    groups.forEach((c, ev) -> sum.put(c, ev.stream().mapToDouble(Evidence::score).sum()));
    List<EntityRef> order = new ArrayList<>(groups.keySet());
    order.sort(
        Comparator.comparingInt((EntityRef c) -> -groups.get(c).size())
            .thenComparingDouble(c -> -sum.get(c))
            .thenComparing(Comparator.naturalOrder()));
    List<RootCause> out = new ArrayList<>();
    for (EntityRef c : order.subList(0, Math.min(limit, order.size()))) {
      List<Evidence> ev = groups.get(c);
      out.add(
          BaselineCandidates.rootCause(
              c, ev.size(), ev, explain(c, ev, sum.get(c)), input.graph()));
    }
    return List.copyOf(out);
  }

  private static String explain(EntityRef c, List<Evidence> ev, double sum) {
    Map<SignalType, Integer> bySignal = new EnumMap<>(SignalType.class);
    ev.forEach(e -> bySignal.merge(e.signal(), 1, Integer::sum));
    StringJoiner parts = new StringJoiner(", ");
    bySignal.forEach((signal, n) -> parts.add(n + " " + signal.label()));
    return String.format(
        Locale.ROOT,
        "%s %s: %d evidence items (%s), summed score %.1f",
        c.kind().label(),
        c.name(),
        ev.size(),
        parts,
        sum);
  }
}
