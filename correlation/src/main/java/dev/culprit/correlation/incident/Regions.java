package dev.culprit.correlation.incident;

import dev.culprit.model.EntityRef;
import dev.culprit.model.Evidence;
import dev.culprit.topology.EntityGraph;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jgrapht.alg.connectivity.ConnectivityInspector;

/**
 * Which entities could be part of one problem: those with a path between them in the entity graph
 * (calls, instance-of, hosted-on, in either direction). Each weakly connected part of the graph is
 * a region. An entity the graph does not know (nor its service, for an instance) may be related to
 * anything, so it is in {@link #ANY} region, which every region contains. With {@link
 * IncidentConfig.Grouping#SCOPE} everything is in that one region. Built once per tick.
 */
final class Regions {
  /** The region of what cannot be placed: related to every region. */
  static final String ANY = "*";

  private final Map<EntityRef, Integer> part = new HashMap<>();
  private final EntityGraph graph;
  private final boolean one;

  private Regions(EntityGraph graph, boolean one) {
    this.graph = graph;
    this.one = one || graph.entities().isEmpty();
    if (!this.one) {
      int i = 0;
      for (Set<EntityRef> set : new ConnectivityInspector<>(graph.graph()).connectedSets()) {
        for (EntityRef e : set) {
          part.put(e, i);
        }
        i++;
      }
    }
  }

  static Regions of(EntityGraph graph, IncidentConfig.Grouping grouping) {
    return new Regions(graph, grouping == IncidentConfig.Grouping.SCOPE);
  }

  /** The region of {@code entity}. */
  String of(EntityRef entity) {
    if (one) {
      return ANY;
    }
    Integer p = part.get(entity);
    if (p == null) {
      p = part.get(graph.serviceOf(entity));
    }
    return p != null ? "part-" + p : ANY;
  }

  /**
   * The regions of the entities with these keys (an incident's seed and top causes): the parts of
   * the graph they are in, or {@link #ANY} when the graph places none of them. An entity the graph
   * cannot place does not widen an incident that one it can place has anchored.
   */
  Set<String> ofKeys(Collection<String> keys) {
    Set<String> out = new HashSet<>();
    for (String k : keys) {
      out.add(of(EntityRef.parseKey(k)));
    }
    if (out.size() > 1) {
      out.remove(ANY);
    }
    return out.isEmpty() ? Set.of(ANY) : out;
  }

  /** Whether something in {@code region} belongs with what is in {@code regions}. */
  static boolean related(String region, Set<String> regions) {
    return region.equals(ANY) || regions.contains(ANY) || regions.contains(region);
  }

  /** The evidence about entities related to {@code regions}. */
  List<Evidence> within(List<Evidence> evidence, Set<String> regions) {
    if (one || regions.contains(ANY)) {
      return evidence;
    }
    return evidence.stream().filter(e -> related(of(e.entity()), regions)).toList();
  }
}
