package dev.culprit.train;

import dev.culprit.correlation.suppress.AlertFeatures;
import dev.culprit.correlation.suppress.FeatureHistory;
import dev.culprit.correlation.suppress.NoiseModelTrainer;
import dev.culprit.model.Evidence;
import dev.culprit.model.GraphEdge;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the evidence of a training replay into the samples a noise model is fitted on, computing
 * each item's history context exactly as the pipeline's suppression stage does: in event-time
 * order, per scope, with the graph's degrees.
 */
public final class TrainingSamples {
  private TrainingSamples() {}

  /**
   * Samples for {@code outcomes}, with contexts computed over all of {@code items} (left-out items
   * still make history), in {@code scope}, with degrees from {@code edges}.
   */
  public static List<NoiseModelTrainer.Sample> of(
      List<Evidence> items,
      List<TrainingOutcomes.Outcome> outcomes,
      Collection<GraphEdge> edges,
      String scope) {
    Map<String, Integer> degree = new HashMap<>();
    Map<String, GraphEdge> latest = new HashMap<>();
    for (GraphEdge e : edges) {
      latest.put(e.key(), e);
    }
    for (GraphEdge e : latest.values()) {
      degree.merge(e.source().key(), 1, Integer::sum);
      degree.merge(e.target().key(), 1, Integer::sum);
    }
    FeatureHistory history = new FeatureHistory(FeatureHistory.Store.over(new HashMap<>()));
    Map<Evidence, Boolean> fate = new IdentityHashMap<>();
    for (TrainingOutcomes.Outcome o : outcomes) {
      fate.put(o.evidence(), o.noise());
    }
    List<Evidence> ordered = new ArrayList<>(items);
    ordered.sort(java.util.Comparator.comparingLong(Evidence::time));
    List<NoiseModelTrainer.Sample> out = new ArrayList<>();
    for (Evidence e : ordered) {
      FeatureHistory.Context c =
          history.observe(scope, e, degree.getOrDefault(e.entity().key(), 0));
      Boolean noise = fate.get(e);
      if (noise == null || c.duplicate()) {
        continue;
      }
      out.add(
          new NoiseModelTrainer.Sample(
              AlertFeatures.of(e, c), noise, e.family(), e.entity().kind().label()));
    }
    return out;
  }
}
