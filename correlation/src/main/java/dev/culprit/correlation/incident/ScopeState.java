package dev.culprit.correlation.incident;

import dev.culprit.model.Evidence;
import dev.culprit.model.Trigger;
import java.util.List;
import java.util.Map;

/**
 * The incident stage's state for one scope.
 *
 * @param open the open incidents, oldest first (at most one with {@link
 *     IncidentConfig.Grouping#SCOPE}; one per unrelated part of the graph with {@code GRAPH})
 * @param pending triggers waiting for event time to pass their horizon
 * @param seq sequence number of the last stored evidence
 * @param opened incidents opened so far in this scope
 * @param lastTick event time of the last tick
 * @param late evidence that arrived after the tick for its time had passed (evidence that needs
 *     whole traces is minutes late), held for the next tick to weigh as if it were current
 * @param past the time spans of incidents that ended within the background period: what happened
 *     during an incident is not what its entities usually show, so rankings leave it out
 * @param firing external alerts firing now (key: entity and name, {@link
 *     dev.culprit.correlation.scope.ScopedEvent.AlertState#key}) and until when: an open incident
 *     that holds one of them stays open while it fires
 */
record ScopeState(
    List<OpenIncident> open,
    List<Trigger> pending,
    long seq,
    long opened,
    long lastTick,
    List<Evidence> late,
    List<Span> past,
    Map<String, Long> firing) {
  /** At most this many firing alerts are remembered per scope; those ending soonest go first. */
  static final int MAX_FIRING = 5_000;

  /** At most this much late evidence waits for a tick; the strongest is kept. */
  static final int MAX_LATE = 500;

  ScopeState {
    open = open == null ? List.of() : List.copyOf(open);
    pending = pending == null ? List.of() : List.copyOf(pending);
    late = late == null ? List.of() : List.copyOf(late);
    past = past == null ? List.of() : List.copyOf(past);
    firing = firing == null ? Map.of() : Map.copyOf(firing);
  }

  static ScopeState empty() {
    return new ScopeState(
        List.of(), List.of(), 0, 0, Long.MIN_VALUE, List.of(), List.of(), Map.of());
  }

  /** The time span of an incident, from its lookback before it opened until it ended. */
  record Span(long from, long to) {
    boolean contains(long t) {
      return t >= from && t <= to;
    }
  }

  /**
   * An open incident.
   *
   * @param id incident id
   * @param version last version emitted (0 before the first)
   * @param openedAt event time it opened
   * @param lastStrong event time of the last tick whose level reached the sustain level
   * @param top the ranked entity keys last emitted, for change detection
   * @param seed the key of the entity whose trouble opened it: with its top causes it says which
   *     part of the graph the incident is about
   */
  record OpenIncident(
      String id, int version, long openedAt, long lastStrong, List<String> top, String seed) {
    OpenIncident {
      top = top == null ? List.of() : List.copyOf(top);
    }

    /** This incident, strong at {@code now}. */
    OpenIncident strongAt(long now) {
      return new OpenIncident(id, version, openedAt, now, top, seed);
    }

    /** The keys that place it in the graph: its seed and its top causes. */
    List<String> anchors() {
      List<String> out = new java.util.ArrayList<>(top);
      if (seed != null) {
        out.add(seed);
      }
      return out;
    }
  }
}
