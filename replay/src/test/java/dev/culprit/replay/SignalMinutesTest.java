package dev.culprit.replay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SignalMinutesTest {
  private static final long T = 1_700_000_040_000L;
  private static final long MINUTE = 60_000;

  @Test
  void aStrayTimestampAddsOneMinuteNotTheSpanToIt() {
    SignalMinutes minutes = new SignalMinutes();
    for (long t = T; t < T + 120 * MINUTE; t += 15_000) {
      minutes.add(t);
    }
    minutes.add(T + 10L * 365 * 24 * 60 * MINUTE);

    assertThat(minutes.coveredHours(T)).isEqualTo(121 / 60.0);
  }

  @Test
  void shortGapsAreCoveredAndLongOnesAreNot() {
    SignalMinutes minutes = new SignalMinutes();
    minutes.add(T);
    minutes.add(T + 5 * MINUTE);
    minutes.add(T + 11 * MINUTE);
    minutes.add(T + 11 * MINUTE + 30_000);

    assertThat(minutes.coveredHours(T)).as("0..5 covered, 6 min gap not").isEqualTo(7 / 60.0);
    assertThat(minutes.coveredHours(T + MINUTE)).isEqualTo(2 / 60.0);
  }

  @Test
  void countsSignalsOutOfOrderInTheirMinutes() {
    SignalMinutes minutes = new SignalMinutes();
    minutes.add(T + 2 * MINUTE);
    minutes.add(T);
    minutes.add(T + 2 * MINUTE + 1);
    minutes.add(T + 1);

    assertThat(minutes.between(T, T + 59_999)).isEqualTo(2);
    assertThat(minutes.between(T + MINUTE, T + 3 * MINUTE)).isEqualTo(2);
    assertThat(minutes.coveredHours(T)).isEqualTo(3 / 60.0);
  }
}
