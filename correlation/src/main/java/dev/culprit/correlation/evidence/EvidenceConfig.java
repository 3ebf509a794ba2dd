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
 * @param idleAdvance wall-clock time a task's input may be quiet before its event time moves on by
 *     the wall clock ({@link IdleClock}), so the last windows close and incidents open without a
 *     later record; zero (the default, for replays in event time) never
 */
public record EvidenceConfig(
    Duration window,
    Duration grace,
    int history,
    int minHistory,
    double threshold,
    int maxFeatures,
    Duration idleAdvance) {

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
    idleAdvance = idleAdvance == null ? Duration.ZERO : idleAdvance;
    if (idleAdvance.isNegative()) {
      throw new IllegalArgumentException("Invalid idleAdvance: " + idleAdvance);
    }
  }

  public EvidenceConfig(
      Duration window,
      Duration grace,
      int history,
      int minHistory,
      double threshold,
      int maxFeatures) {
    this(window, grace, history, minHistory, threshold, maxFeatures, Duration.ZERO);
  }

  /** These settings with event time moving on after {@code idle} of quiet input (zero: never). */
  public EvidenceConfig withIdleAdvance(Duration idle) {
    return new EvidenceConfig(window, grace, history, minHistory, threshold, maxFeatures, idle);
  }

  public static EvidenceConfig defaults() {
    return new EvidenceConfig(Duration.ofMinutes(1), Duration.ofSeconds(10), 60, 5, 4.0, 500);
  }
}
