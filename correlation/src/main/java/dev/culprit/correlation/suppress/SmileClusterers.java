package dev.culprit.correlation.suppress;

import smile.clustering.Clustering;
import smile.clustering.DBSCAN;
import smile.clustering.HDBSCAN;
import smile.clustering.KMeans;
import smile.math.MathEx;

/** {@link AlertClusterer}s backed by Smile. */
public final class SmileClusterers {
  /** Smile's random numbers are seeded with this before each fit, so a model is reproducible. */
  static final long SEED = 20_260_125L;

  /** K-means keeps the best of this many runs: one run ends in a poor local optimum too often. */
  static final int RUNS = 10;

  /** Smile's label for points in no cluster. */
  private static final int SMILE_OUTLIER = Integer.MAX_VALUE;

  private SmileClusterers() {}

  private static int[] outliersAsMinusOne(int[] labels) {
    int[] out = labels.clone();
    for (int i = 0; i < out.length; i++) {
      if (out[i] == SMILE_OUTLIER || out[i] < 0) {
        out[i] = AlertClusterer.OUTLIER;
      }
    }
    return out;
  }

  /**
   * K-means: the best (least distortion) of {@link #RUNS} k-means++ runs, from a fixed seed. With
   * {@code k} 0 the number of clusters is {@code sqrt(n / 2)}, at most 60: a common rule of thumb
   * that keeps clusters populous enough to estimate a noise rate.
   */
  public record KMeansClusterer(int k) implements AlertClusterer {
    @Override
    public String name() {
      return "kmeans";
    }

    @Override
    public int[] fit(double[][] points) {
      int n = points.length;
      if (n == 0) {
        return new int[0];
      }
      int clusters = k > 0 ? k : (int) Math.max(1, Math.min(60, Math.round(Math.sqrt(n / 2.0))));
      clusters = Math.min(clusters, n);
      if (clusters == 1) {
        return new int[n];
      }
      MathEx.setSeed(SEED);
      int k = clusters;
      return Clustering.run(RUNS, () -> KMeans.fit(points, k, 100)).group();
    }
  }

  /** DBSCAN: clusters of at least {@code minPoints} within {@code radius}; others are outliers. */
  public record DbscanClusterer(int minPoints, double radius) implements AlertClusterer {
    @Override
    public String name() {
      return "dbscan";
    }

    @Override
    public int[] fit(double[][] points) {
      if (points.length == 0) {
        return new int[0];
      }
      return outliersAsMinusOne(DBSCAN.fit(points, minPoints, radius).group());
    }
  }

  /** HDBSCAN: density clusters of at least {@code minClusterSize} points; others are outliers. */
  public record HdbscanClusterer(int minPoints, int minClusterSize) implements AlertClusterer {
    @Override
    public String name() {
      return "hdbscan";
    }

    @Override
    public int[] fit(double[][] points) {
      if (points.length <= minClusterSize) {
        int[] none = new int[points.length];
        java.util.Arrays.fill(none, AlertClusterer.OUTLIER);
        return none;
      }
      return outliersAsMinusOne(HDBSCAN.fit(points, minPoints, minClusterSize).group());
    }
  }
}
