package dev.culprit.notify;

import static dev.culprit.notify.Incidents.open;
import static dev.culprit.notify.Incidents.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.model.Alert;
import dev.culprit.model.FailedNotification;
import dev.culprit.model.Incident;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class DispatcherTest {
  private final TestClock clock = new TestClock();
  private final List<FailedNotification> dead = new CopyOnWriteArrayList<>();

  private Delivery recording(String name, Route route, List<String> into) {
    Transport t =
        n -> {
          into.add(n.idempotencyKey() + " " + n.kind());
          return new Attempt.Sent();
        };
    return new Delivery(
        name, route, t, DeliveryOptions.defaults().withRate(1000, 100), clock, dead::add);
  }

  @Test
  void dispatchesDueNotificationsToTheDestinationsWhoseRouteWantsThem() throws Exception {
    List<String> all = new CopyOnWriteArrayList<>();
    List<String> prodCritical = new CopyOnWriteArrayList<>();
    Delivery a = recording("all", Route.ALL, all);
    Delivery b =
        recording("prod-critical", new Route("prod", Alert.Severity.CRITICAL), prodCritical);
    Dispatcher dispatcher =
        new Dispatcher(
            new Lifecycle(Lifecycle.Updates.MATERIAL, 100, Duration.ofHours(1), clock, null),
            List.of(a, b));

    Incident critical =
        Incidents.of(
            "c",
            1,
            "prod",
            Incident.Status.OPEN,
            null,
            List.of(Incidents.alert("svc", "critical")),
            "x");
    dispatcher.dispatch(open("w", 1, "x"));
    dispatcher.dispatch(critical);
    dispatcher.dispatch(open("w", 1, "x"));
    dispatcher.dispatch(open("w", 2, "x"));
    dispatcher.dispatch(open("w", 3, "y"));
    dispatcher.dispatch(resolved("w", 4, "y"));
    assertThat(dispatcher.dispatch(resolved("w", 5, "y"))).isEmpty();
    a.close(Duration.ofSeconds(5));
    b.close(Duration.ofSeconds(5));

    assertThat(all).containsExactly("w/v1 OPENED", "c/v1 OPENED", "w/v3 UPDATED", "w/v4 RESOLVED");
    assertThat(prodCritical).containsExactly("c/v1 OPENED");
    assertThat(dead).isEmpty();
  }
}
