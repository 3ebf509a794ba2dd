package dev.culprit.model;

import java.util.List;
import java.util.Objects;

/**
 * One ranked root-cause candidate of an incident.
 *
 * @param entity the entity name
 * @param kind the entity kind
 * @param service the service the entity belongs to (its own name for a service), or null
 * @param score the ranking score (higher is more probable)
 * @param evidence the evidence that supports it, strongest first
 * @param explanation one line a person can check
 */
public record RootCause(
    String entity,
    EntityKind kind,
    String service,
    double score,
    List<Evidence> evidence,
    String explanation) {

  public RootCause {
    Objects.requireNonNull(entity, "entity");
    Objects.requireNonNull(kind, "kind");
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
    explanation = explanation == null ? "" : Limits.clip(explanation, Limits.TEXT_CHARS);
  }

  public EntityRef ref() {
    return new EntityRef(kind, entity);
  }
}
