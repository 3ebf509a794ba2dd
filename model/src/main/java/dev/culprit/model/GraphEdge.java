package dev.culprit.model;

import java.util.Objects;

/**
 * One edge of the entity graph, with call statistics where it is a call edge.
 *
 * @param source the calling, containing or hosted entity
 * @param target the called, contained entity or the host
 * @param kind the edge kind
 * @param calls calls observed
 * @param errors erroneous calls observed
 * @param totalLatencyMicros sum of call latencies, for the mean
 * @param lastSeen event time the edge was last observed (epoch millis)
 * @param declared whether the edge comes from declared topology rather than observation
 */
public record GraphEdge(
    EntityRef source,
    EntityRef target,
    Kind kind,
    long calls,
    long errors,
    long totalLatencyMicros,
    long lastSeen,
    boolean declared) {

  public GraphEdge {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(kind, "kind");
  }

  /** The topic key of this edge. */
  public String key() {
    return kind.name() + "|" + source.key() + "|" + target.key();
  }

  /** Merges a later observation of the same edge into this one. */
  public GraphEdge plus(GraphEdge later) {
    return new GraphEdge(
        source,
        target,
        kind,
        calls + later.calls,
        errors + later.errors,
        totalLatencyMicros + later.totalLatencyMicros,
        Math.max(lastSeen, later.lastSeen),
        declared || later.declared);
  }

  /** Edge kinds. */
  public enum Kind {
    CALLS,
    INSTANCE_OF,
    HOSTED_ON,
    DATA_FLOW
  }
}
