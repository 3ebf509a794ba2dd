package dev.culprit.model;

import java.util.Objects;

/**
 * Why an alert or anomaly was held back from opening incidents. A suppressed item stays visible: it
 * is published to {@code culprit.suppressed} with this decision and may still serve as evidence in
 * an incident that other signals opened.
 *
 * @param kind what kind of rule decided
 * @param reason one line a person can check
 * @param cluster the learned cluster the item was assigned to, or null for rules without a model
 * @param noiseRate the share of that cluster's history that led nowhere (0 for rules)
 * @param confidence how sure the decision is, 0 to 1
 * @param model the version of the model that decided, or null for rules without a model
 */
public record Suppression(
    Kind kind, String reason, Integer cluster, double noiseRate, double confidence, String model) {

  public Suppression {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(reason, "reason");
    reason = Limits.clip(reason, Limits.TEXT_CHARS);
  }

  /** The kind of rule that decided. */
  public enum Kind {
    /** The item falls in a learned cluster of history that was mostly noise. */
    CLUSTER,
    /** The same item (entity, feature, onset and window) was seen before. */
    DUPLICATE,
    /** The item's entity and feature started and stopped repeatedly within a short window. */
    FLAPPING
  }
}
