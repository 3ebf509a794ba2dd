package dev.culprit.correlation.rank;

import dev.culprit.model.EntityRef;
import dev.culprit.model.Evidence;
import dev.culprit.model.SignalType;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * What each candidate usually shows: per signal type, the mean over background windows of the
 * strongest evidence in each window (log-scaled; windows without evidence count as zero).
 */
final class Background {
  private Background() {}

  static Map<EntityRef, Map<SignalType, Double>> usual(RankingInput input) {
    Map<EntityRef, Map<SignalType, Map<Long, Double>>> perWindow = new HashMap<>();
    long earliest = Long.MAX_VALUE;
    for (Evidence e : input.background()) {
      EntityRef c = Candidates.candidateOf(e, input.graph());
      perWindow
          .computeIfAbsent(c, k -> new EnumMap<>(SignalType.class))
          .computeIfAbsent(e.signal(), k -> new HashMap<>())
          .merge(e.time(), Math.log1p(e.score()), Math::max);
      earliest = Math.min(earliest, e.time());
    }
    Map<EntityRef, Map<SignalType, Double>> out = new HashMap<>();
    if (perWindow.isEmpty()) {
      return out;
    }
    double windows = Math.max(1, (input.from() - earliest) / 60_000.0);
    perWindow.forEach(
        (c, bySignal) -> {
          Map<SignalType, Double> m = new EnumMap<>(SignalType.class);
          bySignal.forEach(
              (signal, byTime) ->
                  m.put(
                      signal,
                      byTime.values().stream().mapToDouble(Double::doubleValue).sum() / windows));
          out.put(c, m);
        });
    return out;
  }
}
