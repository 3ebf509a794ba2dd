package dev.culprit.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * A part of the entity graph in its JSON exchange shape, shared by {@code culprit graph} exports
 * and incident records: {@code {"nodes":[{"id","name","kind"}],"edges":[{"source","target","kind",
 * "declared",...statistics}]}}, ids being entity keys such as {@code service:cart}. Call edges
 * carry their call, error and mean latency statistics; other edge kinds omit them.
 *
 * @param nodes entities, sorted by id
 * @param edges edges, sorted by kind, source and target
 */
public record Subgraph(List<Node> nodes, List<Edge> edges) {
  private static final Subgraph EMPTY = new Subgraph(List.of(), List.of());

  public Subgraph {
    nodes = nodes == null ? List.of() : List.copyOf(nodes);
    edges = edges == null ? List.of() : List.copyOf(edges);
  }

  /** The empty subgraph. */
  public static Subgraph empty() {
    return EMPTY;
  }

  /**
   * The subgraph of these edges; its nodes are the edges' endpoints plus {@code entities} (so an
   * entity without edges still shows).
   */
  public static Subgraph of(Collection<EntityRef> entities, Collection<GraphEdge> edges) {
    TreeSet<EntityRef> all = new TreeSet<>(entities);
    for (GraphEdge e : edges) {
      all.add(e.source());
      all.add(e.target());
    }
    List<Node> nodes = all.stream().map(Node::of).toList();
    List<Edge> sorted =
        edges.stream().sorted(Comparator.comparing(GraphEdge::key)).map(Edge::of).toList();
    return new Subgraph(nodes, sorted);
  }

  /** An entity. */
  public record Node(String id, String name, String kind) {
    static Node of(EntityRef e) {
      return new Node(e.key(), e.name(), e.kind().label());
    }
  }

  /**
   * An edge; {@code calls}, {@code errors} and {@code meanLatencyMs} are present on call edges
   * only.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Edge(
      String source,
      String target,
      String kind,
      boolean declared,
      Long calls,
      Long errors,
      Double meanLatencyMs,
      long lastSeen) {
    static Edge of(GraphEdge e) {
      boolean call = e.kind() == GraphEdge.Kind.CALLS;
      return new Edge(
          e.source().key(),
          e.target().key(),
          e.kind().name().toLowerCase(Locale.ROOT),
          e.declared(),
          call ? e.calls() : null,
          call ? e.errors() : null,
          call ? (e.calls() == 0 ? 0 : e.totalLatencyMicros() / 1000.0 / e.calls()) : null,
          e.lastSeen());
    }
  }
}
