package dev.culprit.correlation.incident;

import dev.culprit.model.EntityRef;
import dev.culprit.model.Evidence;
import dev.culprit.model.Incident;
import dev.culprit.model.Limits;
import dev.culprit.model.RootCause;
import dev.culprit.model.Subgraph;
import dev.culprit.model.Topics;
import dev.culprit.topology.EntityGraph;
import dev.culprit.topology.alg.Subgraphs;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Builds incident records from evidence and a ranking. */
final class Incidents {
  static final int MAX_EVIDENCE = 50;
  static final int MAX_ROOT_CAUSES = 5;
  static final int MAX_SUBGRAPH_EDGES = 400;

  private Incidents() {}

  static Incident build(
      String id,
      int version,
      String scope,
      long openedAt,
      long now,
      boolean resolved,
      List<Evidence> evidence,
      List<RootCause> ranking,
      String change,
      String trigger,
      EntityGraph graph) {
    List<Evidence> strongest = new ArrayList<>(evidence);
    strongest.sort(Comparator.comparingDouble(Evidence::score).reversed());
    Set<EntityRef> affected = new LinkedHashSet<>();
    List<String> alerts = new ArrayList<>();
    for (Evidence e : strongest) {
      affected.add(e.entity());
      if (e.signal() == dev.culprit.model.SignalType.ALERT) {
        alerts.add(e.feature());
      }
    }
    List<RootCause> top = ranking.subList(0, Math.min(MAX_ROOT_CAUSES, ranking.size()));
    return fit(
        new Incident(
            id,
            version,
            scope,
            openedAt,
            now,
            resolved ? Incident.Status.RESOLVED : Incident.Status.OPEN,
            alerts.stream().distinct().limit(Limits.INCIDENT_ENTITIES).toList(),
            strongest.subList(0, Math.min(MAX_EVIDENCE, strongest.size())),
            affected.stream().limit(Limits.INCIDENT_ENTITIES).toList(),
            top,
            change,
            trigger,
            subgraph(graph, affected, top)));
  }

  /**
   * {@code i}, or when it serializes to more than {@link Limits#INCIDENT_BYTES} a leaner copy: the
   * evidence list halved until it fits, then the subgraph's edges left out, then the root causes'
   * evidence. Every field is capped already ({@link Limits}), so this only happens on hostile
   * input; the ranking itself is never cut.
   */
  static Incident fit(Incident i) {
    Incident cur = i;
    while (bytes(cur) > Limits.INCIDENT_BYTES) {
      List<Evidence> ev = cur.evidence();
      Subgraph g = cur.subgraph();
      List<RootCause> causes = cur.rootCauses();
      if (!ev.isEmpty()) {
        ev = ev.subList(0, ev.size() / 2);
      } else if (!g.edges().isEmpty()) {
        g = new Subgraph(g.nodes(), List.of());
      } else if (causes.stream().anyMatch(rc -> !rc.evidence().isEmpty())) {
        causes = causes.stream().map(Incidents::withoutEvidence).toList();
      } else {
        return cur;
      }
      cur = with(cur, ev, g, causes);
    }
    return cur;
  }

  private static int bytes(Incident i) {
    return Topics.INCIDENTS.valueSerde().serializer().serialize(Topics.INCIDENTS.name(), i).length;
  }

  private static RootCause withoutEvidence(RootCause rc) {
    return new RootCause(
        rc.entity(), rc.kind(), rc.service(), rc.score(), List.of(), rc.explanation());
  }

  private static Incident with(
      Incident i, List<Evidence> evidence, Subgraph subgraph, List<RootCause> causes) {
    return new Incident(
        i.id(),
        i.version(),
        i.scope(),
        i.openedAt(),
        i.updatedAt(),
        i.status(),
        i.alerts(),
        evidence,
        i.affected(),
        causes,
        i.change(),
        i.trigger(),
        subgraph);
  }

  /**
   * The graph within one hop of the root causes and the first {@link Limits#INCIDENT_ENTITIES}
   * affected entities (strongest evidence first); when that is more than {@link
   * #MAX_SUBGRAPH_EDGES} edges (a hub nearby), only the edges among those entities, so the record
   * stays small.
   */
  static Subgraph subgraph(EntityGraph graph, Set<EntityRef> affected, List<RootCause> top) {
    Set<EntityRef> focus = new LinkedHashSet<>();
    top.forEach(rc -> focus.add(rc.ref()));
    affected.stream().limit(Limits.INCIDENT_ENTITIES).forEach(focus::add);
    EntityGraph cut = Subgraphs.incident(graph, focus, 1);
    if (cut.edges().size() > MAX_SUBGRAPH_EDGES) {
      cut = Subgraphs.incident(graph, focus, 0);
    }
    return Subgraph.of(focus, cut.edges());
  }
}
