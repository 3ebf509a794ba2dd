package dev.culprit.topology.alg;

import dev.culprit.model.EntityRef;
import dev.culprit.model.GraphEdge;
import dev.culprit.topology.EntityGraph;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Subgraphs of the entity graph cut around an incident. */
public final class Subgraphs {
  private Subgraphs() {}

  /**
   * The incident subgraph: the affected entities, everything within {@code k} hops of them over any
   * edge kind in either direction, and every edge of {@code g} between two of those entities.
   *
   * <p>Snapshots are defined by their edges, so an affected entity with no edge inside the cut
   * (possible only for {@code k = 0}) does not appear; affected entities absent from {@code g} are
   * ignored.
   *
   * @param g the graph
   * @param affected the entities the incident touches
   * @param k hop limit, non-negative
   * @return a new snapshot
   */
  public static EntityGraph incident(EntityGraph g, Set<EntityRef> affected, int k) {
    Objects.requireNonNull(g, "g");
    Set<EntityRef> keep = Neighbourhood.kHop(g, affected, k, EnumSet.allOf(GraphEdge.Kind.class));
    List<GraphEdge> edges = new ArrayList<>();
    for (EntityRef v : keep) {
      for (GraphEdge e : g.graph().outgoingEdgesOf(v)) {
        if (keep.contains(e.target())) {
          edges.add(e);
        }
      }
    }
    return EntityGraph.of(edges);
  }
}
