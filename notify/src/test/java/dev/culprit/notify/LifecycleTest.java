package dev.culprit.notify;

import static dev.culprit.notify.Incidents.open;
import static dev.culprit.notify.Incidents.resolved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.culprit.model.Incident;
import dev.culprit.model.NotifierState;
import dev.culprit.notify.Lifecycle.Updates;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LifecycleTest {
  private final TestClock clock = new TestClock();

  private Lifecycle lifecycle(Updates updates) {
    return new Lifecycle(updates, 1000, Duration.ofHours(1), clock, "https://culprit.example.com");
  }

  private static Notification.Kind kind(Lifecycle l, Incident i) {
    return l.next(i).map(Notification::kind).orElse(null);
  }

  @Test
  void firstVersionOpensAndDuplicatesOrOlderVersionsAreIgnored() {
    Lifecycle l = lifecycle(Updates.ALL);
    assertThat(l.next(open("i1", 2, "a")))
        .get()
        .satisfies(
            n -> {
              assertThat(n.kind()).isEqualTo(Notification.Kind.OPENED);
              assertThat(n.idempotencyKey()).isEqualTo("i1/v2");
              assertThat(n.feedbackBaseUrl()).isEqualTo("https://culprit.example.com");
            });
    assertThat(kind(l, open("i1", 2, "a"))).isNull();
    assertThat(kind(l, open("i1", 1, "a"))).isNull();
    assertThat(kind(l, open("i1", 3, "a"))).isEqualTo(Notification.Kind.UPDATED);
    assertThat(kind(l, open("i1", 3, "a"))).isNull();
  }

  @Test
  void materialUpdatesAreTopThreeSetOrOrderOrStatusChanges() {
    Lifecycle l = lifecycle(Updates.MATERIAL);
    assertThat(kind(l, open("i1", 1, "a", "b", "c", "d"))).isEqualTo(Notification.Kind.OPENED);
    // only the fourth cause and the scores changed
    assertThat(kind(l, open("i1", 2, "a", "b", "c", "e"))).isNull();
    // order of the top three changed
    assertThat(kind(l, open("i1", 3, "b", "a", "c"))).isEqualTo(Notification.Kind.UPDATED);
    // set changed
    assertThat(kind(l, open("i1", 4, "b", "a", "x"))).isEqualTo(Notification.Kind.UPDATED);
    assertThat(kind(l, open("i1", 5, "b", "a", "x"))).isNull();
    // a cause drops out of a top three that had only three
    assertThat(kind(l, open("i1", 6, "b", "a"))).isEqualTo(Notification.Kind.UPDATED);
  }

  @Test
  void resolvedIsNotifiedOnceAndStatusChangesAreMaterial() {
    Lifecycle l = lifecycle(Updates.MATERIAL);
    l.next(open("i1", 1, "a"));
    assertThat(kind(l, resolved("i1", 2, "a"))).isEqualTo(Notification.Kind.RESOLVED);
    assertThat(kind(l, resolved("i1", 3, "a"))).isNull();
    assertThat(kind(l, resolved("i1", 2, "a"))).isNull();
    // reopened: the status changed
    assertThat(kind(l, open("i1", 4, "a"))).isEqualTo(Notification.Kind.UPDATED);
    assertThat(kind(l, resolved("i1", 5, "a"))).isEqualTo(Notification.Kind.RESOLVED);
  }

  @Test
  void noneNotifiesOnlyOpenedAndResolved() {
    Lifecycle l = lifecycle(Updates.NONE);
    assertThat(kind(l, open("i1", 1, "a"))).isEqualTo(Notification.Kind.OPENED);
    assertThat(kind(l, open("i1", 2, "b", "a"))).isNull();
    assertThat(kind(l, resolved("i1", 3, "b"))).isEqualTo(Notification.Kind.RESOLVED);
  }

  @Test
  void allNotifiesEveryNewVersion() {
    Lifecycle l = lifecycle(Updates.ALL);
    l.next(open("i1", 1, "a"));
    assertThat(List.of(2, 3, 4).stream().map(v -> kind(l, open("i1", v, "a"))).toList())
        .containsOnly(Notification.Kind.UPDATED);
  }

  @Test
  void triggeredIncidentsAreNotifiedLikeOthers() {
    Lifecycle l = lifecycle(Updates.MATERIAL);
    Incident triggered =
        Incidents.of("t1", 1, "prod", Incident.Status.OPEN, "trigger-7", List.of(), "a");
    assertThat(kind(l, triggered)).isEqualTo(Notification.Kind.OPENED);
  }

  @Test
  void stateIsBoundedAndResolvedIncidentsAreForgotten() {
    Lifecycle small = new Lifecycle(Updates.MATERIAL, 2, Duration.ofHours(1), clock, null);
    small.next(open("i1", 1, "a"));
    small.next(open("i2", 1, "a"));
    small.next(open("i3", 1, "a"));
    assertThat(small.size()).isEqualTo(2);

    Lifecycle l = lifecycle(Updates.MATERIAL);
    l.next(open("i1", 1, "a"));
    l.next(resolved("i1", 2, "a"));
    l.next(open("i2", 1, "a"));
    clock.advance(Duration.ofMinutes(59));
    assertThat(kind(l, open("i3", 1, "a"))).isEqualTo(Notification.Kind.OPENED);
    assertThat(l.size()).isEqualTo(3);
    clock.advance(Duration.ofMinutes(2));
    l.next(open("i4", 1, "a"));
    assertThat(l.size()).isEqualTo(3);
  }

  @Test
  void restoredVersionsAreNotAnnouncedAgainAndUpdatesCompareWithThem() {
    Lifecycle l = lifecycle(Updates.MATERIAL);
    l.restore(state("i1", 2, Incident.Status.OPEN, "a", "b"));
    l.restore(state("i1", 1, Incident.Status.OPEN, "z"));
    l.restore(state("i2", 3, Incident.Status.RESOLVED, "a"));

    assertThat(kind(l, open("i1", 2, "a", "b"))).isNull();
    assertThat(kind(l, open("i1", 3, "a", "b"))).isNull();
    assertThat(kind(l, open("i1", 4, "b", "a"))).isEqualTo(Notification.Kind.UPDATED);
    assertThat(kind(l, resolved("i2", 4, "a"))).isNull();
  }

  @Test
  void forgottenIncidentsAreReportedOnce() {
    Lifecycle l = new Lifecycle(Updates.MATERIAL, 2, Duration.ofHours(1), clock, null);
    l.next(open("i1", 1, "a"));
    l.next(resolved("i1", 2, "a"));
    l.next(open("i2", 1, "a"));
    l.next(open("i3", 1, "a"));
    assertThat(l.forgotten()).containsExactly("i1");
    clock.advance(Duration.ofHours(2));
    l.next(resolved("i2", 2, "a"));
    assertThat(l.forgotten()).isEmpty();
    clock.advance(Duration.ofHours(2));
    l.next(open("i4", 1, "a"));
    assertThat(l.forgotten()).containsExactly("i2");
  }

  private NotifierState state(String id, int version, Incident.Status status, String... top) {
    return new NotifierState(
        "webhook-1", id, version, status, List.of(top), null, null, clock.now().toEpochMilli());
  }

  @Test
  void parsesUpdatePolicies() {
    assertThat(Updates.parse("Material")).isEqualTo(Updates.MATERIAL);
    assertThat(Updates.parse("all")).isEqualTo(Updates.ALL);
    assertThat(Updates.parse("none")).isEqualTo(Updates.NONE);
    assertThatThrownBy(() -> Updates.parse("some"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("some");
  }
}
