package dev.culprit.correlation.incident;

import dev.culprit.model.Trigger;
import java.util.List;

/**
 * The incident stage's state for one scope.
 *
 * @param open the open incident, or null
 * @param pending triggers waiting for event time to pass their horizon
 * @param seq sequence number of the last stored evidence
 * @param opened incidents opened so far in this scope
 */
record ScopeState(OpenIncident open, List<Trigger> pending, long seq, long opened) {
  ScopeState {
    pending = pending == null ? List.of() : List.copyOf(pending);
  }

  static ScopeState empty() {
    return new ScopeState(null, List.of(), 0, 0);
  }

  /**
   * The open incident.
   *
   * @param id incident id
   * @param version last version emitted (0 before the first)
   * @param openedAt event time it opened
   * @param lastStrong event time of the last tick whose level reached the sustain level
   * @param top the ranked entity keys last emitted, for change detection
   */
  record OpenIncident(String id, int version, long openedAt, long lastStrong, List<String> top) {
    OpenIncident {
      top = top == null ? List.of() : List.copyOf(top);
    }
  }
}
