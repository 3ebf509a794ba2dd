package dev.culprit.correlation.evidence;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Counts signals that arrive for windows already closed and says so at most once per {@link #EVERY}
 * of the process's clock, with the count since the last report: a source that is behind (a
 * collector that batches for minutes, a replay of interleaved history) would otherwise write one
 * log line per late signal. The clock only paces the log; what is late is decided in event time.
 */
final class LateSignals {
  static final Duration EVERY = Duration.ofMinutes(1);

  private final LongSupplier nanos;
  private long total;
  private long sinceReport;
  private long lastReport;
  private boolean reported;

  /**
   * @param nanos a monotonic clock in nanoseconds, {@link System#nanoTime} in production
   */
  LateSignals(LongSupplier nanos) {
    this.nanos = nanos;
  }

  /**
   * Counts one late signal, of the window starting at {@code windowStart} of {@code entity}.
   *
   * @return the line to log now, or null when one was logged less than {@link #EVERY} ago
   */
  String late(long windowStart, String entity) {
    total++;
    sinceReport++;
    long now = nanos.getAsLong();
    if (reported && now - lastReport < EVERY.toNanos()) {
      return null;
    }
    String line =
        "Late signals for closed windows: "
            + sinceReport
            + (reported
                ? " in the last " + Duration.ofNanos(now - lastReport).toSeconds() + " s"
                : "")
            + " ("
            + total
            + " in all), the latest for window "
            + windowStart
            + " of "
            + entity
            + "; at most one such line a minute";
    reported = true;
    lastReport = now;
    sinceReport = 0;
    return line;
  }

  /** Late signals counted so far. */
  long total() {
    return total;
  }
}
