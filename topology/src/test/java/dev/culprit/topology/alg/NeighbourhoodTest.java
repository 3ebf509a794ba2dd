package dev.culprit.topology.alg;

import static dev.culprit.topology.alg.ShopGraph.CART;
import static dev.culprit.topology.alg.ShopGraph.CART_1;
import static dev.culprit.topology.alg.ShopGraph.CART_2;
import static dev.culprit.topology.alg.ShopGraph.CHECKOUT;
import static dev.culprit.topology.alg.ShopGraph.FRONTEND;
import static dev.culprit.topology.alg.ShopGraph.REDIS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.culprit.model.EntityRef;
import dev.culprit.model.GraphEdge;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NeighbourhoodTest {
  private static final Set<GraphEdge.Kind> ALL = EnumSet.allOf(GraphEdge.Kind.class);

  @Test
  void oneHopFollowsEdgesInBothDirections() {
    assertThat(Neighbourhood.kHop(ShopGraph.shop(), Set.of(REDIS), 1, ALL))
        .containsExactlyInAnyOrder(REDIS, CART);
  }

  @Test
  void twoHopsOverAllKindsReachInstances() {
    assertThat(Neighbourhood.kHop(ShopGraph.shop(), Set.of(REDIS), 2, ALL))
        .containsExactlyInAnyOrder(REDIS, CART, FRONTEND, CHECKOUT, CART_1, CART_2);
  }

  @Test
  void twoHopsOverCallsOnlyStayAtServiceLevel() {
    assertThat(Neighbourhood.kHop(ShopGraph.shop(), Set.of(REDIS), 2, Set.of(GraphEdge.Kind.CALLS)))
        .containsExactlyInAnyOrder(REDIS, CART, FRONTEND, CHECKOUT);
  }

  @Test
  void zeroHopsYieldTheSeedsPresentInTheGraph() {
    assertThat(
            Neighbourhood.kHop(
                ShopGraph.shop(), Set.of(REDIS, EntityRef.service("missing")), 0, ALL))
        .containsExactly(REDIS);
  }

  @Test
  void missingSeedYieldsEmptySet() {
    assertThat(Neighbourhood.kHop(ShopGraph.shop(), Set.of(EntityRef.service("missing")), 3, ALL))
        .isEmpty();
  }

  @Test
  void cycleTerminatesAndReachesEveryVertex() {
    assertThat(Neighbourhood.kHop(ShopGraph.cycle(), Set.of(EntityRef.service("a")), 10, ALL))
        .containsExactlyInAnyOrder(
            EntityRef.service("a"),
            EntityRef.service("b"),
            EntityRef.service("c"),
            EntityRef.service("d"));
  }

  @Test
  void noKindsYieldTheSeeds() {
    assertThat(Neighbourhood.kHop(ShopGraph.shop(), Set.of(CART), 5, Set.of()))
        .containsExactly(CART);
  }

  @Test
  void resultIsUnmodifiable() {
    Set<EntityRef> out = Neighbourhood.kHop(ShopGraph.shop(), Set.of(REDIS), 1, ALL);
    assertThatThrownBy(() -> out.add(FRONTEND)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void invalidArgumentsAreRejected() {
    assertThatThrownBy(() -> Neighbourhood.kHop(ShopGraph.shop(), Set.of(REDIS), -1, ALL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid k: -1");
    assertThatThrownBy(() -> Neighbourhood.kHop(ShopGraph.shop(), null, 1, ALL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid seeds: null");
    assertThatThrownBy(() -> Neighbourhood.kHop(ShopGraph.shop(), Set.of(REDIS), 1, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid kinds: null");
  }
}
