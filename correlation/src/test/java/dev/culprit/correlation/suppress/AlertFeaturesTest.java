package dev.culprit.correlation.suppress;

import static dev.culprit.correlation.suppress.Fixtures.CPU;
import static dev.culprit.correlation.suppress.Fixtures.MINUTE;
import static dev.culprit.correlation.suppress.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.culprit.model.Evidence;
import dev.culprit.model.EvidenceFamily;
import dev.culprit.model.Resource;
import dev.culprit.model.SignalType;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertFeaturesTest {
  private static final List<String> NAMES = AlertFeatures.names();

  private static double feature(double[] x, String name) {
    return x[NAMES.indexOf(name)];
  }

  @Test
  void oneHotFeaturesComeFirstAndNoneNamesAServiceOrMetric() {
    assertThat(NAMES).hasSize(10 + 3 + 3 + 10).doesNotHaveDuplicates();
    for (int i = 0; i < NAMES.size(); i++) {
      assertThat(AlertFeatures.categorical(i))
          .as(NAMES.get(i))
          .isEqualTo(NAMES.get(i).contains("="));
    }
    assertThat(String.join(",", NAMES)).doesNotContain("cart").doesNotContain("Cpu");
  }

  @Test
  void anItemIsDescribedByItsKindStrengthDurationTimeAndHistory() {
    // T0 is Tuesday 2023-03-28, 10:40 UTC; the departure started 10 minutes before
    var e =
        new Evidence(
            new Resource("cart", "cart-1", "node-1"),
            SignalType.METRIC,
            EvidenceFamily.legacy(SignalType.METRIC, CPU),
            CPU,
            Math.E - 1,
            1,
            2,
            Evidence.Direction.DOWN,
            T0 - 10 * MINUTE,
            T0,
            "");
    double[] x = AlertFeatures.of(e, new FeatureHistory.Context(false, 3, 7, 2, 5));

    for (int i = 0; i < NAMES.size(); i++) {
      if (AlertFeatures.categorical(i)) {
        boolean on =
            List.of("family=metric_resource", "entity=instance", "direction=down")
                .contains(NAMES.get(i));
        assertThat(x[i]).as(NAMES.get(i)).isEqualTo(on ? 1.0 : 0.0);
      }
    }
    double hour = (10 + 40 / 60.0) / 24 * 2 * Math.PI;
    double day = 1 / 7.0 * 2 * Math.PI;
    assertThat(feature(x, "log score")).isCloseTo(1, within(1e-12));
    assertThat(feature(x, "log minutes running")).isCloseTo(Math.log1p(10), within(1e-12));
    assertThat(feature(x, "hour of day (sin)")).isCloseTo(Math.sin(hour), within(1e-12));
    assertThat(feature(x, "hour of day (cos)")).isCloseTo(Math.cos(hour), within(1e-12));
    assertThat(feature(x, "day of week (sin)")).isCloseTo(Math.sin(day), within(1e-12));
    assertThat(feature(x, "day of week (cos)")).isCloseTo(Math.cos(day), within(1e-12));
    assertThat(feature(x, "log starts in the last hour")).isCloseTo(Math.log1p(3), within(1e-12));
    assertThat(feature(x, "log minutes seen in the last 4 h"))
        .isCloseTo(Math.log1p(7), within(1e-12));
    assertThat(feature(x, "log entities with evidence nearby"))
        .isCloseTo(Math.log1p(2), within(1e-12));
    assertThat(feature(x, "log graph degree")).isCloseTo(Math.log1p(5), within(1e-12));
  }

  @Test
  void aNegativeScoreOrAnOnsetAfterTheWindowCountsAsZero() {
    var e = Fixtures.log("payment", Fixtures.ERROR_LOG, -3, T0 + MINUTE, T0);
    double[] x = AlertFeatures.of(e, new FeatureHistory.Context(false, 0, 0, 0, 0));
    assertThat(feature(x, "log score")).isZero();
    assertThat(feature(x, "log minutes running")).isZero();
    assertThat(feature(x, "family=log_errors")).isEqualTo(1.0);
    assertThat(feature(x, "entity=service")).isEqualTo(1.0);
    assertThat(feature(x, "direction=up")).isEqualTo(1.0);
  }
}
