package dev.culprit.correlation.rank;

import dev.culprit.model.RootCause;
import java.util.List;
import java.util.Objects;

/**
 * A ranker that records the wall-clock time of every rank call of another in {@link RankTimings}.
 */
public final class TimedRanker implements RootCauseRanker {
  private final RootCauseRanker delegate;
  private final RankTimings timings;

  public TimedRanker(RootCauseRanker delegate, RankTimings timings) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.timings = Objects.requireNonNull(timings, "timings");
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public List<RootCause> rank(RankingInput input) {
    long start = System.nanoTime();
    try {
      return delegate.rank(input);
    } finally {
      timings.record(System.nanoTime() - start);
    }
  }
}
