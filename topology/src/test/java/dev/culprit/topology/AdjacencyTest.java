package dev.culprit.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.model.EntityRef;
import dev.culprit.model.GraphEdge;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.SimpleGraph;
import org.junit.jupiter.api.Test;

class AdjacencyTest {
  private static GraphEdge calls(String a, String b) {
    return new GraphEdge(
        EntityRef.service(a), EntityRef.service(b), GraphEdge.Kind.CALLS, 1, 0, 0, 0, false);
  }

  @Test
  void entityGraphAdjacencyListsEachOutgoingEdgeOnceUnderItsSource() {
    EntityGraph g = EntityGraph.of(List.of(calls("a", "b"), calls("a", "c"), calls("c", "a")));
    Adjacency<EntityRef, GraphEdge> adj = g.adjacency();
    assertThat(adj.size()).isEqualTo(3);
    assertThat(adj.edgeCount()).isEqualTo(3);
    int a = adj.indexOf(EntityRef.service("a"));
    Set<EntityRef> out = new HashSet<>();
    for (int j = adj.start(a); j < adj.end(a); j++) {
      out.add(adj.vertices().get(adj.target(j)));
      assertThat(adj.edge(j).source()).isEqualTo(EntityRef.service("a"));
    }
    assertThat(out).containsExactlyInAnyOrder(EntityRef.service("b"), EntityRef.service("c"));
    int b = adj.indexOf(EntityRef.service("b"));
    assertThat(adj.end(b) - adj.start(b)).isZero();
    assertThat(adj.indexOf(EntityRef.service("zz"))).isEqualTo(-1);
    assertThat(g.adjacency()).isSameAs(adj);
  }

  @Test
  void undirectedGraphListsEachEdgeUnderBothEndpoints() {
    Graph<String, DefaultEdge> g = new SimpleGraph<>(DefaultEdge.class);
    g.addVertex("x");
    g.addVertex("y");
    g.addEdge("x", "y");
    Adjacency<String, DefaultEdge> adj = Adjacency.of(g);
    assertThat(adj.edgeCount()).isEqualTo(2);
    int x = adj.indexOf("x");
    assertThat(adj.vertices().get(adj.target(adj.start(x)))).isEqualTo("y");
  }
}
