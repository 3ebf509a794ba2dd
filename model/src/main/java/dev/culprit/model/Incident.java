package dev.culprit.model;

import java.util.List;
import java.util.Objects;

/**
 * A versioned incident: a group of evidence and alerts close in time and in the entity graph, with
 * its ranked root causes. Each update carries a higher {@code version} and says what changed.
 *
 * @param id stable incident id
 * @param version 1 for the first record, incremented on each update
 * @param scope the scope (tenant, cluster, namespace) the incident was grouped in
 * @param openedAt event time the incident opened (epoch millis)
 * @param updatedAt event time of this version (epoch millis)
 * @param status open or resolved
 * @param alerts fingerprints of member alerts
 * @param evidence member evidence, strongest first (bounded)
 * @param affected entities with evidence
 * @param rootCauses ranked root causes, most probable first
 * @param change what changed in this version
 * @param trigger the trigger id when the incident was requested by a trigger, else null
 * @param subgraph the entity graph around the affected entities and root causes, in the shape
 *     {@code culprit graph} exports
 */
public record Incident(
    String id,
    int version,
    String scope,
    long openedAt,
    long updatedAt,
    Status status,
    List<String> alerts,
    List<Evidence> evidence,
    List<EntityRef> affected,
    List<RootCause> rootCauses,
    String change,
    String trigger,
    Subgraph subgraph) {

  public Incident {
    Objects.requireNonNull(id, "id");
    status = status == null ? Status.OPEN : status;
    alerts = alerts == null ? List.of() : List.copyOf(alerts);
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
    affected = affected == null ? List.of() : List.copyOf(affected);
    rootCauses = rootCauses == null ? List.of() : List.copyOf(rootCauses);
    change = change == null ? "" : change;
    subgraph = subgraph == null ? Subgraph.empty() : subgraph;
  }

  /** Incident status. */
  public enum Status {
    OPEN,
    RESOLVED
  }
}
