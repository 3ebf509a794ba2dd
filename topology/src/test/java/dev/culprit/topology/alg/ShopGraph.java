package dev.culprit.topology.alg;

import static dev.culprit.model.EntityRef.instance;
import static dev.culprit.model.EntityRef.node;
import static dev.culprit.model.EntityRef.service;

import dev.culprit.model.EntityRef;
import dev.culprit.model.GraphEdge;
import dev.culprit.topology.EntityGraph;
import java.util.List;

/**
 * The small shop used by the known-answer tests.
 *
 * <pre>
 * gateway -> frontend -> cart -> redis
 *                     -> checkout -> payment
 *                                 -> cart
 * frontend-1 -> cart-1 (instance-level call)
 * frontend-1, cart-1 on node-a; cart-2, checkout-1 on node-b
 * </pre>
 */
final class ShopGraph {
  static final EntityRef GATEWAY = service("gateway");
  static final EntityRef FRONTEND = service("frontend");
  static final EntityRef CART = service("cart");
  static final EntityRef CHECKOUT = service("checkout");
  static final EntityRef PAYMENT = service("payment");
  static final EntityRef REDIS = service("redis");
  static final EntityRef FRONTEND_1 = instance("frontend-1");
  static final EntityRef CART_1 = instance("cart-1");
  static final EntityRef CART_2 = instance("cart-2");
  static final EntityRef CHECKOUT_1 = instance("checkout-1");
  static final EntityRef NODE_A = node("node-a");
  static final EntityRef NODE_B = node("node-b");

  private ShopGraph() {}

  static EntityGraph shop() {
    return EntityGraph.of(
        List.of(
            calls(GATEWAY, FRONTEND),
            calls(FRONTEND, CART),
            calls(FRONTEND, CHECKOUT),
            calls(CART, REDIS),
            calls(CHECKOUT, PAYMENT),
            calls(CHECKOUT, CART),
            calls(FRONTEND_1, CART_1),
            edge(FRONTEND_1, FRONTEND, GraphEdge.Kind.INSTANCE_OF),
            edge(CART_1, CART, GraphEdge.Kind.INSTANCE_OF),
            edge(CART_2, CART, GraphEdge.Kind.INSTANCE_OF),
            edge(CHECKOUT_1, CHECKOUT, GraphEdge.Kind.INSTANCE_OF),
            edge(FRONTEND_1, NODE_A, GraphEdge.Kind.HOSTED_ON),
            edge(CART_1, NODE_A, GraphEdge.Kind.HOSTED_ON),
            edge(CART_2, NODE_B, GraphEdge.Kind.HOSTED_ON),
            edge(CHECKOUT_1, NODE_B, GraphEdge.Kind.HOSTED_ON)));
  }

  /** a -> b -> c -> a, and c -> d. */
  static EntityGraph cycle() {
    return EntityGraph.of(
        List.of(
            calls(service("a"), service("b")),
            calls(service("b"), service("c")),
            calls(service("c"), service("a")),
            calls(service("c"), service("d"))));
  }

  static GraphEdge calls(EntityRef from, EntityRef to) {
    return edge(from, to, GraphEdge.Kind.CALLS);
  }

  static GraphEdge edge(EntityRef from, EntityRef to, GraphEdge.Kind kind) {
    return new GraphEdge(from, to, kind, 0, 0, 0, 0, true);
  }
}
