package dev.culprit.correlation.evidence;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the {@link EvidenceStage}.
 *
 * @param window size of the per-entity tumbling window (event time)
 * @param grace how late a signal may be and still count in its window
 * @param history windows of history kept per feature
 * @param minHistory windows of history needed before a feature is scored
 * @param threshold score from which a departure becomes evidence
 * @param maxFeatures features tracked per entity; the least recently seen go first
 */
public record EvidenceConfig(
    Duration window,
    Duration grace,
    int history,
    int minHistory,
    double threshold,
    int maxFeatures) {

  public EvidenceConfig {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(grace, "grace");
    if (!window.isPositive()) {
      throw new IllegalArgumentException("Invalid window: " + window);
    }
    if (grace.isNegative()) {
      throw new IllegalArgumentException("Invalid grace: " + grace);
    }
    if (history < 3 || minHistory < 1 || minHistory > history) {
      throw new IllegalArgumentException(
          "Invalid history/minHistory: " + history + "/" + minHistory);
    }
    if (!(threshold > 0)) {
      throw new IllegalArgumentException("Invalid threshold: " + threshold);
    }
    if (maxFeatures < 1) {
      throw new IllegalArgumentException("Invalid maxFeatures: " + maxFeatures);
    }
  }

  public static EvidenceConfig defaults() {
    return new EvidenceConfig(Duration.ofMinutes(1), Duration.ofSeconds(10), 60, 5, 4.0, 500);
  }
}
