package dev.culprit.correlation.suppress;

import static dev.culprit.correlation.suppress.Fixtures.MINUTE;
import static dev.culprit.correlation.suppress.Fixtures.T0;
import static dev.culprit.correlation.suppress.Fixtures.metric;
import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.model.Evidence;
import dev.culprit.model.SignalType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FeatureHistoryTest {
  private static final String SCOPE = "default";
  private static final String CPU = "CpuUsageRate(%)";

  private Map<String, FeatureHistory.Entry> store;
  private FeatureHistory history;

  @BeforeEach
  void setUp() {
    store = new HashMap<>();
    history = new FeatureHistory(FeatureHistory.Store.over(store));
  }

  /** Evidence about cart-1's CPU whose window ends half-way through minute {@code m}. */
  private static Evidence cpuAt(int m) {
    return cpu("cart-1", m);
  }

  private static Evidence cpu(String instance, int m) {
    long time = T0 + m * MINUTE + 30_000;
    return metric("cart", instance, CPU, 4, time - 30_000, time);
  }

  private FeatureHistory.Context observe(Evidence e) {
    return history.observe(SCOPE, e, 0);
  }

  private List<Integer> startsAt(int... minutes) {
    List<Integer> starts = new ArrayList<>();
    for (int m : minutes) {
      starts.add(observe(cpuAt(m)).startsLastHour());
    }
    return starts;
  }

  @Test
  void anItemEveryMinuteForTenMinutesIsOneStart() {
    assertThat(startsAt(0, 1, 2, 3, 4, 5, 6, 7, 8, 9)).containsOnly(1);
  }

  @Test
  void itemsWithAQuietMinuteBetweenThemAreSeparateStarts() {
    assertThat(startsAt(0, 2, 4, 6, 8)).containsExactly(1, 2, 3, 4, 5);
  }

  @Test
  void onlyAShowingAfterAQuietMinuteStartsAgain() {
    // 0-1 showing, 2 quiet, 3-4 showing, 5-6 quiet, 7 showing
    assertThat(startsAt(0, 1, 3, 4, 7)).containsExactly(1, 1, 2, 2, 3);
  }

  @Test
  void twoItemsInTheMinuteOfAStartCountItOnce() {
    observe(cpuAt(0));
    Evidence again = metric("cart", "cart-1", CPU, 5, T0, T0 + 45_000);
    assertThat(observe(again).startsLastHour()).isEqualTo(1);
    assertThat(observe(cpuAt(2)).startsLastHour()).isEqualTo(2);
  }

  @Test
  void startsOlderThanAnHourAreForgotten() {
    assertThat(startsAt(0, 10, 20)).containsExactly(1, 2, 3);
    // at minute 75 the last hour reaches back to 15:30: the starts at 0 and 10 are gone
    assertThat(observe(cpuAt(75)).startsLastHour()).isEqualTo(2);
  }

  @Test
  void startsAreCountedPerEntityAndFeature() {
    startsAt(0, 2, 4);
    assertThat(observe(cpu("cart-2", 6)).startsLastHour()).isEqualTo(1);
    Evidence memory = metric("cart", "cart-1", "MemoryUsageRate(%)", 4, T0, T0 + 6 * MINUTE);
    assertThat(observe(memory).startsLastHour()).isEqualTo(1);
    assertThat(observe(cpuAt(6)).startsLastHour()).isEqualTo(4);
  }

  @Test
  void theSameItemTwiceIsADuplicateTheSecondTimeOnly() {
    Evidence e = metric("cart", "cart-1", CPU, 4, T0, T0 + MINUTE);
    assertThat(observe(e).duplicate()).isFalse();
    assertThat(observe(e).duplicate()).isTrue();
  }

  @Test
  void anItemDifferingInEntityFeatureOnsetTimeOrScopeIsNoDuplicate() {
    Evidence e = metric("cart", "cart-1", CPU, 4, T0, T0 + MINUTE);
    observe(e);
    assertThat(observe(metric("cart", "cart-2", CPU, 4, T0, T0 + MINUTE)).duplicate()).isFalse();
    assertThat(observe(metric("cart", "cart-1", "Mem", 4, T0, T0 + MINUTE)).duplicate()).isFalse();
    assertThat(observe(metric("cart", "cart-1", CPU, 4, T0 + 1, T0 + MINUTE)).duplicate())
        .isFalse();
    assertThat(observe(metric("cart", "cart-1", CPU, 4, T0, T0 + MINUTE + 1)).duplicate())
        .isFalse();
    assertThat(history.observe("other-scope", e, 0).duplicate()).isFalse();
    assertThat(observe(e).duplicate()).isTrue();
  }

  @Test
  void aDuplicateAddsNoStartAndNoMinute() {
    Evidence e = cpuAt(0);
    observe(e);
    FeatureHistory.Context again = observe(e);
    assertThat(again.startsLastHour()).isEqualTo(1);
    assertThat(again.minutesLast4h()).isZero();
  }

  @Test
  void entitiesNearbyCountsDistinctEntitiesOfThisAndThePreviousMinuteOnly() {
    assertThat(observe(cpu("a", 0)).entitiesNearby()).isEqualTo(1);
    assertThat(observe(cpu("b", 0)).entitiesNearby()).isEqualTo(2);
    // minute 1: c, plus a and b of minute 0
    assertThat(observe(cpu("c", 1)).entitiesNearby()).isEqualTo(3);
    // a again, on another feature: still one entity
    Evidence aMemory = metric("cart", "a", "Mem", 4, T0 + MINUTE, T0 + MINUTE + 30_000);
    assertThat(observe(aMemory).entitiesNearby()).isEqualTo(3);
    // minute 2: d, plus c and a of minute 1; b (minute 0) no longer counts
    assertThat(observe(cpu("d", 2)).entitiesNearby()).isEqualTo(3);
    // minute 4 after a quiet minute 3: only e
    assertThat(observe(cpu("e", 4)).entitiesNearby()).isEqualTo(1);
  }

  @Test
  void entitiesNearbyAreCountedPerScope() {
    history.observe("one", cpu("a", 0), 0);
    history.observe("one", cpu("b", 0), 0);
    assertThat(history.observe("two", cpu("c", 0), 0).entitiesNearby()).isEqualTo(1);
  }

  @Test
  void otherMinutesInTheLastFourHoursAreCounted() {
    assertThat(observe(cpuAt(0)).minutesLast4h()).isZero();
    assertThat(observe(cpuAt(1)).minutesLast4h()).isEqualTo(1);
    // a second item in minute 1 does not count its own minute
    Evidence sameMinute = metric("cart", "cart-1", CPU, 4, T0, T0 + MINUTE + 50_000);
    assertThat(observe(sameMinute).minutesLast4h()).isEqualTo(1);
    assertThat(observe(cpuAt(100)).minutesLast4h()).isEqualTo(2);
    assertThat(observe(cpuAt(239)).minutesLast4h()).isEqualTo(3);
    // at minute 242 the last four hours reach back to 2:30: minutes 0 and 1 are gone
    assertThat(observe(cpuAt(242)).minutesLast4h()).isEqualTo(2);
  }

  @Test
  void theDegreeIsPassedThrough() {
    assertThat(history.observe(SCOPE, cpuAt(0), 7).degree()).isEqualTo(7);
  }

  @Test
  void theStoreDoesNotGrowWithTimeForOneEntity() {
    int largest = 0;
    for (int m = 0; m < 500; m++) {
      observe(cpuAt(m));
      largest = Math.max(largest, store.size());
      assertThat(store).doesNotContainKey(SCOPE + "|#minute|" + (T0 / MINUTE + m - 2));
    }
    // the entity's feature, the minute index and the entity lists of this and the last minute
    assertThat(largest).isLessThanOrEqualTo(4);
    assertThat(store)
        .containsOnlyKeys(
            SCOPE + "|instance:cart-1|" + SignalType.METRIC + "|" + CPU,
            SCOPE + "|#minutes",
            SCOPE + "|#minute|" + (T0 / MINUTE + 498),
            SCOPE + "|#minute|" + (T0 / MINUTE + 499));
    FeatureHistory.Entry feature =
        store.get(SCOPE + "|instance:cart-1|" + SignalType.METRIC + "|" + CPU);
    assertThat(feature.minutes()).hasSizeLessThanOrEqualTo(241);
    assertThat(feature.seen()).hasSizeLessThanOrEqualTo(16);
    assertThat(store.get(SCOPE + "|#minutes").minutes()).hasSizeLessThanOrEqualTo(2);
  }

  @Test
  void aSweepForgetsFeaturesNotSeenForFourHoursAndKeepsRecentOnes() {
    for (int i = 0; i < 100; i++) {
      observe(cpu("pod-" + i, 0));
    }
    observe(cpu("recent", 200));
    int before = store.size();
    int deleted = history.sweep(T0 + 241 * MINUTE);
    assertThat(deleted).isEqualTo(100);
    assertThat(store.size()).isEqualTo(before - 100);
    assertThat(store.keySet()).anyMatch(k -> k.contains("recent"));
    assertThat(observe(cpu("pod-7", 242)).minutesLast4h()).isZero();
  }

  @Test
  void theStoreDoesNotGrowWithTimeWhenMinutesAreSkipped() {
    for (int m = 0; m < 1_500; m += 3) {
      observe(cpuAt(m));
    }
    assertThat(store).hasSizeLessThanOrEqualTo(3);
    assertThat(store.get(SCOPE + "|#minutes").minutes()).containsExactly(T0 / MINUTE + 1_497);
  }
}
