package dev.culprit.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Objects;

/**
 * Anomaly evidence about one entity from one signal: a metric, a log template or an operation that
 * departs from the entity's learned history. Feature and detail are kept within {@link Limits}.
 *
 * @param resource the entity (and what it belongs to)
 * @param signal the modality the evidence comes from
 * @param feature the metric name, log template or operation
 * @param score strength of the departure (robust z-score or equivalent, always positive)
 * @param value the observed value in the window
 * @param baseline the expected value from history
 * @param direction whether the value went up or down
 * @param onset when the departure started (epoch millis)
 * @param time the end of the window that produced this evidence (epoch millis)
 * @param detail a short human-readable description
 * @param suppression why the item may not open an incident on its own, or null when it may
 */
public record Evidence(
    Resource resource,
    SignalType signal,
    String feature,
    double score,
    double value,
    double baseline,
    Direction direction,
    long onset,
    long time,
    String detail,
    Suppression suppression) {

  public Evidence {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(signal, "signal");
    Objects.requireNonNull(feature, "feature");
    feature = Limits.clip(feature, Limits.FEATURE_CHARS);
    direction = direction == null ? Direction.UP : direction;
    detail = detail == null ? "" : Limits.clip(detail, Limits.TEXT_CHARS);
  }

  /** Evidence that no suppression rule has held back. */
  public Evidence(
      Resource resource,
      SignalType signal,
      String feature,
      double score,
      double value,
      double baseline,
      Direction direction,
      long onset,
      long time,
      String detail) {
    this(resource, signal, feature, score, value, baseline, direction, onset, time, detail, null);
  }

  /** This evidence with {@code s} as its suppression decision (null lifts it). */
  public Evidence withSuppression(Suppression s) {
    return new Evidence(
        resource, signal, feature, score, value, baseline, direction, onset, time, detail, s);
  }

  /** Whether a suppression rule has held this evidence back from opening incidents. */
  @JsonIgnore
  public boolean suppressed() {
    return suppression != null;
  }

  @JsonIgnore
  public EntityRef entity() {
    return resource.primary();
  }

  /** Direction of a departure from baseline. */
  public enum Direction {
    UP,
    DOWN,
    NEW
  }
}
