package dev.culprit.topology.alg;

import static dev.culprit.topology.alg.ShopGraph.CART;
import static dev.culprit.topology.alg.ShopGraph.CART_2;
import static dev.culprit.topology.alg.ShopGraph.GATEWAY;
import static dev.culprit.topology.alg.ShopGraph.NODE_B;
import static dev.culprit.topology.alg.ShopGraph.REDIS;
import static dev.culprit.topology.alg.ShopGraph.calls;
import static dev.culprit.topology.alg.ShopGraph.edge;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.culprit.model.EntityRef;
import dev.culprit.model.GraphEdge;
import dev.culprit.topology.EntityGraph;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SubgraphsTest {

  @Test
  void oneHopAroundRedisHoldsTheCartCall() {
    EntityGraph sub = Subgraphs.incident(ShopGraph.shop(), Set.of(REDIS), 1);
    assertThat(sub.entities()).containsExactlyInAnyOrder(REDIS, CART);
    assertThat(sub.edges()).containsExactly(calls(CART, REDIS));
  }

  @Test
  void oneHopAroundAnInstanceHoldsItsServiceAndNode() {
    EntityGraph sub = Subgraphs.incident(ShopGraph.shop(), Set.of(CART_2), 1);
    assertThat(sub.entities()).containsExactlyInAnyOrder(CART_2, CART, NODE_B);
    assertThat(sub.edges())
        .containsExactlyInAnyOrder(
            edge(CART_2, CART, GraphEdge.Kind.INSTANCE_OF),
            edge(CART_2, NODE_B, GraphEdge.Kind.HOSTED_ON));
  }

  @Test
  void zeroHopsKeepOnlyEdgesAmongTheAffected() {
    EntityGraph sub = Subgraphs.incident(ShopGraph.shop(), Set.of(CART, REDIS, GATEWAY), 0);
    assertThat(sub.edges()).containsExactly(calls(CART, REDIS));
    assertThat(sub.entities()).containsExactlyInAnyOrder(CART, REDIS);
  }

  @Test
  void largeKOnACycleYieldsTheWholeGraph() {
    EntityGraph g = ShopGraph.cycle();
    EntityGraph sub = Subgraphs.incident(g, Set.of(EntityRef.service("d")), 100);
    assertThat(sub.edges()).containsExactlyInAnyOrderElementsOf(g.edges());
  }

  @Test
  void missingAffectedEntityYieldsAnEmptyGraph() {
    EntityGraph sub = Subgraphs.incident(ShopGraph.shop(), Set.of(EntityRef.node("gone")), 2);
    assertThat(sub.entities()).isEmpty();
  }

  @Test
  void negativeKIsRejected() {
    assertThatThrownBy(() -> Subgraphs.incident(ShopGraph.shop(), Set.of(REDIS), -2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid k: -2");
  }
}
