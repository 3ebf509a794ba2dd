package dev.culprit.graph;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.culprit.model.EntityRef;
import dev.culprit.model.GraphEdge;
import dev.culprit.model.Json;
import dev.culprit.model.Subgraph;
import dev.culprit.topology.EntityGraph;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Writes an entity graph as JSON (the {@link Subgraph} shape, which incident records share) or as
 * Graphviz DOT.
 */
public final class GraphExport {
  private GraphExport() {}

  public static ObjectNode json(EntityGraph graph) {
    return Json.mapper().valueToTree(Subgraph.of(graph.entities(), graph.edges()));
  }

  public static String dot(EntityGraph graph) {
    StringBuilder b = new StringBuilder("digraph culprit {\n  rankdir=LR;\n");
    for (EntityRef e : sortedEntities(graph)) {
      b.append(
          String.format(
              Locale.ROOT, "  \"%s\" [label=\"%s\", shape=%s];%n", e.key(), e.name(), shape(e)));
    }
    for (GraphEdge e : sortedEdges(graph)) {
      String label =
          e.kind() == GraphEdge.Kind.CALLS
              ? "calls " + e.calls()
              : e.kind().name().toLowerCase(Locale.ROOT);
      b.append(
          String.format(
              Locale.ROOT,
              "  \"%s\" -> \"%s\" [label=\"%s\"%s];%n",
              e.source().key(),
              e.target().key(),
              label,
              e.declared() ? ", style=dashed" : ""));
    }
    return b.append("}\n").toString();
  }

  private static String shape(EntityRef e) {
    return switch (e.kind()) {
      case SERVICE -> "box";
      case INSTANCE -> "ellipse";
      case NODE -> "box3d";
      case BACKING -> "cylinder";
    };
  }

  private static List<EntityRef> sortedEntities(EntityGraph g) {
    List<EntityRef> all = new ArrayList<>(g.entities());
    all.sort(Comparator.naturalOrder());
    return all;
  }

  private static List<GraphEdge> sortedEdges(EntityGraph g) {
    List<GraphEdge> all = new ArrayList<>(g.edges());
    all.sort(Comparator.comparing(GraphEdge::key));
    return all;
  }
}
