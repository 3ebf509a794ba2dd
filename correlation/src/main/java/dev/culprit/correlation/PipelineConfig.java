package dev.culprit.correlation;

import dev.culprit.model.Scopes;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the Culprit pipeline. Every duration is event time.
 *
 * @param window size of the per-entity tumbling window that joins metrics, logs and traces
 * @param grace how late a signal may arrive and still count in its window
 * @param scope the incident scope signals are grouped in
 */
public record PipelineConfig(Duration window, Duration grace, String scope) {

  public PipelineConfig {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(grace, "grace");
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("Invalid window: " + window);
    }
    if (grace.isNegative()) {
      throw new IllegalArgumentException("Invalid grace: " + grace);
    }
    scope = scope == null ? Scopes.DEFAULT : scope;
  }

  /** The defaults: one-minute windows, ten seconds of grace, the default scope. */
  public static PipelineConfig defaults() {
    return new PipelineConfig(Duration.ofMinutes(1), Duration.ofSeconds(10), Scopes.DEFAULT);
  }
}
