package dev.culprit.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.culprit.correlation.suppress.AlertFeatures;
import dev.culprit.correlation.suppress.NoiseModelTrainer;
import dev.culprit.model.EntityRef;
import dev.culprit.model.Evidence;
import dev.culprit.model.EvidenceFamily;
import dev.culprit.model.GraphEdge;
import dev.culprit.model.Resource;
import dev.culprit.model.SignalType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingSamplesTest {
  private static final long MINUTE = 60_000;
  private static final long T = 28_000_000 * MINUTE;
  private static final List<String> NAMES = AlertFeatures.names();
  private static final int STARTS = NAMES.indexOf("log starts in the last hour");
  private static final int MINUTES = NAMES.indexOf("log minutes seen in the last 4 h");
  private static final int NEARBY = NAMES.indexOf("log entities with evidence nearby");
  private static final int DEGREE = NAMES.indexOf("log graph degree");

  /** CPU evidence of cart-1 whose window ends in minute {@code m}. */
  private static Evidence cpu(int m) {
    long time = T + m * MINUTE + 30_000;
    return new Evidence(
        new Resource("cart", "cart-1", "node-1"),
        SignalType.METRIC,
        EvidenceFamily.METRIC_RESOURCE,
        "CpuUsageRate(%)",
        4,
        1,
        0,
        Evidence.Direction.UP,
        time - 30_000,
        time,
        "minute " + m);
  }

  private static TrainingOutcomes.Outcome noise(Evidence e) {
    return new TrainingOutcomes.Outcome(e, true);
  }

  private static GraphEdge edge(EntityRef source, EntityRef target, GraphEdge.Kind kind, long t) {
    return new GraphEdge(source, target, kind, 1, 0, 0, t, false);
  }

  @Test
  void leftOutItemsStillMakeHistory() {
    List<Evidence> items = List.of(cpu(0), cpu(2), cpu(4));
    List<NoiseModelTrainer.Sample> samples =
        TrainingSamples.of(items, List.of(noise(items.get(2))), List.of(), "default");
    assertThat(samples).singleElement();
    double[] x = samples.get(0).features();
    // three starts after quiet minutes, two other minutes seen
    assertThat(x[STARTS]).isCloseTo(Math.log1p(3), within(1e-12));
    assertThat(x[MINUTES]).isCloseTo(Math.log1p(2), within(1e-12));
    assertThat(x[NEARBY]).isCloseTo(Math.log1p(1), within(1e-12));
  }

  @Test
  void itemsAreTakenInEventTimeOrder() {
    // shown in minutes 0, 1 and 2 without a break: one start, whatever order they come in
    List<Evidence> items = new ArrayList<>(List.of(cpu(0), cpu(1), cpu(2)));
    List<TrainingOutcomes.Outcome> outcomes =
        items.stream().map(TrainingSamplesTest::noise).toList();
    Collections.reverse(items);
    List<NoiseModelTrainer.Sample> samples = TrainingSamples.of(items, outcomes, List.of(), "s");
    assertThat(samples).hasSize(3);
    assertThat(samples.stream().map(s -> s.features()[STARTS]).toList())
        .containsOnly(Math.log1p(1));
    assertThat(samples.stream().map(s -> s.features()[MINUTES]).toList())
        .containsExactly(Math.log1p(0), Math.log1p(1), Math.log1p(2));
  }

  @Test
  void aDuplicateItemIsLearnedOnce() {
    Evidence first = cpu(0);
    Evidence again = cpu(0);
    List<NoiseModelTrainer.Sample> samples =
        TrainingSamples.of(
            List.of(first, again), List.of(noise(first), noise(again)), List.of(), "default");
    assertThat(samples).hasSize(1);
  }

  @Test
  void samplesCarryTheOutcomeFamilyAndKind() {
    Evidence e = cpu(0);
    List<NoiseModelTrainer.Sample> samples =
        TrainingSamples.of(
            List.of(e), List.of(new TrainingOutcomes.Outcome(e, false)), List.of(), "default");
    assertThat(samples)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.noise()).isFalse();
              assertThat(s.family()).isEqualTo(EvidenceFamily.METRIC_RESOURCE);
              assertThat(s.kind()).isEqualTo("instance");
              assertThat(s.features()).hasSize(NAMES.size());
            });
  }

  @Test
  void theDegreeCountsEachEdgeOnceHoweverOftenItWasSeen() {
    EntityRef pod = EntityRef.instance("cart-1");
    List<GraphEdge> edges =
        List.of(
            edge(pod, EntityRef.node("node-1"), GraphEdge.Kind.HOSTED_ON, T),
            edge(pod, EntityRef.service("cart"), GraphEdge.Kind.INSTANCE_OF, T),
            edge(pod, EntityRef.node("node-1"), GraphEdge.Kind.HOSTED_ON, T + MINUTE),
            edge(EntityRef.service("web"), EntityRef.service("cart"), GraphEdge.Kind.CALLS, T));
    Evidence e = cpu(0);
    List<NoiseModelTrainer.Sample> samples =
        TrainingSamples.of(List.of(e), List.of(noise(e)), edges, "default");
    assertThat(samples.get(0).features()[DEGREE]).isCloseTo(Math.log1p(2), within(1e-12));
  }
}
