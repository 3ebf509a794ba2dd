package dev.culprit.correlation.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.model.EntityKind;
import dev.culprit.model.EntityRef;
import dev.culprit.model.GraphEdge;
import dev.culprit.model.RootCause;
import dev.culprit.model.Subgraph;
import dev.culprit.topology.EntityGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IncidentsTest {
  private static GraphEdge calls(String a, String b) {
    return new GraphEdge(
        EntityRef.service(a), EntityRef.service(b), GraphEdge.Kind.CALLS, 4, 1, 8_000, 0, false);
  }

  private static RootCause cause(String service) {
    return new RootCause(service, EntityKind.SERVICE, service, 1, List.of(), service);
  }

  @Test
  void subgraphHoldsOneHopAroundTheAffectedEntitiesAndRootCauses() {
    EntityGraph g =
        EntityGraph.of(List.of(calls("web", "cart"), calls("cart", "db"), calls("db", "disk")));
    Subgraph s = Incidents.subgraph(g, Set.of(EntityRef.service("cart")), List.of(cause("cart")));
    assertThat(s.nodes())
        .extracting(Subgraph.Node::id)
        .containsExactly("service:cart", "service:db", "service:web");
    assertThat(s.edges())
        .extracting(e -> e.source() + ">" + e.target())
        .containsExactly("service:cart>service:db", "service:web>service:cart");
    assertThat(s.edges().get(0).calls()).isEqualTo(4);
    assertThat(s.edges().get(0).meanLatencyMs()).isEqualTo(2.0);
  }

  @Test
  void aHubNearbyShrinksTheSubgraphToTheEdgesAmongTheFocusEntities() {
    List<GraphEdge> edges = new ArrayList<>(List.of(calls("web", "cart")));
    for (int i = 0; i <= Incidents.MAX_SUBGRAPH_EDGES; i++) {
      edges.add(calls("web", "svc" + i));
    }
    EntityGraph g = EntityGraph.of(edges);
    Subgraph s =
        Incidents.subgraph(
            g, Set.of(EntityRef.service("cart"), EntityRef.service("web")), List.of());
    assertThat(s.edges()).hasSize(1);
    assertThat(s.nodes())
        .extracting(Subgraph.Node::id)
        .containsExactly("service:cart", "service:web");
  }

  @Test
  void anAffectedEntityOutsideTheGraphStillShowsAsANode() {
    Subgraph s =
        Incidents.subgraph(
            EntityGraph.empty(), Set.of(EntityRef.node("node-9")), List.of(cause("cart")));
    assertThat(s.nodes())
        .extracting(Subgraph.Node::id)
        .containsExactly("service:cart", "node:node-9");
    assertThat(s.edges()).isEmpty();
  }
}
