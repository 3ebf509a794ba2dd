package dev.culprit.ingest.dataset;

import dev.culprit.model.EntityRef;
import java.util.Objects;

/**
 * A labelled fault. {@code truth} is the root-cause entity at the dataset's root-cause level;
 * {@code truthService} is its service (may equal {@code truth.name()}), or null when the root cause
 * belongs to no service (a node). {@code time} is the injection time in epoch millis; {@code kind}
 * the dataset's fault type.
 */
public record FaultLabel(String id, long time, EntityRef truth, String truthService, String kind) {

  public FaultLabel {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(truth, "truth");
    Objects.requireNonNull(kind, "kind");
  }
}
