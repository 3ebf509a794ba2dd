package dev.culprit.correlation.suppress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SmileClusterersTest {
  /** {@code each} points around (0, 0), then {@code each} around (10, 10). */
  private static double[][] twoBlobs(int each, long seed) {
    Random r = new Random(seed);
    double[][] points = new double[2 * each][];
    for (int i = 0; i < 2 * each; i++) {
      double centre = i < each ? 0 : 10;
      points[i] = new double[] {centre + 0.3 * r.nextGaussian(), centre + 0.3 * r.nextGaussian()};
    }
    return points;
  }

  /**
   * Whether {@code labels} put the first {@code each} points in one cluster, the rest in another.
   */
  private static boolean splitsTheBlobs(int[] labels, int each) {
    for (int i = 0; i < labels.length; i++) {
      boolean sameAsFirst = labels[i] == labels[0];
      if (labels[i] == AlertClusterer.OUTLIER || sameAsFirst != i < each) {
        return false;
      }
    }
    return true;
  }

  @Test
  void clusterersAreNamedCaseInsensitively() {
    assertThat(AlertClusterer.named("KMeans")).isEqualTo(new SmileClusterers.KMeansClusterer(0));
    assertThat(AlertClusterer.named("dbscan")).isInstanceOf(SmileClusterers.DbscanClusterer.class);
    assertThat(AlertClusterer.named("HDBSCAN"))
        .isInstanceOf(SmileClusterers.HdbscanClusterer.class);
    for (String name : List.of("kmeans", "dbscan", "hdbscan")) {
      assertThat(AlertClusterer.named(name).name()).isEqualTo(name);
    }
    assertThatThrownBy(() -> AlertClusterer.named("optics"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'optics'");
  }

  @Test
  void kmeansChoosesTheSquareRootOfHalfTheItemsAsItsNumberOfClusters() {
    int[] labels = new SmileClusterers.KMeansClusterer(0).fit(twoBlobs(100, 1));
    // sqrt(200 / 2) = 10
    assertThat(Arrays.stream(labels).distinct().count()).isEqualTo(10);
    assertThat(Arrays.stream(labels).boxed()).allSatisfy(l -> assertThat(l).isBetween(0, 9));
  }

  @Test
  void kmeansNeverAsksForMoreClustersThanItems() {
    double[][] three = {{0, 0}, {5, 5}, {10, 10}};
    int[] labels = new SmileClusterers.KMeansClusterer(5).fit(three);
    assertThat(Arrays.stream(labels).distinct().count()).isEqualTo(3);
    assertThat(new SmileClusterers.KMeansClusterer(0).fit(new double[][] {{1, 2}}))
        .containsExactly(0);
  }

  @Test
  void kmeansSplitsTwoBlobs() {
    assertThat(splitsTheBlobs(new SmileClusterers.KMeansClusterer(2).fit(twoBlobs(50, 2)), 50))
        .isTrue();
  }

  @Test
  void kmeansKeepsTheBestOfSeveralRuns() {
    List<NoiseModelTrainer.Sample> samples = Fixtures.twoGroups(100, 2);
    NoiseModel scaling =
        new NoiseModelTrainer(new SmileClusterers.KMeansClusterer(2))
            .fit(samples, "synthetic", Fixtures.T0);
    double[][] points =
        samples.stream().map(s -> scaling.scaled(s.features())).toArray(double[][]::new);
    int wrong = 0;
    for (int run = 0; run < 40; run++) {
      if (!splitsTheBlobs(new SmileClusterers.KMeansClusterer(2).fit(points), 100)) {
        wrong++;
      }
    }
    assertThat(wrong).as("fits that split the two groups wrongly, of 40").isZero();
  }

  @Test
  void dbscanMarksAPointFarFromEveryClusterAsAnOutlier() {
    double[][] blobs = twoBlobs(30, 3);
    double[][] points = Arrays.copyOf(blobs, blobs.length + 1);
    points[blobs.length] = new double[] {50, -50};
    int[] labels = new SmileClusterers.DbscanClusterer(5, 1.0).fit(points);
    assertThat(labels[blobs.length]).isEqualTo(AlertClusterer.OUTLIER);
    assertThat(splitsTheBlobs(Arrays.copyOf(labels, blobs.length), 30)).isTrue();
  }

  @Test
  void hdbscanFindsTwoBlobsAndNoOutlierLabelOfSmile() {
    double[][] blobs = twoBlobs(50, 4);
    double[][] points = Arrays.copyOf(blobs, blobs.length + 1);
    points[blobs.length] = new double[] {50, -50};
    int[] labels = new SmileClusterers.HdbscanClusterer(5, 10).fit(points);
    assertThat(Arrays.stream(labels).boxed())
        .allSatisfy(l -> assertThat(l).isBetween(AlertClusterer.OUTLIER, 1));
    assertThat(labels[blobs.length]).isEqualTo(AlertClusterer.OUTLIER);
    assertThat(splitsTheBlobs(Arrays.copyOf(labels, blobs.length), 50)).isTrue();
  }

  @Test
  void hdbscanLeavesTooFewPointsInNoCluster() {
    int[] labels = new SmileClusterers.HdbscanClusterer(10, 20).fit(twoBlobs(10, 5));
    assertThat(labels).hasSize(20).containsOnly(AlertClusterer.OUTLIER);
  }

  @Test
  void noPointsGiveNoLabels() {
    for (String name : List.of("kmeans", "dbscan", "hdbscan")) {
      assertThat(AlertClusterer.named(name).fit(new double[0][])).as(name).isEmpty();
    }
  }
}
