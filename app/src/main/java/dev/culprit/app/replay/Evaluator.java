package dev.culprit.app.replay;

import dev.culprit.ingest.dataset.FaultLabel;
import dev.culprit.model.EntityKind;
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
 * trigger produced. Rankings are compared at the dataset's root-cause level.
 */
public final class Evaluator {
  public static final Duration BEFORE = Duration.ofSeconds(60);
  public static final Duration AFTER = Duration.ofSeconds(300);
  private static final int RANKING_SIZE = 5;

  private final EntityKind level;

  /** Evaluates at {@code level}: services compare by service, others by entity name. */
  public Evaluator(EntityKind level) {
    this.level = level;
  }

  /** The final state of every incident, by id. */
  public record Outcome(List<FaultLabel> faults, Map<String, Incident> incidents) {}

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
      List<String> ranking = match == null ? List.of() : ranking(match);
      String truth = truthName(f);
      int idx = ranking.indexOf(truth);
      cases.add(
          new ReplayReport.Case(
              f.id(),
              truth,
              f.kind(),
              Instant.ofEpochMilli(f.time()).toString(),
              ranking,
              idx < 0 ? null : idx + 1,
              match != null && !match.rootCauses().isEmpty(),
              match == null ? null : match.id()));
    }
    return cases;
  }

  /** The number of self-opened incidents, and those that matched no fault. */
  public static int[] incidentCounts(Outcome outcome, Set<String> matched) {
    int opened = 0;
    int unmatched = 0;
    Set<String> seen = new HashSet<>();
    for (Incident i : outcome.incidents().values()) {
      if (i.trigger() == null && seen.add(i.id())) {
        opened++;
        if (!matched.contains(i.id())) {
          unmatched++;
        }
      }
    }
    return new int[] {opened, unmatched};
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

  private String truthName(FaultLabel f) {
    return level == EntityKind.SERVICE && f.truthService() != null
        ? f.truthService()
        : f.truth().name();
  }

  /** The incident's ranking mapped to the evaluation level, duplicates removed. */
  List<String> ranking(Incident incident) {
    Set<String> names = new LinkedHashSet<>();
    for (RootCause rc : incident.rootCauses()) {
      String name =
          level == EntityKind.SERVICE && rc.service() != null ? rc.service() : rc.entity();
      names.add(name);
      if (names.size() == RANKING_SIZE) {
        break;
      }
    }
    return List.copyOf(names);
  }
}
