package dev.culprit.correlation.rank;

import dev.culprit.model.EntityRef;
import dev.culprit.model.Evidence;
import java.util.HashMap;
import java.util.Map;

/**
 * What each candidate usually shows: per feature (signal type and feature, see {@link #key}), a
 * high quantile over background windows of the strongest evidence in each window (log-scaled;
 * windows without evidence count as zero). A quantile rather than the mean, so that an entity noisy
 * in a fifth of its windows is known as noisy, while one earlier fault in the background does not
 * hide the next. Per feature rather than per signal type, so that a kind of evidence the candidate
 * has never shown counts in full even when the candidate is noisy in other ways.
 */
final class Background {
  static final double QUANTILE = 0.8;

  private Background() {}

  /** The background key of a piece of evidence: its signal type and feature. */
  static String key(Evidence e) {
    return e.signal().name() + "|" + e.feature();
  }

  static Map<EntityRef, Map<String, Double>> usual(RankingInput input) {
    Map<EntityRef, Map<String, Map<Long, Double>>> perWindow = new HashMap<>();
    for (Evidence e : input.background()) {
      if (Candidates.outbound(e)) {
        continue;
      }
      EntityRef c = Candidates.candidateOf(e, input.graph());
      perWindow
          .computeIfAbsent(c, k -> new HashMap<>())
          .computeIfAbsent(key(e), k -> new HashMap<>())
          .merge(e.time(), Math.log1p(e.score()), Math::max);
    }
    Map<EntityRef, Map<String, Double>> out = new HashMap<>();
    if (perWindow.isEmpty()) {
      return out;
    }
    double windows = Math.max(1, (input.from() - input.backgroundFrom()) / 60_000.0);
    perWindow.forEach(
        (c, bySignal) -> {
          Map<String, Double> m = new HashMap<>();
          bySignal.forEach((key, byTime) -> m.put(key, quantile(byTime.values(), windows)));
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
