package dev.culprit.sim;

import dev.culprit.model.EntityKind;
import dev.culprit.model.EntityRef;
import java.util.Objects;

/**
 * A fault the simulator injects: the ground truth a demo or an evaluation compares incidents with.
 *
 * @param id stable id, {@code fault-1}, {@code fault-2}, ...
 * @param entity the faulty entity: an instance (pod) for pod-level kinds, a node otherwise
 * @param service the service of the faulty pod, or null for a node fault
 * @param kind the {@link FaultKind} label ({@code cpu}, {@code memory}, ...)
 * @param at event time the fault starts (epoch millis, inclusive)
 * @param until event time the fault ends (epoch millis, exclusive)
 */
public record InjectedFault(
    String id, EntityRef entity, String service, String kind, long at, long until) {

  public InjectedFault {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(entity, "entity");
    FaultKind k = FaultKind.parse(kind);
    kind = k.label();
    EntityKind expected = k.podLevel() ? EntityKind.INSTANCE : EntityKind.NODE;
    if (entity.kind() != expected) {
      throw new IllegalArgumentException("Invalid entity for a " + kind + " fault: " + entity);
    }
    if (k.podLevel() && (service == null || service.isBlank())) {
      throw new IllegalArgumentException("Invalid service for a pod fault: " + service);
    }
    if (until <= at) {
      throw new IllegalArgumentException("Invalid fault interval: " + at + ".." + until);
    }
  }

  /** The kind as an enum. */
  public FaultKind faultKind() {
    return FaultKind.parse(kind);
  }

  /** Whether the fault is active at event time {@code time}. */
  public boolean activeAt(long time) {
    return time >= at && time < until;
  }
}
