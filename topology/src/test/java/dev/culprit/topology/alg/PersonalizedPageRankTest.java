package dev.culprit.topology.alg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import org.jgrapht.Graph;
import org.jgrapht.alg.scoring.PageRank;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.junit.jupiter.api.Test;

class PersonalizedPageRankTest {

  @Test
  void twoCycleWithRestartAtOneVertexHasTheClosedFormAnswer() {
    Graph<String, DefaultEdge> g = new DefaultDirectedGraph<>(DefaultEdge.class);
    g.addVertex("a");
    g.addVertex("b");
    g.addEdge("a", "b");
    g.addEdge("b", "a");
    var ppr = new PersonalizedPageRank<>(g, Map.of("a", 1.0));
    // x_a = (1-d) + d x_b, x_b = d x_a  =>  x_a = 1 / (1 + d)
    assertThat(ppr.getVertexScore("a")).isCloseTo(1 / 1.85, within(1e-6));
    assertThat(ppr.getVertexScore("b")).isCloseTo(0.85 / 1.85, within(1e-6));
  }

  @Test
  void danglingVertexRestartsAtThePersonalizationVector() {
    Graph<String, DefaultEdge> g = new DefaultDirectedGraph<>(DefaultEdge.class);
    g.addVertex("a");
    g.addVertex("b");
    g.addEdge("a", "b");
    var ppr = new PersonalizedPageRank<>(g, Map.of("a", 1.0));
    assertThat(ppr.getVertexScore("a")).isCloseTo(1 / 1.85, within(1e-6));
    assertThat(ppr.getVertexScore("b")).isCloseTo(0.85 / 1.85, within(1e-6));
  }

  @Test
  void uniformPersonalizationMatchesJGraphTPageRankOnAStronglyConnectedGraph() {
    Graph<String, DefaultEdge> g = new DefaultDirectedGraph<>(DefaultEdge.class);
    for (String v : new String[] {"a", "b", "c", "d"}) {
      g.addVertex(v);
    }
    g.addEdge("a", "b");
    g.addEdge("b", "c");
    g.addEdge("c", "a");
    g.addEdge("c", "d");
    g.addEdge("d", "a");
    Map<String, Double> uniform = new HashMap<>();
    g.vertexSet().forEach(v -> uniform.put(v, 1.0));
    var ours = new PersonalizedPageRank<>(g, uniform);
    var reference = new PageRank<>(g, 0.85, 200, 1e-10);
    for (String v : g.vertexSet()) {
      assertThat(ours.getVertexScore(v)).isCloseTo(reference.getVertexScore(v), within(1e-6));
    }
    double sum = ours.getScores().values().stream().mapToDouble(Double::doubleValue).sum();
    assertThat(sum).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void rejectsInvalidInputUpFront() {
    Graph<String, DefaultEdge> g = new DefaultDirectedGraph<>(DefaultEdge.class);
    g.addVertex("a");
    assertThatThrownBy(() -> new PersonalizedPageRank<>(g, Map.of("zz", 1.0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("personalization");
    assertThatThrownBy(
            () -> new PersonalizedPageRank<>(g, Map.of("a", 1.0), e -> 1.0, 1.0, 10, 1e-6))
        .hasMessage("Invalid damping: 1.0");
    assertThatThrownBy(() -> new PersonalizedPageRank<>(g, Map.of("a", 1.0)).getVertexScore("q"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
