package dev.culprit.correlation.evidence;

import dev.culprit.correlation.scope.ScopedEvent;
import dev.culprit.model.Alert;
import dev.culprit.model.Evidence;

/** Test access to how the evidence stage turns an alert into evidence. */
public final class EvidenceStageProbe {
  private EvidenceStageProbe() {}

  public static Evidence alertEvidence(Alert a) {
    return ((ScopedEvent.EvidenceEvent) EvidenceStage.alertEvidence(a)).evidence();
  }
}
