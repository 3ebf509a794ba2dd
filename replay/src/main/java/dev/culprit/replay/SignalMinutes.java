package dev.culprit.replay;

import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * How many signals a replay saw in each minute of event time: the time it actually covered, and
 * where its signals lie relative to the labels. Memory grows with the minutes that hold signals,
 * not with the signals (a month is about 45,000 entries).
 */
final class SignalMinutes {
  /** A gap between signals of at most this many minutes is covered time, a longer one is not. */
  static final int MAX_COVERED_GAP_MINUTES = 5;

  private static final long MINUTE = 60_000;

  private final NavigableMap<Long, Long> counts = new TreeMap<>();
  private long current = Long.MIN_VALUE;
  private long currentCount;

  /** Counts one signal at event time {@code time} (epoch millis). */
  void add(long time) {
    long minute = Math.floorDiv(time, MINUTE);
    if (minute != current) {
      flush();
      current = minute;
    }
    currentCount++;
  }

  /**
   * Hours of event time from {@code from} on that the signals cover: every minute with a signal,
   * and every gap of at most {@link #MAX_COVERED_GAP_MINUTES} minutes between two such minutes. A
   * longer gap (the data stopped, or a stray timestamp far from the rest) is not counted.
   */
  double coveredHours(long from) {
    flush();
    long minutes = 0;
    long previous = Long.MIN_VALUE;
    for (long m : counts.tailMap(Math.floorDiv(from, MINUTE), true).keySet()) {
      long gap = m - previous;
      minutes += previous != Long.MIN_VALUE && gap <= MAX_COVERED_GAP_MINUTES ? gap : 1;
      previous = m;
    }
    return minutes / 60.0;
  }

  /** Signals in the minutes overlapping {@code [from, to]} (epoch millis). */
  long between(long from, long to) {
    flush();
    long n = 0;
    for (long c :
        counts
            .subMap(Math.floorDiv(from, MINUTE), true, Math.floorDiv(to, MINUTE), true)
            .values()) {
      n += c;
    }
    return n;
  }

  /** Whether no signal was counted. */
  boolean isEmpty() {
    flush();
    return counts.isEmpty();
  }

  private void flush() {
    if (currentCount > 0) {
      counts.merge(current, currentCount, Long::sum);
      currentCount = 0;
    }
  }
}
