package dev.culprit.topology.alg;

import dev.culprit.model.EntityRef;
import dev.culprit.model.GraphEdge;
import dev.culprit.topology.EntityGraph;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Neighbourhoods in the entity graph: the entities within {@code k} hops of a set of seeds,
 * following edges of chosen kinds in either direction (breadth-first, so cycles are harmless).
 */
public final class Neighbourhood {
  private Neighbourhood() {}

  /**
   * The entities within {@code k} hops of the seeds.
   *
   * @param g the graph
   * @param seeds start entities; those absent from the graph are ignored
   * @param k hop limit, non-negative; {@code 0} yields the seeds present in the graph
   * @param kinds edge kinds to follow, in either direction
   * @return an unmodifiable set holding the seeds present in the graph and every entity reached
   */
  public static Set<EntityRef> kHop(
      EntityGraph g, Set<EntityRef> seeds, int k, Set<GraphEdge.Kind> kinds) {
    Objects.requireNonNull(g, "g");
    if (seeds == null) {
      throw new IllegalArgumentException("Invalid seeds: " + seeds);
    }
    if (k < 0) {
      throw new IllegalArgumentException("Invalid k: " + k);
    }
    if (kinds == null) {
      throw new IllegalArgumentException("Invalid kinds: " + kinds);
    }
    Set<GraphEdge.Kind> follow = kinds.isEmpty() ? Set.of() : EnumSet.copyOf(kinds);
    Set<EntityRef> seen = new LinkedHashSet<>();
    List<EntityRef> frontier = new ArrayList<>();
    for (EntityRef s : seeds) {
      if (g.contains(s) && seen.add(s)) {
        frontier.add(s);
      }
    }
    for (int hop = 0; hop < k && !frontier.isEmpty(); hop++) {
      frontier = expand(g, frontier, follow, seen);
    }
    return Collections.unmodifiableSet(seen);
  }

  private static List<EntityRef> expand(
      EntityGraph g, List<EntityRef> frontier, Set<GraphEdge.Kind> follow, Set<EntityRef> seen) {
    List<EntityRef> next = new ArrayList<>();
    for (EntityRef v : frontier) {
      for (GraphEdge e : g.graph().edgesOf(v)) {
        if (follow.contains(e.kind())) {
          EntityRef other = e.source().equals(v) ? e.target() : e.source();
          if (seen.add(other)) {
            next.add(other);
          }
        }
      }
    }
    return next;
  }
}
