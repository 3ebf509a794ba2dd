package dev.culprit.train;

import dev.culprit.ingest.dataset.FaultLabel;
import dev.culprit.model.Evidence;
import dev.culprit.model.Incident;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * What became of each historical item, the label a noise model learns from. An item that was part
 * of a confirmed incident was not noise; one that was part of a false positive, or led to no
 * confirmed incident, was. Items whose fate is unknown are left out rather than guessed.
 */
public final class TrainingOutcomes {
  /** Minutes around a labelled fault that a fault-free reference may not teach. */
  static final Duration FAULT_BEFORE = Duration.ofMinutes(5);

  static final Duration FAULT_AFTER = Duration.ofMinutes(20);

  /** An incident's items: from this long before it opened until its last version. */
  static final Duration INCIDENT_LOOKBACK = Duration.ofMinutes(2);

  /** One item and its fate: {@code noise} true when it led nowhere. */
  public record Outcome(Evidence evidence, boolean noise) {}

  /** Counts of what was learned from and what was left out. */
  public record Summary(int items, int noise, int confirmed, int leftOut) {}

  private TrainingOutcomes() {}

  /**
   * Outcomes from a fault-free reference: everything led nowhere, except the minutes around the
   * known {@code faults} (reference files may hold them too), which are left out.
   */
  public static List<Outcome> faultFree(List<Evidence> items, List<FaultLabel> faults) {
    List<Outcome> out = new ArrayList<>();
    for (Evidence e : items) {
      if (!nearFault(e, faults)) {
        out.add(new Outcome(e, true));
      }
    }
    return out;
  }

  /**
   * An incident a person or a label confirmed, with the entity that was at fault and, when that is
   * an instance, its service (null when unknown or the same).
   */
  public record Confirmed(Incident incident, String rootCause, String rootService) {
    public Confirmed(Incident incident, String rootCause) {
      this(incident, rootCause, null);
    }

    /**
     * Whether {@code e} is about the root cause: it names the entity as service, instance or node,
     * or it is service-level evidence of the root cause's service.
     */
    boolean explains(Evidence e) {
      return about(e, rootCause)
          || (rootService != null
              && rootService.equals(e.resource().service())
              && e.resource().instance() == null);
    }
  }

  /**
   * Outcomes from labelled history. In {@code confirmed} incidents, items about a root cause of any
   * of the incidents the item falls in (the entity itself, anything on it when it is a node, or
   * service-level evidence of its service) were not noise, and their other items were: they did not
   * point at the cause. Items of {@code falsePositives} were noise. Items outside both that are
   * near a labelled fault, or inside an {@code unknown} incident (nobody said what it was), are
   * left out; all others led to nothing and were noise.
   */
  public static List<Outcome> labelled(
      List<Evidence> items,
      Collection<Confirmed> confirmed,
      Collection<Incident> falsePositives,
      Collection<Incident> unknown,
      List<FaultLabel> faults) {
    List<Outcome> out = new ArrayList<>();
    for (Evidence e : items) {
      List<Confirmed> around = confirmedAt(e, confirmed);
      if (!around.isEmpty()) {
        out.add(new Outcome(e, around.stream().noneMatch(c -> c.explains(e))));
      } else if (within(e, falsePositives)) {
        out.add(new Outcome(e, true));
      } else if (!nearFault(e, faults) && !within(e, unknown)) {
        out.add(new Outcome(e, true));
      }
    }
    return out;
  }

  /** Whether {@code e} is about {@code entity}: names it as service, instance or node. */
  static boolean about(Evidence e, String entity) {
    var r = e.resource();
    return entity.equals(r.service()) || entity.equals(r.instance()) || entity.equals(r.node());
  }

  /** The confirmed incidents whose time span holds {@code e}. */
  private static List<Confirmed> confirmedAt(Evidence e, Collection<Confirmed> confirmed) {
    List<Confirmed> out = new ArrayList<>();
    for (Confirmed c : confirmed) {
      if (within(e, List.of(c.incident()))) {
        out.add(c);
      }
    }
    return out;
  }

  /** The summary of {@code outcomes} out of {@code items} items. */
  public static Summary summary(List<Outcome> outcomes, int items) {
    int noise = (int) outcomes.stream().filter(Outcome::noise).count();
    return new Summary(items, noise, outcomes.size() - noise, items - outcomes.size());
  }

  /** Ids of {@code incidents}, for tests and messages. */
  static Set<String> ids(Collection<Incident> incidents) {
    return Set.copyOf(incidents.stream().map(Incident::id).toList());
  }

  private static boolean nearFault(Evidence e, List<FaultLabel> faults) {
    for (FaultLabel f : faults) {
      if (e.time() >= f.time() - FAULT_BEFORE.toMillis()
          && e.time() <= f.time() + FAULT_AFTER.toMillis()) {
        return true;
      }
    }
    return false;
  }

  private static boolean within(Evidence e, Collection<Incident> incidents) {
    for (Incident i : incidents) {
      if (e.time() >= i.openedAt() - INCIDENT_LOOKBACK.toMillis() && e.time() <= i.updatedAt()) {
        return true;
      }
    }
    return false;
  }
}
