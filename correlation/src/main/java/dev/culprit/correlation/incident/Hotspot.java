package dev.culprit.correlation.incident;

import dev.culprit.correlation.rank.Excess;
import dev.culprit.correlation.rank.RankingInput;
import dev.culprit.model.EntityRef;
import dev.culprit.model.Evidence;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The hottest candidate of a region now, whether it may open an incident (its excess reaches the
 * opening level and the opening policy admits its evidence), and its excess.
 */
record Hotspot(EntityRef entity, String region, double level, boolean opens) {

  /** Per region, its hottest candidate (ties to the smaller key, as the ranker breaks them). */
  static Map<String, Hotspot> byRegion(
      RankingInput current, Regions regions, IncidentConfig config) {
    Map<EntityRef, Double> excess = Excess.byCandidate(current, config.fusion());
    Map<EntityRef, List<Evidence>> byCandidate = Excess.evidenceByCandidate(current);
    Comparator<Map.Entry<EntityRef, Double>> order =
        Map.Entry.<EntityRef, Double>comparingByValue()
            .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder()));
    Map<String, Map.Entry<EntityRef, Double>> best = new HashMap<>();
    for (Map.Entry<EntityRef, Double> e : excess.entrySet()) {
      best.merge(regions.of(e.getKey()), e, (a, b) -> order.compare(a, b) >= 0 ? a : b);
    }
    Map<String, Hotspot> out = new HashMap<>();
    best.forEach(
        (region, e) ->
            out.put(
                region,
                new Hotspot(
                    e.getKey(),
                    region,
                    e.getValue(),
                    e.getValue() >= config.openLevel()
                        && config
                            .opening()
                            .admits(byCandidate.getOrDefault(e.getKey(), List.of())))));
    return out;
  }

  /** The hottest of the hotspots related to {@code own} regions, or null when none has evidence. */
  static Hotspot hottest(Map<String, Hotspot> hottest, Set<String> own) {
    Hotspot best = null;
    for (Hotspot h : hottest.values()) {
      if (Regions.related(h.region(), own)
          && (best == null
              || h.level() > best.level()
              || (h.level() == best.level() && h.entity().compareTo(best.entity()) < 0))) {
        best = h;
      }
    }
    return best;
  }
}
