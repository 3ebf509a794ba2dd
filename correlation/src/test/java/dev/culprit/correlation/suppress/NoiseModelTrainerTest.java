package dev.culprit.correlation.suppress;

import static dev.culprit.correlation.suppress.Fixtures.T0;
import static dev.culprit.correlation.suppress.Fixtures.twoGroups;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class NoiseModelTrainerTest {
  private static final List<String> NAMES = AlertFeatures.names();
  private static final int SCORE = NAMES.indexOf("log score");
  private static final int DEGREE = NAMES.indexOf("log graph degree");
  private static final int RESOURCE = NAMES.indexOf("family=metric_resource");
  private static final int LOG_ERRORS = NAMES.indexOf("family=log_errors");

  /** Labels metric resource evidence 0 and everything else 1; remembers how many it was given. */
  private static final class ByFamily implements AlertClusterer {
    int given;

    @Override
    public String name() {
      return "by-family";
    }

    @Override
    public int[] fit(double[][] points) {
      given = points.length;
      int[] labels = new int[points.length];
      for (int i = 0; i < points.length; i++) {
        labels[i] = points[i][RESOURCE] > 0 ? 0 : 1;
      }
      return labels;
    }
  }

  private static NoiseModel fit(AlertClusterer clusterer, List<NoiseModelTrainer.Sample> samples) {
    return new NoiseModelTrainer(clusterer).fit(samples, "synthetic", T0);
  }

  private static void assertOneNoiseClusterAndOneRealFound(NoiseModel m) {
    assertThat(m.clusters())
        .isNotEmpty()
        .allSatisfy(
            c ->
                assertThat(c.noiseRate() >= 0.95 || c.noiseRate() <= 0.05)
                    .as("noise rate %s of cluster %s", c.noiseRate(), c.summary())
                    .isTrue());
    assertThat(m.clusters())
        .anySatisfy(
            c -> {
              assertThat(c.noiseRate()).isGreaterThanOrEqualTo(0.95);
              assertThat(c.summary()).isEqualTo("metric resource on instances");
            })
        .anySatisfy(
            c -> {
              assertThat(c.noiseRate()).isLessThanOrEqualTo(0.05);
              assertThat(c.summary()).isEqualTo("log errors on services");
            });
    int inClusters = m.clusters().stream().mapToInt(NoiseModel.Cluster::support).sum();
    assertThat(m.trainedOn()).isEqualTo(200);
    assertThat(m.outliers()).isEqualTo(200 - inClusters);
  }

  @Test
  void kmeansFindsANoiseClusterAndARealOne() {
    NoiseModel m = fit(AlertClusterer.named("kmeans"), twoGroups(100, 1));
    assertThat(m.algorithm()).isEqualTo("kmeans");
    assertOneNoiseClusterAndOneRealFound(m);
  }

  @Test
  void hdbscanFindsANoiseClusterAndARealOne() {
    NoiseModel m = fit(AlertClusterer.named("hdbscan"), twoGroups(100, 3));
    assertThat(m.algorithm()).isEqualTo("hdbscan");
    assertOneNoiseClusterAndOneRealFound(m);
  }

  @Test
  void dbscanFindsANoiseClusterAndARealOne() {
    NoiseModel m = fit(AlertClusterer.named("dbscan"), twoGroups(100, 12));
    assertThat(m.algorithm()).isEqualTo("dbscan");
    assertOneNoiseClusterAndOneRealFound(m);
  }

  @Test
  void clustersHoldTheirMembersWithinThe95thPercentileOfTheirDistances() {
    List<NoiseModelTrainer.Sample> samples = twoGroups(100, 4);
    NoiseModel m = fit(new ByFamily(), samples);
    assertThat(m.clusters()).hasSize(2);
    NoiseModel.Cluster noisy = m.clusters().get(0);
    NoiseModel.Cluster real = m.clusters().get(1);
    assertThat(noisy.id()).isZero();
    assertThat(real.id()).isEqualTo(1);
    // 95 of each group's 100 distinct points lie within the 95th percentile
    assertThat(noisy.support()).isEqualTo(95);
    assertThat(noisy.noise()).isEqualTo(95);
    assertThat(real.support()).isEqualTo(95);
    assertThat(real.noise()).isZero();
    assertThat(m.outliers()).isEqualTo(10);
    assertThat(noisy.centroid()[RESOURCE]).isEqualTo(NoiseModelTrainer.CATEGORY_WEIGHT);
    assertThat(noisy.centroid()[LOG_ERRORS]).isZero();
    assertThat(real.centroid()[LOG_ERRORS]).isEqualTo(NoiseModelTrainer.CATEGORY_WEIGHT);
    List<Double> distances = new ArrayList<>();
    for (NoiseModelTrainer.Sample s : samples.subList(0, 100)) {
      distances.add(NoiseModel.distance(m.scaled(s.features()), noisy.centroid()));
    }
    Collections.sort(distances);
    assertThat(noisy.radius()).isEqualTo(distances.get(94));
    assertThat(noisy.centroid()[SCORE])
        .isCloseTo(
            samples.subList(0, 100).stream()
                .mapToDouble(s -> m.scaled(s.features())[SCORE])
                .average()
                .orElseThrow(),
            within(1e-9));
  }

  @Test
  void numericFeaturesAreStandardisedAndOneHotOnesWeighted() {
    List<NoiseModelTrainer.Sample> samples = twoGroups(50, 5);
    NoiseModel m = fit(new ByFamily(), samples);
    double[] scores = samples.stream().mapToDouble(s -> s.features()[SCORE]).toArray();
    double mean = java.util.Arrays.stream(scores).average().orElseThrow();
    double var = java.util.Arrays.stream(scores).map(x -> (x - mean) * (x - mean)).sum();
    double sd = Math.sqrt(var / (scores.length - 1));
    assertThat(m.mean()[SCORE]).isCloseTo(mean, within(1e-9));
    assertThat(m.scale()[SCORE]).isCloseTo(1 / sd, within(1e-9));
    for (int i = 0; i < NAMES.size(); i++) {
      if (AlertFeatures.categorical(i)) {
        assertThat(m.mean()[i]).as(NAMES.get(i)).isZero();
        assertThat(m.scale()[i]).as(NAMES.get(i)).isEqualTo(2.0);
      }
    }
    assertThat(m.features()).isEqualTo(NAMES);
  }

  @Test
  void aFeatureThatNeverVariedGetsScaleZero() {
    // every sample has graph degree 0
    NoiseModel m = fit(new ByFamily(), twoGroups(50, 6));
    assertThat(m.scale()[DEGREE]).isZero();
    assertThat(m.mean()[DEGREE]).isZero();
    assertThat(m.scale()[SCORE]).isPositive();
  }

  @Test
  void identicalItemsGetTheMinimumRadius() {
    NoiseModelTrainer.Sample one = twoGroups(1, 7).get(0);
    NoiseModel m = fit(new ByFamily(), Collections.nCopies(30, one));
    assertThat(m.clusters())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.radius()).isEqualTo(NoiseModelTrainer.MIN_RADIUS);
              assertThat(c.support()).isEqualTo(30);
              assertThat(c.noiseRate()).isEqualTo(1.0);
            });
    assertThat(m.outliers()).isZero();
  }

  @Test
  void pointsLeftInNoClusterFormNone() {
    AlertClusterer none =
        new AlertClusterer() {
          @Override
          public String name() {
            return "none";
          }

          @Override
          public int[] fit(double[][] points) {
            int[] labels = new int[points.length];
            java.util.Arrays.fill(labels, OUTLIER);
            return labels;
          }
        };
    NoiseModel m = fit(none, twoGroups(10, 8));
    assertThat(m.clusters()).isEmpty();
    assertThat(m.outliers()).isEqualTo(20);
    assertThat(m.assign(twoGroups(1, 8).get(0).features())).isEmpty();
  }

  @Test
  void atMostMaxFittedItemsAreClusteredAndAllAreAssigned() {
    ByFamily clusterer = new ByFamily();
    int each = NoiseModelTrainer.MAX_FITTED / 2 + 500;
    NoiseModel m = fit(clusterer, twoGroups(each, 9));
    assertThat(clusterer.given).isEqualTo(NoiseModelTrainer.MAX_FITTED);
    assertThat(m.trainedOn()).isEqualTo(2 * each);
    int inClusters = m.clusters().stream().mapToInt(NoiseModel.Cluster::support).sum();
    assertThat(inClusters + m.outliers()).isEqualTo(2 * each);
    assertThat(inClusters).isGreaterThan(NoiseModelTrainer.MAX_FITTED);
  }

  @Test
  void theModelSaysWhenAndFromWhatItWasTrainedAndItsVersionFollowsItsContent() {
    List<NoiseModelTrainer.Sample> samples = twoGroups(30, 10);
    NoiseModel m = fit(new ByFamily(), samples);
    assertThat(m.format()).isEqualTo(NoiseModel.FORMAT);
    assertThat(m.createdAt()).isEqualTo(T0);
    assertThat(m.source()).isEqualTo("synthetic");
    assertThat(m.algorithm()).isEqualTo("by-family");
    assertThat(m.version()).matches("20230328T104000Z-[0-9a-f]{8}");
    assertThat(fit(new ByFamily(), samples).version()).isEqualTo(m.version());
    List<NoiseModelTrainer.Sample> allNoise =
        samples.stream()
            .map(s -> new NoiseModelTrainer.Sample(s.features(), true, s.family(), s.kind()))
            .toList();
    assertThat(fit(new ByFamily(), allNoise).version()).isNotEqualTo(m.version());
  }

  @Test
  void percentileIsTheSmallestValueAtOrAboveTheShare() {
    double[] sorted = new double[20];
    for (int i = 0; i < sorted.length; i++) {
      sorted[i] = i + 1;
    }
    assertThat(NoiseModelTrainer.percentile(sorted, 0.95)).isEqualTo(19.0);
    assertThat(NoiseModelTrainer.percentile(sorted, 1.0)).isEqualTo(20.0);
    assertThat(NoiseModelTrainer.percentile(sorted, 0.0)).isEqualTo(1.0);
    assertThat(NoiseModelTrainer.percentile(new double[] {4}, 0.95)).isEqualTo(4.0);
    assertThat(NoiseModelTrainer.percentile(new double[0], 0.95)).isZero();
  }
}
