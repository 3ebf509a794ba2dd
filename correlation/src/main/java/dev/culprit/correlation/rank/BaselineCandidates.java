package dev.culprit.correlation.rank;

import dev.culprit.model.EntityKind;
import dev.culprit.model.EntityRef;
import dev.culprit.model.Evidence;
import dev.culprit.model.Resource;
import dev.culprit.model.RootCause;
import dev.culprit.topology.EntityGraph;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The candidates of the baseline rankers and how they report them. The level is the one the
 * evidence names: the service when the evidence or the graph says which service an instance belongs
 * to, else the instance or node itself. Kept apart from the default ranker's candidates so a change
 * there does not silently change the baselines.
 */
final class BaselineCandidates {
  static final int EVIDENCE_SHOWN = 5;

  private BaselineCandidates() {}

  /** The candidate one evidence item speaks for. */
  static EntityRef candidateOf(Evidence e, EntityGraph graph) {
    Resource r = e.resource();
    if (r.service() != null) {
      return EntityRef.service(r.service());
    }
    return levelOf(r.primary(), graph);
  }

  /** An entity of the graph at candidate level: an instance as its service when known. */
  static EntityRef levelOf(EntityRef entity, EntityGraph graph) {
    return entity.kind() == EntityKind.INSTANCE ? graph.serviceOf(entity) : entity;
  }

  /** Every evidence item under its candidate, in first-seen order. */
  static Map<EntityRef, List<Evidence>> group(List<Evidence> evidence, EntityGraph graph) {
    Map<EntityRef, List<Evidence>> out = new LinkedHashMap<>();
    for (Evidence e : evidence) {
      out.computeIfAbsent(candidateOf(e, graph), k -> new ArrayList<>()).add(e);
    }
    return out;
  }

  /** A root cause for {@code c}: its strongest evidence first, at most {@link #EVIDENCE_SHOWN}. */
  static RootCause rootCause(
      EntityRef c, double score, List<Evidence> evidence, String explanation, EntityGraph graph) {
    List<Evidence> strongest = new ArrayList<>(evidence);
    strongest.sort(Comparator.comparingDouble(Evidence::score).reversed());
    EntityRef service = graph.serviceOf(c);
    return new RootCause(
        c.name(),
        c.kind(),
        service.kind() == EntityKind.SERVICE ? service.name() : null,
        score,
        strongest.subList(0, Math.min(EVIDENCE_SHOWN, strongest.size())),
        explanation);
  }
}
