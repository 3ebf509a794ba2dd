package dev.culprit.ingest.faultalerts;

import dev.culprit.ingest.dataset.EventTimes;
import java.time.ZoneOffset;

/**
 * Turns the times of a fault-alerts export into epoch millis. A number is epoch seconds, millis,
 * micros or nanos by its magnitude; a date-time string ({@code YYYY-MM-DD HH:MM:SS[.fff]}) without
 * a zone is in the export's local clock, {@code offsetMillis} ahead of UTC.
 *
 * @param offsetMillis how far the export's date-time strings run ahead of UTC
 */
record Clock(long offsetMillis) {
  static final Clock UTC = new Clock(0);

  /**
   * Epoch millis of {@code text}.
   *
   * @throws IllegalArgumentException if it is neither a number nor a date-time
   */
  long millis(String text) {
    return EventTimes.millis(text, ZoneOffset.ofTotalSeconds((int) (offsetMillis / 1000)));
  }
}
