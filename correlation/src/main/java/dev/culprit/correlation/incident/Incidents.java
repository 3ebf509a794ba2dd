package dev.culprit.correlation.incident;

import dev.culprit.model.EntityRef;
import dev.culprit.model.Evidence;
import dev.culprit.model.Incident;
import dev.culprit.model.RootCause;
import dev.culprit.model.Subgraph;
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
    return new Incident(
        id,
        version,
        scope,
        openedAt,
        now,
        resolved ? Incident.Status.RESOLVED : Incident.Status.OPEN,
        alerts.stream().distinct().toList(),
        strongest.subList(0, Math.min(MAX_EVIDENCE, strongest.size())),
        List.copyOf(affected),
        top,
        change,
        trigger,
        subgraph(graph, affected, top));
  }

  /**
   * The graph within one hop of the affected entities and root causes; when that is more than
   * {@link #MAX_SUBGRAPH_EDGES} edges (a hub nearby), only the edges among those entities, so the
   * record stays small.
   */
  static Subgraph subgraph(EntityGraph graph, Set<EntityRef> affected, List<RootCause> top) {
    Set<EntityRef> focus = new LinkedHashSet<>();
    top.forEach(rc -> focus.add(rc.ref()));
    focus.addAll(affected);
    EntityGraph cut = Subgraphs.incident(graph, focus, 1);
    if (cut.edges().size() > MAX_SUBGRAPH_EDGES) {
      cut = Subgraphs.incident(graph, focus, 0);
    }
    return Subgraph.of(focus, cut.edges());
  }
}
