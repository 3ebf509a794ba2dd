package dev.culprit.correlation.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LateSignalsTest {
  private long now = 5_000_000_000L;
  private final LateSignals late = new LateSignals(() -> now);

  @Test
  void reportsTheFirstLateSignalThenAtMostOneLineAMinuteWithTheCount() {
    assertThat(late.late(60_000, "service:cart"))
        .isEqualTo(
            "Late signals for closed windows: 1 (1 in all), the latest for window 60000 of"
                + " service:cart; at most one such line a minute");
    for (int i = 0; i < 5_000; i++) {
      now += TimeUnit.MILLISECONDS.toNanos(10);
      assertThat(late.late(120_000, "service:cart")).isNull();
    }
    now += TimeUnit.SECONDS.toNanos(11);
    assertThat(late.late(180_000, "instance:cart-0"))
        .isEqualTo(
            "Late signals for closed windows: 5001 in the last 61 s (5002 in all), the latest"
                + " for window 180000 of instance:cart-0; at most one such line a minute");
    assertThat(late.total()).isEqualTo(5_002);
  }
}
