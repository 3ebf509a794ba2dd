package dev.culprit.topology.alg;

import dev.culprit.model.EntityRef;
import dev.culprit.model.GraphEdge;
import dev.culprit.topology.EntityGraph;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Anomaly propagation along call edges. A fault in a callee shows up in its callers, so a fault
 * travels upstream: from callee to caller, transitively. Traversals stay at the level of the start
 * entity (services reach services, instances reach instances) and are cycle-safe.
 *
 * <p>Every method rejects an entity absent from the graph with {@link IllegalArgumentException}.
 */
public final class Propagation {
  private Propagation() {}

  /**
   * All transitive callers of {@code entity} of the same kind, excluding {@code entity} itself
   * (even when it sits on a call cycle).
   */
  public static Set<EntityRef> upstream(EntityGraph g, EntityRef entity) {
    requirePresent(g, entity);
    return walk(g, entity, false);
  }

  /** All transitive callees of {@code entity} of the same kind, excluding {@code entity} itself. */
  public static Set<EntityRef> downstream(EntityGraph g, EntityRef entity) {
    requirePresent(g, entity);
    return walk(g, entity, true);
  }

  /**
   * Whether a fault in {@code cause} explains an anomaly in {@code symptom}: the symptom is a
   * transitive caller of the cause, the cause is a node hosting the symptom, or the cause is the
   * service the symptom is an instance of. An entity does not explain itself.
   */
  public static boolean explains(EntityGraph g, EntityRef cause, EntityRef symptom) {
    requirePresent(g, cause);
    requirePresent(g, symptom);
    if (cause.equals(symptom)) {
      return false;
    }
    return g.hosts(symptom).contains(cause)
        || g.neighbours(symptom, GraphEdge.Kind.INSTANCE_OF, true).contains(cause)
        || upstream(g, cause).contains(symptom);
  }

  static void requirePresent(EntityGraph g, EntityRef entity) {
    if (g == null) {
      throw new IllegalArgumentException("Invalid graph: null");
    }
    if (entity == null || !g.contains(entity)) {
      throw new IllegalArgumentException("Invalid entity: " + entity);
    }
  }

  private static Set<EntityRef> walk(EntityGraph g, EntityRef start, boolean outgoing) {
    Set<EntityRef> seen = new LinkedHashSet<>();
    seen.add(start);
    Deque<EntityRef> todo = new ArrayDeque<>();
    todo.add(start);
    while (!todo.isEmpty()) {
      EntityRef v = todo.poll();
      for (EntityRef w : g.neighbours(v, GraphEdge.Kind.CALLS, outgoing)) {
        if (w.kind() == start.kind() && seen.add(w)) {
          todo.add(w);
        }
      }
    }
    seen.remove(start);
    return Collections.unmodifiableSet(seen);
  }
}
