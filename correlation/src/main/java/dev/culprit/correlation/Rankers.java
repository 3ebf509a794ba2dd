package dev.culprit.correlation;

import dev.culprit.correlation.rank.EvidenceGraphRanker;
import dev.culprit.correlation.rank.RootCauseRanker;
import java.util.List;
import java.util.function.Supplier;

/** The rankers available by name. */
public final class Rankers {
  public static final String DEFAULT = "culprit";

  private Rankers() {}

  public static List<String> names() {
    return List.of(DEFAULT);
  }

  public static Supplier<RootCauseRanker> supplier(String name) {
    return switch (name) {
      case DEFAULT -> EvidenceGraphRanker::new;
      default ->
          throw new IllegalArgumentException(
              "Invalid ranker: " + name + " (known: " + String.join(", ", names()) + ")");
    };
  }
}
