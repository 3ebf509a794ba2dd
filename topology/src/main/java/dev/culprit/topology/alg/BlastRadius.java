package dev.culprit.topology.alg;

import dev.culprit.model.EntityKind;
import dev.culprit.model.EntityRef;
import dev.culprit.model.GraphEdge;
import dev.culprit.topology.EntityGraph;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What a fault in one entity can reach.
 *
 * <ul>
 *   <li>A node: the instances it hosts, their services and every transitive caller of those
 *       services.
 *   <li>A service (or backing entity): its instances and every transitive caller.
 *   <li>An instance: its service and every transitive caller of that service.
 * </ul>
 *
 * @param entity the faulty entity
 * @param affected the entities reached, excluding {@code entity}; unmodifiable
 * @param callers transitive callers in {@code affected}, not counting services reached directly as
 *     the services of a node's hosted instances or of an instance
 * @param instances instances in {@code affected}
 * @param hostedInstances instances the entity hosts (zero unless it is a node)
 */
public record BlastRadius(
    EntityRef entity, Set<EntityRef> affected, int callers, int instances, int hostedInstances) {

  public BlastRadius {
    affected = Collections.unmodifiableSet(new LinkedHashSet<>(affected));
  }

  /**
   * Computes the blast radius of {@code entity}.
   *
   * @throws IllegalArgumentException when {@code entity} is absent from {@code g}
   */
  public static BlastRadius of(EntityGraph g, EntityRef entity) {
    Propagation.requirePresent(g, entity);
    Set<EntityRef> hosted =
        entity.kind() == EntityKind.NODE
            ? g.neighbours(entity, GraphEdge.Kind.HOSTED_ON, false)
            : Set.of();
    Set<EntityRef> direct = new LinkedHashSet<>();
    switch (entity.kind()) {
      case NODE ->
          hosted.stream()
              .map(g::serviceOf)
              .filter(s -> s.kind() != EntityKind.INSTANCE)
              .forEach(direct::add);
      case INSTANCE -> direct.add(g.serviceOf(entity));
      case SERVICE, BACKING -> direct.add(entity);
    }
    direct.remove(entity);
    Set<EntityRef> affected = new LinkedHashSet<>(hosted);
    affected.addAll(direct);
    if (entity.kind() == EntityKind.SERVICE || entity.kind() == EntityKind.BACKING) {
      affected.addAll(g.neighbours(entity, GraphEdge.Kind.INSTANCE_OF, false));
    }
    Set<EntityRef> callers = new LinkedHashSet<>();
    for (EntityRef s :
        entity.kind() == EntityKind.NODE || entity.kind() == EntityKind.INSTANCE
            ? direct
            : Set.of(entity)) {
      callers.addAll(Propagation.upstream(g, s));
    }
    callers.removeAll(direct);
    callers.remove(entity);
    affected.addAll(callers);
    int instances = (int) affected.stream().filter(e -> e.kind() == EntityKind.INSTANCE).count();
    return new BlastRadius(entity, affected, callers.size(), instances, hosted.size());
  }
}
