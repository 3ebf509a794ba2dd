package dev.culprit.correlation.rank;

import dev.culprit.model.EntityRef;
import dev.culprit.model.Evidence;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How far each candidate's evidence rises above what the candidate usually shows: the quantity the
 * default ranker orders by, and the one the incident stage opens incidents on.
 */
public final class Excess {
  private Excess() {}

  /** Per candidate, its excess over its own background (log-scaled score units). */
  public static Map<EntityRef, Double> byCandidate(RankingInput input) {
    return byCandidate(input, RankerOptions.defaults());
  }

  /** As {@link #byCandidate(RankingInput)}, fusing with {@code options}' weights. */
  public static Map<EntityRef, Double> byCandidate(RankingInput input, RankerOptions options) {
    Map<EntityRef, List<Evidence>> groups = Candidates.group(input.evidence(), input.graph());
    var usual = Background.usual(input);
    AlertHistory history = perEntity(input.alertHistory());
    Map<EntityRef, Double> out = new HashMap<>();
    groups.forEach(
        (c, ev) ->
            out.put(
                c,
                EvidenceGraphRanker.strength(
                    ev, usual.getOrDefault(c, Map.of()), history, options)));
    return out;
  }

  /**
   * The history without its any-entity counts. Whether something unusual is happening at a
   * candidate is a question about that candidate, and the opening level is set on that scale; how
   * common an alert is across the system only helps to compare candidates, which is the ranker's
   * business.
   */
  private static AlertHistory perEntity(AlertHistory history) {
    return (entity, feature) ->
        AlertHistory.ANY_ENTITY.equals(entity) ? 0 : history.minutesFiring(entity, feature);
  }

  /** The evidence of each candidate, as the ranker groups it. */
  public static Map<EntityRef, List<Evidence>> evidenceByCandidate(RankingInput input) {
    return Candidates.group(input.evidence(), input.graph());
  }

  /** The largest excess of any candidate, 0 when there is no evidence. */
  public static double max(RankingInput input) {
    return byCandidate(input).values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
  }
}
