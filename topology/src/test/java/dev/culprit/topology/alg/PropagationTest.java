package dev.culprit.topology.alg;

import static dev.culprit.topology.alg.ShopGraph.CART;
import static dev.culprit.topology.alg.ShopGraph.CART_1;
import static dev.culprit.topology.alg.ShopGraph.CART_2;
import static dev.culprit.topology.alg.ShopGraph.CHECKOUT;
import static dev.culprit.topology.alg.ShopGraph.FRONTEND;
import static dev.culprit.topology.alg.ShopGraph.FRONTEND_1;
import static dev.culprit.topology.alg.ShopGraph.GATEWAY;
import static dev.culprit.topology.alg.ShopGraph.NODE_A;
import static dev.culprit.topology.alg.ShopGraph.PAYMENT;
import static dev.culprit.topology.alg.ShopGraph.REDIS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.culprit.model.EntityRef;
import dev.culprit.topology.EntityGraph;
import org.junit.jupiter.api.Test;

class PropagationTest {
  private final EntityGraph shop = ShopGraph.shop();

  @Test
  void upstreamOfCartIsEveryTransitiveCaller() {
    assertThat(Propagation.upstream(shop, CART))
        .containsExactlyInAnyOrder(FRONTEND, CHECKOUT, GATEWAY);
  }

  @Test
  void downstreamOfFrontendIsEveryTransitiveCallee() {
    assertThat(Propagation.downstream(shop, FRONTEND))
        .containsExactlyInAnyOrder(CART, CHECKOUT, REDIS, PAYMENT);
  }

  @Test
  void instancesPropagateAtInstanceLevel() {
    assertThat(Propagation.upstream(shop, CART_1)).containsExactly(FRONTEND_1);
    assertThat(Propagation.downstream(shop, FRONTEND_1)).containsExactly(CART_1);
    assertThat(Propagation.upstream(shop, CART_2)).isEmpty();
  }

  @Test
  void cycleTerminatesAndExcludesTheStart() {
    EntityGraph g = ShopGraph.cycle();
    assertThat(Propagation.upstream(g, EntityRef.service("a")))
        .containsExactlyInAnyOrder(EntityRef.service("b"), EntityRef.service("c"));
    assertThat(Propagation.downstream(g, EntityRef.service("a")))
        .containsExactlyInAnyOrder(
            EntityRef.service("b"), EntityRef.service("c"), EntityRef.service("d"));
    assertThat(Propagation.explains(g, EntityRef.service("a"), EntityRef.service("b"))).isTrue();
    assertThat(Propagation.explains(g, EntityRef.service("d"), EntityRef.service("a"))).isTrue();
    assertThat(Propagation.explains(g, EntityRef.service("a"), EntityRef.service("d"))).isFalse();
  }

  @Test
  void aCalleeExplainsItsTransitiveCallersButNotTheReverse() {
    assertThat(Propagation.explains(shop, REDIS, GATEWAY)).isTrue();
    assertThat(Propagation.explains(shop, CART, CHECKOUT)).isTrue();
    assertThat(Propagation.explains(shop, GATEWAY, REDIS)).isFalse();
    assertThat(Propagation.explains(shop, PAYMENT, CART)).isFalse();
  }

  @Test
  void hostsAndServicesExplainTheirInstances() {
    assertThat(Propagation.explains(shop, NODE_A, CART_1)).isTrue();
    assertThat(Propagation.explains(shop, NODE_A, CART_2)).isFalse();
    assertThat(Propagation.explains(shop, CART, CART_2)).isTrue();
    assertThat(Propagation.explains(shop, CART_2, CART)).isFalse();
  }

  @Test
  void anEntityDoesNotExplainItself() {
    assertThat(Propagation.explains(shop, CART, CART)).isFalse();
  }

  @Test
  void missingEntityIsRejected() {
    EntityRef missing = EntityRef.service("missing");
    assertThatThrownBy(() -> Propagation.upstream(shop, missing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid entity: service:missing");
    assertThatThrownBy(() -> Propagation.downstream(shop, missing))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Propagation.explains(shop, missing, CART))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Propagation.explains(shop, CART, missing))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
