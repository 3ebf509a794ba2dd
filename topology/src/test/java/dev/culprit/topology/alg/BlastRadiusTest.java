package dev.culprit.topology.alg;

import static dev.culprit.topology.alg.ShopGraph.CART;
import static dev.culprit.topology.alg.ShopGraph.CART_1;
import static dev.culprit.topology.alg.ShopGraph.CART_2;
import static dev.culprit.topology.alg.ShopGraph.CHECKOUT;
import static dev.culprit.topology.alg.ShopGraph.CHECKOUT_1;
import static dev.culprit.topology.alg.ShopGraph.FRONTEND;
import static dev.culprit.topology.alg.ShopGraph.FRONTEND_1;
import static dev.culprit.topology.alg.ShopGraph.GATEWAY;
import static dev.culprit.topology.alg.ShopGraph.NODE_A;
import static dev.culprit.topology.alg.ShopGraph.NODE_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.culprit.model.EntityRef;
import dev.culprit.topology.EntityGraph;
import org.junit.jupiter.api.Test;

class BlastRadiusTest {
  private final EntityGraph shop = ShopGraph.shop();

  @Test
  void serviceReachesItsInstancesAndTransitiveCallers() {
    BlastRadius r = BlastRadius.of(shop, CART);
    assertThat(r.affected()).containsExactlyInAnyOrder(CART_1, CART_2, FRONTEND, CHECKOUT, GATEWAY);
    assertThat(r.callers()).isEqualTo(3);
    assertThat(r.instances()).isEqualTo(2);
    assertThat(r.hostedInstances()).isZero();
  }

  @Test
  void nodeReachesHostedInstancesTheirServicesAndCallers() {
    BlastRadius r = BlastRadius.of(shop, NODE_B);
    assertThat(r.affected())
        .containsExactlyInAnyOrder(CART_2, CHECKOUT_1, CART, CHECKOUT, FRONTEND, GATEWAY);
    assertThat(r.callers()).isEqualTo(2);
    assertThat(r.instances()).isEqualTo(2);
    assertThat(r.hostedInstances()).isEqualTo(2);
  }

  @Test
  void otherNodeReachesItsOwnInstances() {
    BlastRadius r = BlastRadius.of(shop, NODE_A);
    assertThat(r.affected())
        .containsExactlyInAnyOrder(FRONTEND_1, CART_1, FRONTEND, CART, CHECKOUT, GATEWAY);
    assertThat(r.callers()).isEqualTo(2);
    assertThat(r.hostedInstances()).isEqualTo(2);
  }

  @Test
  void instanceReachesItsServiceAndTheServicesCallers() {
    BlastRadius r = BlastRadius.of(shop, CART_1);
    assertThat(r.affected()).containsExactlyInAnyOrder(CART, FRONTEND, CHECKOUT, GATEWAY);
    assertThat(r.callers()).isEqualTo(3);
    assertThat(r.instances()).isZero();
    assertThat(r.hostedInstances()).isZero();
  }

  @Test
  void entryServiceHasOnlyItsInstances() {
    BlastRadius r = BlastRadius.of(shop, GATEWAY);
    assertThat(r.affected()).isEmpty();
    assertThat(r.callers()).isZero();
  }

  @Test
  void cycleDoesNotCountTheEntityAsItsOwnCaller() {
    BlastRadius r = BlastRadius.of(ShopGraph.cycle(), EntityRef.service("a"));
    assertThat(r.affected())
        .containsExactlyInAnyOrder(EntityRef.service("b"), EntityRef.service("c"));
    assertThat(r.callers()).isEqualTo(2);
  }

  @Test
  void affectedIsUnmodifiable() {
    BlastRadius r = BlastRadius.of(shop, CART);
    assertThatThrownBy(() -> r.affected().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void missingEntityIsRejected() {
    assertThatThrownBy(() -> BlastRadius.of(shop, EntityRef.node("gone")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid entity: node:gone");
  }
}
