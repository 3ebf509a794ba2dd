package dev.culprit.correlation.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.culprit.model.Resource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NetworkTimeTest {
  private static final Resource WEB = Resource.ofService("web");
  private static final Resource CART = Resource.ofService("cart");
  private static final Resource DB = Resource.ofService("db");

  private static TracePart span(String id, String parent, Resource r, long micros) {
    return new TracePart("t", id, parent, r, 0, false, "op", null, micros);
  }

  @Test
  void aCallSeenFromBothSidesGivesItsNetworkTime() {
    List<NetworkTime.Call> calls =
        NetworkTime.calls(
            List.of(
                span("1", null, WEB, 9_000),
                span("2", "1", WEB, 7_000), // the client span of web's call to cart
                span("3", "2", CART, 4_500), // cart serving it
                span("4", "3", CART, 1_000), // cart's own work: not a call between services
                new TracePart("t", "3", null, CART, 0, true, null, "ERROR x")));
    assertThat(calls).hasSize(1);
    NetworkTime.Call c = calls.get(0);
    assertThat(c.edge()).isEqualTo(new NetworkTime.Edge("web", "cart"));
    assertThat(c.networkMillis()).isCloseTo(2.5, within(1e-9));
  }

  @Test
  void spansWithoutADurationAreLeftOut() {
    assertThat(NetworkTime.calls(List.of(span("1", null, WEB, 0), span("2", "1", CART, 500))))
        .isEmpty();
  }

  @Test
  void theCommonEndpointOfTheSlowEdgesTakesTheBlame() {
    // cart's every edge is slow (into it from web, out of it to db); web also calls db and pay
    // without trouble
    NetworkTime.Edge webCart = new NetworkTime.Edge("web", "cart");
    NetworkTime.Edge cartDb = new NetworkTime.Edge("cart", "db");
    NetworkTime.Edge webDb = new NetworkTime.Edge("web", "db");
    NetworkTime.Edge webPay = new NetworkTime.Edge("web", "pay");
    Map<String, NetworkTime.Blame> blame =
        NetworkTime.attribute(
            Map.of(webCart, 40.0, cartDb, 20.0), Set.of(webCart, cartDb, webDb, webPay));
    // cart: 2 of 2 edges slow; web: 1 of 3; db: 1 of 2
    assertThat(blame.get("cart").score()).isCloseTo(40 * 1.0 / (1.0 + 1.0 / 3), within(1e-9));
    assertThat(blame.get("cart").edge()).isEqualTo(webCart);
    assertThat(blame.get("cart").slowShare()).isEqualTo(1.0);
    assertThat(blame.get("web").score()).isCloseTo(40 * (1.0 / 3) / (1.0 + 1.0 / 3), within(1e-9));
    assertThat(blame.get("db").score()).isCloseTo(20 * 0.5 / 1.5, within(1e-9));
    assertThat(blame.get("cart").score()).isGreaterThan(2 * blame.get("web").score());
    assertThat(blame).doesNotContainKey("pay");
  }
}
