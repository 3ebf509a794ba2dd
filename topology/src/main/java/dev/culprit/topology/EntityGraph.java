package dev.culprit.topology;

import dev.culprit.model.EntityKind;
import dev.culprit.model.EntityRef;
import dev.culprit.model.GraphEdge;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.graph.AsUnmodifiableGraph;
import org.jgrapht.graph.builder.GraphTypeBuilder;

/**
 * An immutable snapshot of the entity graph: services, instances, nodes and backing entities, with
 * call, instance-of, hosted-on and data-flow edges. Snapshots are cheap to pass around; the live
 * graph builds a new one when edges change, so readers never block writers.
 */
public final class EntityGraph {
  private static final EntityGraph EMPTY = new EntityGraph(List.of());

  private final Graph<EntityRef, GraphEdge> graph;
  private final Map<EntityRef, EntityRef> serviceOf;
  private final List<GraphEdge> edgeList;
  private volatile Adjacency<EntityRef, GraphEdge> adjacency;

  private EntityGraph(Collection<GraphEdge> edges) {
    Graph<EntityRef, GraphEdge> g =
        GraphTypeBuilder.<EntityRef, GraphEdge>directed()
            .allowingMultipleEdges(true)
            .allowingSelfLoops(true)
            .weighted(false)
            .buildGraph();
    Map<EntityRef, EntityRef> services = new HashMap<>();
    for (GraphEdge e : edges) {
      g.addVertex(e.source());
      g.addVertex(e.target());
      g.addEdge(e.source(), e.target(), e);
      if (e.kind() == GraphEdge.Kind.INSTANCE_OF) {
        services.put(e.source(), e.target());
      }
    }
    this.graph = new AsUnmodifiableGraph<>(g);
    this.serviceOf = Collections.unmodifiableMap(services);
    this.edgeList = List.copyOf(edges);
  }

  /** The empty graph. */
  public static EntityGraph empty() {
    return EMPTY;
  }

  /** A snapshot holding exactly these edges (duplicates by key are merged). */
  public static EntityGraph of(Collection<GraphEdge> edges) {
    Map<String, GraphEdge> byKey = new HashMap<>();
    for (GraphEdge e : edges) {
      byKey.merge(e.key(), e, GraphEdge::plus);
    }
    return new EntityGraph(byKey.values());
  }

  /**
   * A snapshot without the learned edges last seen before {@code cutoff} (epoch millis); declared
   * edges never expire. Entities left without edges disappear.
   */
  public EntityGraph withoutEdgesSeenBefore(long cutoff) {
    return new EntityGraph(
        graph.edgeSet().stream().filter(e -> e.declared() || e.lastSeen() >= cutoff).toList());
  }

  /** The underlying read-only JGraphT graph; edges are the {@link GraphEdge} records. */
  public Graph<EntityRef, GraphEdge> graph() {
    return graph;
  }

  /**
   * The out-adjacency as dense arrays, built on first use from the edge records themselves and then
   * shared: iterative algorithms such as personalized PageRank walk it rather than the graph.
   */
  public Adjacency<EntityRef, GraphEdge> adjacency() {
    Adjacency<EntityRef, GraphEdge> a = adjacency;
    if (a == null) {
      a = Adjacency.ofEdges(edgeList, GraphEdge::source, GraphEdge::target);
      adjacency = a;
    }
    return a;
  }

  public Set<EntityRef> entities() {
    return graph.vertexSet();
  }

  public Set<GraphEdge> edges() {
    return graph.edgeSet();
  }

  public boolean contains(EntityRef entity) {
    return graph.containsVertex(entity);
  }

  /** The entities {@code entity} calls (service or instance level). */
  public Set<EntityRef> callees(EntityRef entity) {
    return neighbours(entity, GraphEdge.Kind.CALLS, true);
  }

  /** The entities that call {@code entity}. */
  public Set<EntityRef> callers(EntityRef entity) {
    return neighbours(entity, GraphEdge.Kind.CALLS, false);
  }

  /** The service an instance belongs to, or the entity itself when it is not an instance. */
  public EntityRef serviceOf(EntityRef entity) {
    if (entity.kind() != EntityKind.INSTANCE) {
      return entity;
    }
    return serviceOf.getOrDefault(entity, entity);
  }

  /** Nodes that host {@code entity}. */
  public Set<EntityRef> hosts(EntityRef entity) {
    return neighbours(entity, GraphEdge.Kind.HOSTED_ON, true);
  }

  /** Neighbours along edges of one kind, outgoing or incoming. */
  public Set<EntityRef> neighbours(EntityRef entity, GraphEdge.Kind kind, boolean outgoing) {
    if (!graph.containsVertex(entity)) {
      return Set.of();
    }
    Set<EntityRef> out = new LinkedHashSet<>();
    for (GraphEdge e : outgoing ? graph.outgoingEdgesOf(entity) : graph.incomingEdgesOf(entity)) {
      if (e.kind() == kind) {
        out.add(outgoing ? e.target() : e.source());
      }
    }
    return Collections.unmodifiableSet(out);
  }
}
