package dev.culprit.replay;

import dev.culprit.ingest.dataset.FaultLabel;
import dev.culprit.model.EntityRef;
import dev.culprit.model.Incident;
import dev.culprit.model.RootCause;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores incidents against labelled faults. Detection protocol: a fault is matched with the first
 * incident opened within [start − before, start + after]; triggered protocol: with the incident its
 * trigger produced. The strict rank compares root causes with the labelled entity at its own level
 * (a service label is also met by a service-level root cause); the service rank maps both sides to
 * their service, so an instance counts for its service. An incident that matched no fault is a
 * false incident, unless it opened while a fault whose end the labels give was still on ([start −
 * before, end]).
 */
public final class Evaluator {
  public static final Duration BEFORE = Duration.ofSeconds(60);
  public static final Duration AFTER = Duration.ofSeconds(300);
  private static final int RANKING_SIZE = 5;

  /** The final state of every incident, by id. */
  public record Outcome(List<FaultLabel> faults, Map<String, Incident> incidents) {}

  /**
   * One case per fault; the ids of self-opened incidents that matched a fault go to {@code
   * matched}.
   */
  public List<ReplayReport.Case> cases(Outcome outcome, boolean triggered, Set<String> matched) {
    List<Incident> opened =
        outcome.incidents().values().stream()
            .filter(i -> i.trigger() == null)
            .sorted(Comparator.comparingLong(Incident::openedAt).thenComparing(Incident::id))
            .toList();
    List<ReplayReport.Case> cases = new ArrayList<>();
    for (FaultLabel f : outcome.faults()) {
      Incident match = triggered ? byTrigger(outcome, f) : firstOpened(opened, f);
      if (match != null && match.trigger() == null) {
        matched.add(match.id());
      }
      List<RootCause> causes = match == null ? List.of() : distinct(match.rootCauses());
      int strict = position(causes.stream().map(rc -> strictMatch(rc, f.truth())).toList());
      List<String> services = causes.stream().map(Evaluator::serviceName).distinct().toList();
      int service = services.indexOf(serviceName(f));
      cases.add(
          new ReplayReport.Case(
              f.id(),
              f.truth().name(),
              f.kind(),
              Instant.ofEpochMilli(f.time()).toString(),
              causes.stream().map(RootCause::entity).toList(),
              strict < 0 ? null : strict + 1,
              service < 0 ? null : service + 1,
              match != null && !match.rootCauses().isEmpty(),
              match == null ? null : match.id()));
    }
    return cases;
  }

  /**
   * The number of self-opened incidents, and those that matched no fault and opened during none.
   */
  public static int[] incidentCounts(Outcome outcome, Set<String> matched) {
    int opened = 0;
    int unmatched = 0;
    Set<String> seen = new HashSet<>();
    for (Incident i : outcome.incidents().values()) {
      if (i.trigger() == null && seen.add(i.id())) {
        opened++;
        if (!matched.contains(i.id()) && !duringAFault(i, outcome.faults())) {
          unmatched++;
        }
      }
    }
    return new int[] {opened, unmatched};
  }

  /**
   * What scoring needs of an incident: its id, times, trigger and root causes without their
   * evidence. A replay keeps only this of every incident, so its memory does not grow with the
   * evidence of weeks.
   */
  public static Incident scored(Incident i) {
    return new Incident(
        i.id(),
        i.version(),
        i.scope(),
        i.openedAt(),
        i.updatedAt(),
        i.status(),
        List.of(),
        List.of(),
        List.of(),
        i.rootCauses().stream()
            .map(rc -> new RootCause(rc.entity(), rc.kind(), rc.service(), rc.score(), null, null))
            .toList(),
        null,
        i.trigger(),
        null);
  }

  private static boolean duringAFault(Incident i, List<FaultLabel> faults) {
    for (FaultLabel f : faults) {
      if (f.end() != null
          && i.openedAt() >= f.time() - BEFORE.toMillis()
          && i.openedAt() <= f.end()) {
        return true;
      }
    }
    return false;
  }

  static boolean strictMatch(RootCause rc, EntityRef truth) {
    return rc.kind() == truth.kind() && rc.entity().equals(truth.name());
  }

  static String serviceName(RootCause rc) {
    return rc.service() != null ? rc.service() : rc.entity();
  }

  static String serviceName(FaultLabel f) {
    return f.truthService() != null ? f.truthService() : f.truth().name();
  }

  /** Root causes with duplicates (same kind and name) removed, at most five. */
  private static List<RootCause> distinct(List<RootCause> causes) {
    Set<String> seen = new LinkedHashSet<>();
    List<RootCause> out = new ArrayList<>();
    for (RootCause rc : causes) {
      if (seen.add(rc.kind().label() + ":" + rc.entity()) && out.size() < RANKING_SIZE) {
        out.add(rc);
      }
    }
    return out;
  }

  private static int position(List<Boolean> matches) {
    return matches.indexOf(Boolean.TRUE);
  }

  private static Incident byTrigger(Outcome outcome, FaultLabel f) {
    return outcome.incidents().get("trigger-" + f.id());
  }

  private static Incident firstOpened(List<Incident> opened, FaultLabel f) {
    long from = f.time() - BEFORE.toMillis();
    long to = f.time() + AFTER.toMillis();
    for (Incident i : opened) {
      if (i.openedAt() >= from && i.openedAt() <= to) {
        return i;
      }
    }
    return null;
  }
}
