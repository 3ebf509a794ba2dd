package dev.culprit.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.notify.NotifyObserver.Outcome;
import dev.culprit.notify.TargetKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class CulpritMetricsTest {
  @Test
  void countsNotificationsByDestinationKindAndOutcomeAndIncidentsOpened() {
    try (CulpritMetrics m = new CulpritMetrics()) {
      m.notification(TargetKind.SLACK, Outcome.RETRIED);
      m.notification(TargetKind.SLACK, Outcome.DELIVERED);
      m.notification(TargetKind.WEBHOOK, Outcome.GAVE_UP);
      m.incidentOpened();
      m.incidentOpened();

      assertThat(m.scrape())
          .contains("culprit_notifications_total{destination=\"slack\",outcome=\"retried\"} 1.0")
          .contains("culprit_notifications_total{destination=\"slack\",outcome=\"delivered\"} 1.0")
          .contains("culprit_notifications_total{destination=\"webhook\",outcome=\"gave_up\"} 1.0")
          .contains("culprit_incidents_opened_total 2.0");
    }
  }

  @Test
  void deadLetterReasonsAreABoundedSetWhateverTheTextNames() {
    try (CulpritMetrics m = new CulpritMetrics()) {
      m.deadLettered(
          "/v1/metrics",
          List.of(
              "point 3 (cpu.a): a point whose value is NaN",
              "point 4 (cpu.b): a point whose value is NaN",
              "point 5 (mem): a point whose value is -Infinity",
              "point 6 (x): a point without a value",
              "something unexpected about metric 12345"));

      assertThat(m.scrape())
          .contains("culprit_dead_letters_total{reason=\"not_a_number\",route=\"/v1/metrics\"} 2.0")
          .contains("culprit_dead_letters_total{reason=\"infinite\",route=\"/v1/metrics\"} 1.0")
          .contains("culprit_dead_letters_total{reason=\"no_value\",route=\"/v1/metrics\"} 1.0")
          .contains("culprit_dead_letters_total{reason=\"other\",route=\"/v1/metrics\"} 1.0")
          .doesNotContain("12345");
    }
  }
}
