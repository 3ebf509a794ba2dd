package dev.culprit.correlation;

import dev.culprit.correlation.rank.AlertCountRanker;
import dev.culprit.correlation.rank.EvidenceGraphRanker;
import dev.culprit.correlation.rank.MicroRcaRanker;
import dev.culprit.correlation.rank.RankerOptions;
import dev.culprit.correlation.rank.RootCauseRanker;
import java.util.List;
import java.util.function.Supplier;

/**
 * The rankers available by name: Culprit's own ({@value #DEFAULT}) and two baselines to measure it
 * against, {@value AlertCountRanker#NAME} (evidence count per entity) and {@value
 * MicroRcaRanker#NAME} (personalized PageRank on the anomalous subgraph, as in MicroRCA).
 */
public final class Rankers {
  public static final String DEFAULT = "culprit";

  private Rankers() {}

  public static List<String> names() {
    return List.of(DEFAULT, AlertCountRanker.NAME, MicroRcaRanker.NAME);
  }

  public static Supplier<RootCauseRanker> supplier(String name) {
    return supplier(name, RankerOptions.defaults());
  }

  /** The ranker named {@code name}; Culprit's own with {@code options}. */
  public static Supplier<RootCauseRanker> supplier(String name, RankerOptions options) {
    return switch (name) {
      case DEFAULT -> () -> new EvidenceGraphRanker(options);
      case AlertCountRanker.NAME -> AlertCountRanker::new;
      case MicroRcaRanker.NAME -> MicroRcaRanker::new;
      default ->
          throw new IllegalArgumentException(
              "Invalid ranker: " + name + " (known: " + String.join(", ", names()) + ")");
    };
  }
}
