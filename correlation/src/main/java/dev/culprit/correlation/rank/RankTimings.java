package dev.culprit.correlation.rank;

import java.util.Arrays;

/**
 * Wall-clock durations of rank calls, collected by {@link TimedRanker}s. Thread-safe: the rankers
 * of several stream tasks may share one.
 */
public final class RankTimings {
  private long[] nanos = new long[256];
  private int count;

  /**
   * Percentiles of the recorded durations in milliseconds (nearest rank); zeros when none.
   *
   * @param count rank calls recorded
   * @param p50 median
   * @param p99 99th percentile
   * @param max longest
   */
  public record Summary(long count, double p50, double p99, double max) {}

  /** Records one rank call that took {@code durationNanos}. */
  public synchronized void record(long durationNanos) {
    if (durationNanos < 0) {
      throw new IllegalArgumentException("Invalid duration: " + durationNanos);
    }
    if (count == nanos.length) {
      nanos = Arrays.copyOf(nanos, 2 * count);
    }
    nanos[count++] = durationNanos;
  }

  /** The summary of everything recorded so far. */
  public synchronized Summary summary() {
    if (count == 0) {
      return new Summary(0, 0, 0, 0);
    }
    long[] sorted = Arrays.copyOf(nanos, count);
    Arrays.sort(sorted);
    return new Summary(
        count,
        millis(percentile(sorted, 0.50)),
        millis(percentile(sorted, 0.99)),
        millis(sorted[count - 1]));
  }

  private static long percentile(long[] sorted, double p) {
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  private static double millis(long nanos) {
    return Math.round(nanos / 1_000.0) / 1_000.0;
  }
}
