package dev.culprit.correlation.rank;

import dev.culprit.model.EntityRef;
import dev.culprit.model.Evidence;
import dev.culprit.model.SignalType;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * What each candidate usually shows: per signal type, a high quantile over background windows of
 * the strongest evidence in each window (log-scaled; windows without evidence count as zero). A
 * quantile rather than the mean, so that an entity noisy in a fifth of its windows is known as
 * noisy, while one earlier fault in the background does not hide the next.
 */
final class Background {
  static final double QUANTILE = 0.8;

  private Background() {}

  static Map<EntityRef, Map<SignalType, Double>> usual(RankingInput input) {
    Map<EntityRef, Map<SignalType, Map<Long, Double>>> perWindow = new HashMap<>();
    for (Evidence e : input.background()) {
      if (Candidates.outbound(e)) {
        continue;
      }
      EntityRef c = Candidates.candidateOf(e, input.graph());
      perWindow
          .computeIfAbsent(c, k -> new EnumMap<>(SignalType.class))
          .computeIfAbsent(e.signal(), k -> new HashMap<>())
          .merge(e.time(), Math.log1p(e.score()), Math::max);
    }
    Map<EntityRef, Map<SignalType, Double>> out = new HashMap<>();
    if (perWindow.isEmpty()) {
      return out;
    }
    double windows = Math.max(1, (input.from() - input.backgroundFrom()) / 60_000.0);
    perWindow.forEach(
        (c, bySignal) -> {
          Map<SignalType, Double> m = new EnumMap<>(SignalType.class);
          bySignal.forEach((signal, byTime) -> m.put(signal, quantile(byTime.values(), windows)));
          out.put(c, m);
        });
    return out;
  }

  /** The {@link #QUANTILE} of the values, padded with zeros to {@code windows} values. */
  static double quantile(java.util.Collection<Double> values, double windows) {
    int n = (int) Math.max(values.size(), Math.round(windows));
    double[] all = new double[n];
    int i = n - values.size();
    for (double v : values) {
      all[i++] = v;
    }
    java.util.Arrays.sort(all);
    return all[(int) Math.floor(QUANTILE * (n - 1))];
  }
}
