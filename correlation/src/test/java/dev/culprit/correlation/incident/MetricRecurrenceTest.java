package dev.culprit.correlation.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.model.Evidence;
import dev.culprit.model.EvidenceFamily;
import dev.culprit.model.Resource;
import dev.culprit.model.SignalType;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricRecurrenceTest {
  private static final long MIN = 60_000;
  private static final long HOUR = 60 * MIN;
  private final Map<String, MetricRecurrence.Minutes> store = new HashMap<>();
  private final MetricRecurrence recurrence =
      new MetricRecurrence(store::get, store::put, 4 * HOUR);

  @Test
  void aJumpThatRecursAcrossPodsIsWeighedDownAndSaysWhy() {
    assertThat(recurrence.weigh("s", metric("pod-a", "writes", 40, 10 * MIN)).score())
        .isEqualTo(40.0);
    recurrence.weigh("s", metric("pod-b", "writes", 50, 40 * MIN));
    Evidence third = recurrence.weigh("s", metric("pod-c", "writes", 45, 70 * MIN));
    assertThat(third.score()).isEqualTo(15.0);
    assertThat(third.detail()).contains("weighed 1/3", "writes jumped this far in 2 other minutes");
  }

  @Test
  void aJumpOfANewSizeKeepsItsWeight() {
    recurrence.weigh("s", metric("pod-a", "cpu", 10, 10 * MIN));
    recurrence.weigh("s", metric("pod-b", "cpu", 12, 20 * MIN));
    assertThat(recurrence.weigh("s", metric("pod-c", "cpu", 200, 30 * MIN)).score())
        .isEqualTo(200.0);
  }

  @Test
  void onlyTheHistoryWindowOfTheSameMetricAndScopeCounts() {
    recurrence.weigh("s", metric("pod-a", "writes", 40, 0));
    recurrence.weigh("other", metric("pod-a", "writes", 40, 5 * HOUR));
    recurrence.weigh("s", metric("pod-a", "reads", 40, 5 * HOUR));
    assertThat(recurrence.weigh("s", metric("pod-b", "writes", 40, 5 * HOUR)).score())
        .isEqualTo(40.0);
  }

  @Test
  void otherSignalsAndTheSameMinutePassUnchanged() {
    Evidence log =
        new Evidence(
            new Resource("cart", "cart-1", null),
            SignalType.LOG,
            EvidenceFamily.LOG_ERRORS,
            "error log lines",
            30,
            30,
            0,
            Evidence.Direction.UP,
            0,
            MIN,
            "error log lines up");
    recurrence.weigh("s", log);
    assertThat(recurrence.weigh("s", log)).isSameAs(log);
    recurrence.weigh("s", metric("pod-a", "writes", 40, 10 * MIN));
    assertThat(recurrence.weigh("s", metric("pod-b", "writes", 40, 10 * MIN)).score())
        .isEqualTo(40.0);
    assertThat(store).containsOnlyKeys("s|writes");
  }

  private static Evidence metric(String pod, String name, double score, long time) {
    return new Evidence(
        new Resource("svc", pod, null),
        SignalType.METRIC,
        EvidenceFamily.legacy(SignalType.METRIC, name),
        name,
        score,
        score,
        1,
        Evidence.Direction.UP,
        time,
        time,
        name + " up");
  }
}
