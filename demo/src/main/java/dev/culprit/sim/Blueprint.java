package dev.culprit.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulated system, an online shop: services with their operations and the calls each makes (a
 * fixed DAG with fan-out), the pods of each service and the nodes hosting them. With fewer than all
 * services, a prefix of {@link #ORDER} is kept (each kept service has a kept caller) and calls to
 * dropped services disappear. Every collection here iterates in a fixed order, so that a seed gives
 * the same signals in every JVM.
 */
final class Blueprint {
  /** Every service, each after at least one of its callers. */
  static final List<String> ORDER =
      List.of(
          "gateway",
          "frontend",
          "checkout",
          "cart",
          "catalog",
          "currency",
          "recommendation",
          "payment",
          "shipping",
          "email",
          "ad",
          "redis-cart");

  /** The gateway routes, entry points of every trace, with their share of the traffic. */
  static final List<Route> ROUTES =
      List.of(
          new Route("GET /", 0.35),
          new Route("GET /product", 0.33),
          new Route("POST /cart", 0.12),
          new Route("GET /cart", 0.12),
          new Route("POST /cart/checkout", 0.08));

  static final String ENTRY = "gateway";
  static final int NODES = 3;
  static final double LIMIT_FACTOR = 4;

  private static final Map<String, ServiceSpec> SPECS = specs();
  private static final Map<String, Map<String, List<Call>>> OPERATIONS = operations();

  /** An entry route and its share of requests. */
  record Route(String name, double share) {}

  /**
   * A service's static traits.
   *
   * @param name service name
   * @param ownLatencyMs mean time spent in the service itself per request
   * @param cpuCores cpu usage of one pod at nominal load
   * @param memoryMb memory usage of one pod
   * @param replicas number of pods
   * @param traced whether the service emits spans (a backing store does not)
   * @param logShape the shape of the lines it logs
   */
  record ServiceSpec(
      String name,
      double ownLatencyMs,
      double cpuCores,
      double memoryMb,
      int replicas,
      boolean traced,
      LogShape logShape) {

    /** The pod's cpu limit in cores. */
    double cpuLimitCores() {
      return LIMIT_FACTOR * cpuCores;
    }

    /** The pod's memory limit in MiB. */
    double memoryLimitMb() {
      return LIMIT_FACTOR * memoryMb;
    }
  }

  /** One downstream call an operation makes. */
  record Call(String service, String operation) {}

  private final List<String> services;
  private final List<Pod> pods;
  private final List<String> nodes;

  Blueprint(int serviceCount) {
    if (serviceCount < 3 || serviceCount > ORDER.size()) {
      throw new IllegalArgumentException("Invalid services: " + serviceCount);
    }
    this.services = ORDER.subList(0, serviceCount);
    List<String> n = new ArrayList<>();
    for (int i = 1; i <= NODES; i++) {
      n.add("node-" + i);
    }
    this.nodes = List.copyOf(n);
    List<Pod> p = new ArrayList<>();
    for (String s : services) {
      for (int r = 0; r < SPECS.get(s).replicas(); r++) {
        p.add(new Pod(s + "-" + r, s, nodes.get(p.size() % NODES)));
      }
    }
    this.pods = List.copyOf(p);
  }

  List<String> services() {
    return services;
  }

  List<Pod> pods() {
    return pods;
  }

  List<String> nodes() {
    return nodes;
  }

  ServiceSpec spec(String service) {
    return SPECS.get(service);
  }

  List<Pod> podsOf(String service) {
    return pods.stream().filter(p -> p.service().equals(service)).toList();
  }

  List<Pod> podsOn(String node) {
    return pods.stream().filter(p -> p.node().equals(node)).toList();
  }

  /** The calls {@code operation} of {@code service} makes to kept services, in order. */
  List<Call> calls(String service, String operation) {
    return OPERATIONS.getOrDefault(service, Map.of()).getOrDefault(operation, List.of()).stream()
        .filter(c -> services.contains(c.service()))
        .toList();
  }

  /** The services {@code service} calls, in first-call order. */
  List<String> callees(String service) {
    return OPERATIONS.getOrDefault(service, Map.of()).values().stream()
        .flatMap(List::stream)
        .map(Call::service)
        .filter(services::contains)
        .distinct()
        .toList();
  }

  private static Map<String, ServiceSpec> specs() {
    Map<String, ServiceSpec> m = new LinkedHashMap<>();
    for (ServiceSpec s :
        List.of(
            new ServiceSpec("gateway", 2, 0.10, 96, 1, true, LogShape.PLAIN),
            new ServiceSpec("frontend", 8, 0.20, 180, 2, true, LogShape.JSON),
            new ServiceSpec("checkout", 12, 0.08, 140, 1, true, LogShape.JSON),
            new ServiceSpec("cart", 4, 0.10, 160, 2, true, LogShape.PLAIN),
            new ServiceSpec("catalog", 3, 0.12, 110, 2, true, LogShape.LOGFMT),
            new ServiceSpec("currency", 2, 0.10, 90, 2, true, LogShape.JSON),
            new ServiceSpec("recommendation", 15, 0.15, 220, 1, true, LogShape.PLAIN),
            new ServiceSpec("payment", 25, 0.05, 80, 1, true, LogShape.JSON),
            new ServiceSpec("shipping", 5, 0.05, 70, 1, true, LogShape.LOGFMT),
            new ServiceSpec("email", 30, 0.05, 100, 1, true, LogShape.PLAIN),
            new ServiceSpec("ad", 6, 0.12, 300, 1, true, LogShape.LOGFMT),
            new ServiceSpec("redis-cart", 0.5, 0.04, 60, 1, false, LogShape.REDIS))) {
      m.put(s.name(), s);
    }
    return Collections.unmodifiableMap(m);
  }

  private static Map<String, Map<String, List<Call>>> operations() {
    Map<String, Map<String, List<Call>>> m = new LinkedHashMap<>();
    Map<String, List<Call>> gateway = new LinkedHashMap<>();
    for (Route r : ROUTES) {
      gateway.put(r.name(), List.of(new Call("frontend", r.name())));
    }
    m.put("gateway", gateway);
    m.put("frontend", frontend());
    m.put(
        "checkout",
        ops(
            "PlaceOrder",
            plan(
                "cart GetCart",
                "catalog GetProduct",
                "currency Convert",
                "shipping GetQuote",
                "payment Charge",
                "shipping ShipOrder",
                "email SendOrderConfirmation",
                "cart EmptyCart")));
    m.put("recommendation", ops("ListRecommendations", plan("catalog ListProducts")));
    Map<String, List<Call>> cart = new LinkedHashMap<>();
    cart.put("GetCart", plan("redis-cart HGETALL"));
    cart.put("AddItem", plan("redis-cart HSET"));
    cart.put("EmptyCart", plan("redis-cart DEL"));
    m.put("cart", Collections.unmodifiableMap(cart));
    return Collections.unmodifiableMap(m);
  }

  private static Map<String, List<Call>> frontend() {
    Map<String, List<Call>> m = new LinkedHashMap<>();
    m.put(
        "GET /",
        plan(
            "catalog ListProducts",
            "currency GetSupportedCurrencies",
            "cart GetCart",
            "ad GetAds",
            "currency Convert"));
    m.put(
        "GET /product",
        plan(
            "catalog GetProduct",
            "currency Convert",
            "cart GetCart",
            "recommendation ListRecommendations",
            "ad GetAds"));
    m.put("POST /cart", plan("catalog GetProduct", "cart AddItem"));
    m.put(
        "GET /cart",
        plan(
            "cart GetCart",
            "recommendation ListRecommendations",
            "shipping GetQuote",
            "currency Convert"));
    m.put("POST /cart/checkout", plan("checkout PlaceOrder", "currency Convert"));
    return Collections.unmodifiableMap(m);
  }

  private static Map<String, List<Call>> ops(String operation, List<Call> calls) {
    Map<String, List<Call>> m = new LinkedHashMap<>();
    m.put(operation, calls);
    return Collections.unmodifiableMap(m);
  }

  private static List<Call> plan(String... specs) {
    List<Call> out = new ArrayList<>();
    for (String s : specs) {
      int space = s.indexOf(' ');
      out.add(new Call(s.substring(0, space), s.substring(space + 1)));
    }
    return List.copyOf(out);
  }
}
