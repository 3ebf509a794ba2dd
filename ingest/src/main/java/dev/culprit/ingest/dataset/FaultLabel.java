package dev.culprit.ingest.dataset;

import dev.culprit.model.EntityRef;
import java.util.Objects;

/**
 * A labelled fault. {@code truth} is the root-cause entity at the dataset's root-cause level;
 * {@code truthService} is its service (may equal {@code truth.name()}), or null when the root cause
 * belongs to no service (a node) or the labels do not say. {@code time} is the injection time in
 * epoch millis; {@code kind} the dataset's fault type; {@code end} when the fault ended, in epoch
 * millis, or null when the labels do not say.
 */
public record FaultLabel(
    String id, long time, EntityRef truth, String truthService, String kind, Long end) {

  public FaultLabel {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(truth, "truth");
    Objects.requireNonNull(kind, "kind");
    if (end != null && end < time) {
      throw new IllegalArgumentException("Invalid fault end: " + end + " before its start " + time);
    }
  }

  /** A fault whose end the labels do not give. */
  public FaultLabel(String id, long time, EntityRef truth, String truthService, String kind) {
    this(id, time, truth, truthService, kind, null);
  }
}
