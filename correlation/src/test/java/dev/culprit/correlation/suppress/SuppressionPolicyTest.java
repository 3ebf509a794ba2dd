package dev.culprit.correlation.suppress;

import static dev.culprit.correlation.suppress.Fixtures.CPU;
import static dev.culprit.correlation.suppress.Fixtures.MINUTE;
import static dev.culprit.correlation.suppress.Fixtures.T0;
import static dev.culprit.correlation.suppress.Fixtures.everythingInOneCluster;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.culprit.model.Evidence;
import dev.culprit.model.Suppression;
import java.util.List;
import org.junit.jupiter.api.Test;

class SuppressionPolicyTest {
  private static final Evidence CPU_SPIKE =
      Fixtures.metric("cart", "cart-1", CPU, 4, T0, T0 + MINUTE);
  private static final FeatureHistory.Context PLAIN = context(false, 1);
  private static final FeatureHistory.Context DUPLICATE = context(true, 1);
  private static final FeatureHistory.Context SIX_STARTS = context(false, 6);

  /** Defaults: at least 90% noise and 20 items in a cluster, 6 starts an hour to flap. */
  private static final SuppressionPolicy POLICY =
      new SuppressionPolicy(new SuppressionConfig(true, null, 0.9, 20, 6));

  private static FeatureHistory.Context context(boolean duplicate, int starts) {
    return new FeatureHistory.Context(duplicate, starts, 3, 2, 1);
  }

  @Test
  void aDisabledPolicyNeverSuppresses() {
    SuppressionPolicy off = new SuppressionPolicy(SuppressionConfig.off());
    NoiseModel allNoise = everythingInOneCluster("v1", 0, 1_000, 1_000);
    for (FeatureHistory.Context c : List.of(PLAIN, DUPLICATE, SIX_STARTS)) {
      assertThat(off.decide(CPU_SPIKE, c, allNoise)).as("%s", c).isNull();
    }
  }

  @Test
  void aDuplicateIsSuppressedAsSuch() {
    Suppression s = POLICY.decide(CPU_SPIKE, DUPLICATE, null);
    assertThat(s).isNotNull();
    assertThat(s.kind()).isEqualTo(Suppression.Kind.DUPLICATE);
    assertThat(s.reason()).contains(CPU).contains("metric").contains("already seen");
    assertThat(s.cluster()).isNull();
    assertThat(s.model()).isNull();
    assertThat(s.confidence()).isEqualTo(1.0);
  }

  @Test
  void aDuplicateIsADuplicateEvenWhenItAlsoFlaps() {
    Suppression s = POLICY.decide(CPU_SPIKE, context(true, 9), null);
    assertThat(s.kind()).isEqualTo(Suppression.Kind.DUPLICATE);
  }

  @Test
  void sixStartsInTheLastHourAreFlapping() {
    Suppression s = POLICY.decide(CPU_SPIKE, SIX_STARTS, null);
    assertThat(s).isNotNull();
    assertThat(s.kind()).isEqualTo(Suppression.Kind.FLAPPING);
    assertThat(s.reason())
        .isEqualTo("flapping: CpuUsageRate(%) on cart-1 started 6 times in the last hour");
    assertThat(s.cluster()).isNull();
    assertThat(s.model()).isNull();
    assertThat(s.confidence()).isEqualTo(1.0);
  }

  @Test
  void fiveStartsAreNotFlapping() {
    assertThat(POLICY.decide(CPU_SPIKE, context(false, 5), null)).isNull();
  }

  @Test
  void theNumberOfStartsThatFlapComesFromTheConfig() {
    var policy = new SuppressionPolicy(new SuppressionConfig(true, null, 0.9, 20, 3));
    assertThat(policy.decide(CPU_SPIKE, context(false, 3), null).kind())
        .isEqualTo(Suppression.Kind.FLAPPING);
    assertThat(policy.decide(CPU_SPIKE, context(false, 2), null)).isNull();
  }

  @Test
  void aClusterWithEnoughHistoryThatWasMostlyNoiseSuppresses() {
    NoiseModel m = everythingInOneCluster("20230328T104000Z-abcd1234", 4, 20, 18);
    Suppression s = POLICY.decide(CPU_SPIKE, PLAIN, m);
    assertThat(s).isNotNull();
    assertThat(s.kind()).isEqualTo(Suppression.Kind.CLUSTER);
    assertThat(s.cluster()).isEqualTo(4);
    assertThat(s.noiseRate()).isEqualTo(0.9);
    assertThat(s.model()).isEqualTo("20230328T104000Z-abcd1234");
    assertThat(s.reason())
        .isEqualTo("like 20 past items of cluster 4 (test items), 90% of which led nowhere");
    // (18 + 20 / 2) / (20 + 20)
    assertThat(s.confidence()).isCloseTo(0.7, within(1e-12));
  }

  @Test
  void confidenceGrowsWithTheClustersSupport() {
    Suppression small = POLICY.decide(CPU_SPIKE, PLAIN, everythingInOneCluster("v", 0, 20, 20));
    Suppression large = POLICY.decide(CPU_SPIKE, PLAIN, everythingInOneCluster("v", 0, 980, 980));
    assertThat(small.confidence()).isCloseTo(0.75, within(1e-12));
    assertThat(large.confidence()).isCloseTo(0.99, within(1e-12));
  }

  @Test
  void aClusterWithTooLittleHistoryDoesNotSuppress() {
    assertThat(POLICY.decide(CPU_SPIKE, PLAIN, everythingInOneCluster("v", 0, 19, 19))).isNull();
  }

  @Test
  void aClusterWithTooLittleNoiseDoesNotSuppress() {
    assertThat(POLICY.decide(CPU_SPIKE, PLAIN, everythingInOneCluster("v", 0, 100, 89))).isNull();
  }

  @Test
  void anItemInNoClusterIsNotSuppressed() {
    int n = AlertFeatures.names().size();
    double[] elsewhere = new double[n];
    elsewhere[0] = 5;
    NoiseModel m =
        new NoiseModel(
            NoiseModel.FORMAT,
            "v",
            T0,
            "test",
            "",
            AlertFeatures.names(),
            new double[n],
            new double[n],
            List.of(new NoiseModel.Cluster(0, elsewhere, 1, 1_000, 1_000, "far")),
            1_000,
            0);
    assertThat(POLICY.decide(CPU_SPIKE, PLAIN, m)).isNull();
  }

  @Test
  void withoutAModelOnlyTheRulesSuppress() {
    assertThat(POLICY.decide(CPU_SPIKE, PLAIN, null)).isNull();
    assertThat(POLICY.decide(CPU_SPIKE, DUPLICATE, null).kind())
        .isEqualTo(Suppression.Kind.DUPLICATE);
    assertThat(POLICY.decide(CPU_SPIKE, SIX_STARTS, null).kind())
        .isEqualTo(Suppression.Kind.FLAPPING);
  }

  @Test
  void theRulesComeBeforeTheModel() {
    NoiseModel allNoise = everythingInOneCluster("v", 0, 1_000, 1_000);
    assertThat(POLICY.decide(CPU_SPIKE, SIX_STARTS, allNoise).kind())
        .isEqualTo(Suppression.Kind.FLAPPING);
    assertThat(POLICY.decide(CPU_SPIKE, DUPLICATE, allNoise).kind())
        .isEqualTo(Suppression.Kind.DUPLICATE);
  }
}
