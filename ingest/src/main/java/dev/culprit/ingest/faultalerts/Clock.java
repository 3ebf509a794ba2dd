package dev.culprit.ingest.faultalerts;

import dev.culprit.ingest.dataset.EventTimes;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Turns the times of a fault-alerts export into epoch millis. A number is epoch seconds, millis,
 * micros or nanos by its magnitude; a date-time string ({@code YYYY-MM-DD HH:MM:SS[.fff]}) is in
 * the export's local clock, {@code offsetMillis} ahead of UTC.
 *
 * @param offsetMillis how far the export's date-time strings run ahead of UTC
 */
record Clock(long offsetMillis) {
  static final Clock UTC = new Clock(0);

  private static final Pattern NUMBER = Pattern.compile("^\\d+(\\.\\d+)?$");
  private static final long MAX_SECONDS = 100_000_000_000L;
  private static final long MAX_MILLIS = 100_000_000_000_000L;
  private static final long MAX_MICROS = 100_000_000_000_000_000L;

  /**
   * Epoch millis of {@code text}.
   *
   * @throws IllegalArgumentException if it is neither a number nor a date-time
   */
  long millis(String text) {
    String t = text.trim();
    return isNumber(t)
        ? epochMillis(new BigDecimal(t))
        : EventTimes.parseUtcMillis(t) - offsetMillis;
  }

  static boolean isNumber(String text) {
    return NUMBER.matcher(text.trim()).matches();
  }

  /** Epoch millis of an epoch number in seconds, millis, micros or nanos, by magnitude. */
  static long epochMillis(BigDecimal value) {
    if (value.signum() < 0) {
      throw new IllegalArgumentException("Invalid epoch time: " + value);
    }
    BigDecimal millis;
    if (value.compareTo(BigDecimal.valueOf(MAX_SECONDS)) < 0) {
      millis = value.movePointRight(3);
    } else if (value.compareTo(BigDecimal.valueOf(MAX_MILLIS)) < 0) {
      millis = value;
    } else if (value.compareTo(BigDecimal.valueOf(MAX_MICROS)) < 0) {
      millis = value.movePointLeft(3);
    } else {
      millis = value.movePointLeft(6);
    }
    return millis.longValue();
  }
}
