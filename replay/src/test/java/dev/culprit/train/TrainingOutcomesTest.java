package dev.culprit.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.ingest.dataset.FaultLabel;
import dev.culprit.model.EntityRef;
import dev.culprit.model.Evidence;
import dev.culprit.model.EvidenceFamily;
import dev.culprit.model.Incident;
import dev.culprit.model.Resource;
import dev.culprit.model.SignalType;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingOutcomesTest {
  private static final long MINUTE = 60_000;
  private static final long HOUR = 60 * MINUTE;
  private static final long T = 1_680_000_000_000L;

  /** Evidence named {@code name} (in its detail) about {@code resource} at {@code time}. */
  private static Evidence item(String name, Resource resource, long time) {
    return new Evidence(
        resource,
        SignalType.METRIC,
        EvidenceFamily.METRIC_RESOURCE,
        "CpuUsageRate(%)",
        4,
        1,
        0,
        Evidence.Direction.UP,
        time - MINUTE,
        time,
        name);
  }

  private static Evidence cart(String name, long time) {
    return item(name, new Resource("cart", "cart-1", "node-1"), time);
  }

  private static Evidence payment(String name, long time) {
    return item(name, new Resource("payment", "payment-0", "node-2"), time);
  }

  private static FaultLabel fault(String id, long time) {
    return new FaultLabel(id, time, EntityRef.instance("cart-1"), "cart", "cpu");
  }

  private static Incident incident(String id, long openedAt, long updatedAt) {
    return new Incident(
        id,
        3,
        "default",
        openedAt,
        updatedAt,
        Incident.Status.RESOLVED,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        "resolved",
        null,
        null);
  }

  /** Each outcome as {@code name=noise} or {@code name=real}, in order. */
  private static List<String> labels(List<TrainingOutcomes.Outcome> outcomes) {
    return outcomes.stream()
        .map(o -> o.evidence().detail() + "=" + (o.noise() ? "noise" : "real"))
        .toList();
  }

  @Test
  void faultFreeLeavesOutTheMinutesAroundAFaultAndCallsTheRestNoise() {
    List<Evidence> items =
        List.of(
            cart("6 min before", T - 6 * MINUTE),
            cart("5 min before", T - 5 * MINUTE),
            cart("at the fault", T),
            payment("10 min after, elsewhere", T + 10 * MINUTE),
            cart("20 min after", T + 20 * MINUTE),
            cart("just over 20 min after", T + 20 * MINUTE + 1),
            cart("2 h after", T + 2 * HOUR),
            cart("a minute after another fault", T + 3 * HOUR + MINUTE));
    List<FaultLabel> faults = List.of(fault("f1", T), fault("f2", T + 3 * HOUR));

    List<TrainingOutcomes.Outcome> outcomes = TrainingOutcomes.faultFree(items, faults);

    assertThat(labels(outcomes))
        .containsExactly("6 min before=noise", "just over 20 min after=noise", "2 h after=noise");
    assertThat(outcomes.get(0).evidence()).isSameAs(items.get(0));
    assertThat(TrainingOutcomes.summary(outcomes, items.size()))
        .isEqualTo(new TrainingOutcomes.Summary(8, 3, 0, 5));
  }

  @Test
  void faultFreeWithoutFaultsCallsEverythingNoise() {
    List<Evidence> items = List.of(cart("a", T), payment("b", T));
    assertThat(labels(TrainingOutcomes.faultFree(items, List.of())))
        .containsExactly("a=noise", "b=noise");
  }

  @Test
  void labelledHistoryTellsTheRootCauseFromTheRestOfAnIncident() {
    // a fault at T on cart, confirmed by an incident open from T + 1 min to T + 15 min;
    // a second fault at T + 2 h 35 min, during an incident that was a false positive
    Incident found = incident("found", T + MINUTE, T + 15 * MINUTE);
    Incident falseAlarm = incident("false-alarm", T + 150 * MINUTE, T + 160 * MINUTE);
    List<Evidence> items =
        List.of(
            cart("cart before the incident", T - MINUTE - 1),
            cart("cart in the incident's lookback", T - MINUTE),
            cart("cart in the incident", T + 3 * MINUTE),
            payment("payment in the incident", T + 4 * MINUTE),
            payment("payment after the incident", T + 15 * MINUTE + 1),
            cart("cart far from faults", T + 2 * HOUR),
            cart("cart in the false positive", T + 155 * MINUTE));
    List<FaultLabel> faults = List.of(fault("f1", T), fault("f2", T + 155 * MINUTE));

    List<TrainingOutcomes.Outcome> outcomes =
        TrainingOutcomes.labelled(
            items,
            List.of(new TrainingOutcomes.Confirmed(found, "cart")),
            List.of(falseAlarm),
            List.of(),
            faults);

    assertThat(labels(outcomes))
        .containsExactly(
            "cart in the incident's lookback=real",
            "cart in the incident=real",
            "payment in the incident=noise",
            "cart far from faults=noise",
            "cart in the false positive=noise");
    assertThat(TrainingOutcomes.summary(outcomes, items.size()))
        .isEqualTo(new TrainingOutcomes.Summary(7, 3, 2, 2));
  }

  @Test
  void theRootCauseMayBeAnInstanceOrANode() {
    Incident onPod = incident("pod", T, T + 10 * MINUTE);
    Incident onNode = incident("node", T + 5 * HOUR, T + 5 * HOUR + 10 * MINUTE);
    List<Evidence> items =
        List.of(
            item("cart-1", new Resource("cart", "cart-1", "node-1"), T + MINUTE),
            item("cart-2", new Resource("cart", "cart-2", "node-1"), T + MINUTE),
            item("db-0 on node-7", new Resource("db", "db-0", "node-7"), T + 5 * HOUR + MINUTE),
            item("db-1 on node-8", new Resource("db", "db-1", "node-8"), T + 5 * HOUR + MINUTE),
            item("node-7 itself", Resource.ofNode("node-7"), T + 5 * HOUR + 2 * MINUTE));

    List<TrainingOutcomes.Outcome> outcomes =
        TrainingOutcomes.labelled(
            items,
            List.of(
                new TrainingOutcomes.Confirmed(onPod, "cart-1"),
                new TrainingOutcomes.Confirmed(onNode, "node-7")),
            List.of(),
            List.of(),
            List.of());

    assertThat(labels(outcomes))
        .containsExactly(
            "cart-1=real",
            "cart-2=noise",
            "db-0 on node-7=real",
            "db-1 on node-8=noise",
            "node-7 itself=real");
  }

  @Test
  void aConfirmedIncidentOutweighsAFalsePositiveAtTheSameTime() {
    Incident found = incident("found", T, T + 10 * MINUTE);
    Incident falseAlarm = incident("false-alarm", T, T + 10 * MINUTE);
    List<Evidence> items = List.of(cart("cart", T + MINUTE), payment("payment", T + MINUTE));
    List<TrainingOutcomes.Outcome> outcomes =
        TrainingOutcomes.labelled(
            items,
            List.of(new TrainingOutcomes.Confirmed(found, "cart")),
            List.of(falseAlarm),
            List.of(),
            List.of(fault("f1", T)));
    assertThat(labels(outcomes)).containsExactly("cart=real", "payment=noise");
  }

  @Test
  void anItemAboutTheRootCauseOfAnyOverlappingConfirmedIncidentIsNotNoise() {
    Incident onCart = incident("cart", T, T + 30 * MINUTE);
    Incident onPayment = incident("payment", T + 5 * MINUTE, T + 20 * MINUTE);
    List<Evidence> items = List.of(payment("payment", T + 10 * MINUTE));
    var cartFirst =
        List.of(
            new TrainingOutcomes.Confirmed(onCart, "cart"),
            new TrainingOutcomes.Confirmed(onPayment, "payment"));
    var paymentFirst = List.of(cartFirst.get(1), cartFirst.get(0));
    assertThat(
            labels(TrainingOutcomes.labelled(items, paymentFirst, List.of(), List.of(), List.of())))
        .containsExactly("payment=real");
    assertThat(labels(TrainingOutcomes.labelled(items, cartFirst, List.of(), List.of(), List.of())))
        .containsExactly("payment=real");
  }

  @Test
  void anItemAboutTheServiceOfAnInstanceRootCauseIsNotNoise() {
    Incident found = incident("found", T, T + 10 * MINUTE);
    List<Evidence> items = List.of(item("cart service", Resource.ofService("cart"), T + MINUTE));
    assertThat(
            labels(
                TrainingOutcomes.labelled(
                    items,
                    List.of(new TrainingOutcomes.Confirmed(found, "cart-1", "cart")),
                    List.of(),
                    List.of(),
                    List.of(fault("f1", T)))))
        .containsExactly("cart service=real");
  }

  @Test
  void anItemIsAboutAnEntityItNamesAsServiceInstanceOrNode() {
    Evidence e = cart("cart", T);
    assertThat(TrainingOutcomes.about(e, "cart")).isTrue();
    assertThat(TrainingOutcomes.about(e, "cart-1")).isTrue();
    assertThat(TrainingOutcomes.about(e, "node-1")).isTrue();
    assertThat(TrainingOutcomes.about(e, "cart-2")).isFalse();
    assertThat(TrainingOutcomes.about(e, "node-2")).isFalse();
  }

  @Test
  void theSummaryCountsWhatWasLearnedAndWhatWasLeftOut() {
    Evidence a = cart("a", T);
    Evidence b = cart("b", T);
    Evidence c = cart("c", T);
    List<TrainingOutcomes.Outcome> outcomes =
        List.of(
            new TrainingOutcomes.Outcome(a, true),
            new TrainingOutcomes.Outcome(b, false),
            new TrainingOutcomes.Outcome(c, true));
    assertThat(TrainingOutcomes.summary(outcomes, 10))
        .isEqualTo(new TrainingOutcomes.Summary(10, 2, 1, 7));
    assertThat(TrainingOutcomes.ids(List.of(incident("x", T, T), incident("y", T, T))))
        .containsExactlyInAnyOrder("x", "y");
  }
}
