package dev.culprit.correlation.evidence;

import java.time.Duration;
import java.util.function.LongConsumer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessingContext;

/**
 * Event time that moves on by the wall clock while a task's input is quiet. Windows close, traces
 * settle and incidents open in stream time, which moves only when a record arrives: without this, a
 * lone alert at night, or the last minutes before the input stops (or before a takeover hands a
 * task its backlog out of order), would wait for the next record of the same task. Once stream time
 * has not moved for {@code after} of wall-clock time, the task acts as if stream time were its last
 * value plus the wall-clock time since it last moved, every {@link #CHECK} until a record moves it
 * again. What arrives afterwards for a time already passed is late, and handled as late signals
 * are. Off in replays, which run in event time only.
 */
final class IdleClock {
  /** How often a quiet task is checked. */
  static final Duration CHECK = Duration.ofSeconds(5);

  private final long afterMillis;
  private long seenStreamTime = Long.MIN_VALUE;
  private long seenAt;

  IdleClock(Duration after) {
    if (after == null || !after.isPositive()) {
      throw new IllegalArgumentException("Invalid idle advance: " + after);
    }
    this.afterMillis = after.toMillis();
  }

  /**
   * Schedules {@code advance} with the idle event time of the processor's task, when {@code after}
   * is positive; nothing when it is null or zero.
   */
  static void schedule(ProcessingContext context, Duration after, LongConsumer advance) {
    if (after == null || after.isZero()) {
      return;
    }
    IdleClock clock = new IdleClock(after);
    Duration every = after.compareTo(CHECK) < 0 ? after : CHECK;
    context.schedule(
        every,
        PunctuationType.WALL_CLOCK_TIME,
        now -> {
          long t = clock.idleTime(context.currentStreamTimeMs(), now);
          if (t != Long.MIN_VALUE) {
            advance.accept(t);
          }
        });
  }

  /**
   * The event time to act on at wall-clock time {@code now}, or {@link Long#MIN_VALUE} while stream
   * time moved within the last {@code after} (or is not known yet).
   */
  long idleTime(long streamTime, long now) {
    if (streamTime != seenStreamTime) {
      seenStreamTime = streamTime;
      seenAt = now;
      return Long.MIN_VALUE;
    }
    long quiet = now - seenAt;
    if (streamTime < 0 || quiet < afterMillis) {
      return Long.MIN_VALUE;
    }
    return streamTime + quiet;
  }
}
