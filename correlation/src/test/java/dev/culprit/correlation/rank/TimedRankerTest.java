package dev.culprit.correlation.rank;

import static dev.culprit.correlation.rank.RankerFixtures.input;
import static dev.culprit.correlation.rank.RankerFixtures.metric;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.culprit.model.Resource;
import dev.culprit.model.RootCause;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimedRankerTest {

  @Test
  void delegatesAndCountsEveryCall() {
    RankTimings timings = new RankTimings();
    TimedRanker timed = new TimedRanker(new AlertCountRanker(), timings);
    RankingInput in = input(List.of(metric(Resource.ofService("cart"), "cpu", 3)), List.of());

    List<RootCause> first = timed.rank(in);
    timed.rank(in);

    assertThat(timed.name()).isEqualTo("count");
    assertThat(first).extracting(RootCause::entity).containsExactly("cart");
    assertThat(timings.summary().count()).isEqualTo(2);
  }

  @Test
  void aCallThatThrowsIsStillCounted() {
    RankTimings timings = new RankTimings();
    RootCauseRanker failing =
        new RootCauseRanker() {
          @Override
          public String name() {
            return "failing";
          }

          @Override
          public List<RootCause> rank(RankingInput input) {
            throw new IllegalStateException("boom");
          }
        };

    assertThatThrownBy(() -> new TimedRanker(failing, timings).rank(input(List.of(), List.of())))
        .hasMessage("boom");
    assertThat(timings.summary().count()).isEqualTo(1);
  }

  @Test
  void summaryHasNearestRankPercentilesInMilliseconds() {
    RankTimings timings = new RankTimings();
    for (int ms = 300; ms >= 1; ms--) {
      timings.record(ms * 1_000_000L);
    }
    timings.record(1_500L);

    RankTimings.Summary s = timings.summary();

    assertThat(s.count()).isEqualTo(301);
    assertThat(s.p50()).isEqualTo(150.0);
    assertThat(s.p99()).isEqualTo(297.0);
    assertThat(s.max()).isEqualTo(300.0);
  }

  @Test
  void emptySummaryIsZeros() {
    assertThat(new RankTimings().summary()).isEqualTo(new RankTimings.Summary(0, 0, 0, 0));
    assertThatThrownBy(() -> new RankTimings().record(-1)).hasMessage("Invalid duration: -1");
  }
}
