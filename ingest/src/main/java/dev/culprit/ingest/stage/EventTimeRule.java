package dev.culprit.ingest.stage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Which event times the normalising stage lets into the pipeline. A signal dated before 1970 is
 * never accepted. With a clock ({@link #live}), neither is one dated more than {@code maxAhead}
 * after that clock's now: one record stamped hours ahead would move stream time past every open
 * window, so that everything current looked late. Such a signal goes to the dead-letter topic with
 * the reason; signals from the past are accepted as they are (Alertmanager re-sends alerts that
 * started long ago, and late data is for the windows to judge). Replays and the demo, whose event
 * times are not the wall clock's, use {@link #anyTime()}.
 *
 * @param clock the clock event times are compared with, or null to accept any time from 1970 on
 * @param maxAhead how far ahead of {@code clock} an event time may be
 */
public record EventTimeRule(Clock clock, Duration maxAhead) {
  /** How far ahead of the clock {@code culprit run} accepts event times: clock skew, not more. */
  public static final Duration DEFAULT_MAX_AHEAD = Duration.ofMinutes(5);

  public EventTimeRule {
    Objects.requireNonNull(maxAhead, "maxAhead");
    if (maxAhead.isNegative()) {
      throw new IllegalArgumentException("Invalid maxAhead: " + maxAhead);
    }
  }

  /** Any event time from 1970 on. */
  public static EventTimeRule anyTime() {
    return new EventTimeRule(null, Duration.ZERO);
  }

  /** Event times at most {@code maxAhead} after {@code clock}'s now. */
  public static EventTimeRule live(Clock clock, Duration maxAhead) {
    return new EventTimeRule(Objects.requireNonNull(clock, "clock"), maxAhead);
  }

  /** Why {@code eventTime} (epoch millis) is refused, or null when it is accepted. */
  public String problem(long eventTime) {
    if (eventTime < 0) {
      return "event time " + eventTime + " ms is before 1970";
    }
    if (clock == null) {
      return null;
    }
    long now = clock.millis();
    if (eventTime - now > maxAhead.toMillis()) {
      return "event time "
          + Instant.ofEpochMilli(eventTime)
          + " is "
          + Duration.ofMillis(eventTime - now).withNanos(0)
          + " ahead of the clock ("
          + Instant.ofEpochMilli(now)
          + "), more than the "
          + maxAhead
          + " allowed";
    }
    return null;
  }
}
