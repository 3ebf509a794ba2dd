package dev.culprit.app.graph;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.culprit.model.EntityRef;
import dev.culprit.model.GraphEdge;
import dev.culprit.model.Json;
import dev.culprit.topology.EntityGraph;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Writes an entity graph as JSON ({@code {"nodes":[{"id","name","kind"}],"edges":[{"source",
 * "target","kind",...statistics}]}}, ids being entity keys such as {@code service:cart}) or as
 * Graphviz DOT.
 */
public final class GraphExport {
  private GraphExport() {}

  public static ObjectNode json(EntityGraph graph) {
    ObjectNode root = Json.mapper().createObjectNode();
    ArrayNode nodes = root.putArray("nodes");
    for (EntityRef e : sortedEntities(graph)) {
      ObjectNode n = nodes.addObject();
      n.put("id", e.key());
      n.put("name", e.name());
      n.put("kind", e.kind().label());
    }
    ArrayNode edges = root.putArray("edges");
    for (GraphEdge e : sortedEdges(graph)) {
      ObjectNode n = edges.addObject();
      n.put("source", e.source().key());
      n.put("target", e.target().key());
      n.put("kind", e.kind().name().toLowerCase(Locale.ROOT));
      n.put("declared", e.declared());
      if (e.kind() == GraphEdge.Kind.CALLS) {
        n.put("calls", e.calls());
        n.put("errors", e.errors());
        n.put("meanLatencyMs", e.calls() == 0 ? 0 : e.totalLatencyMicros() / 1000.0 / e.calls());
      }
      n.put("lastSeen", e.lastSeen());
    }
    return root;
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
