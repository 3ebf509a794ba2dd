package dev.culprit.correlation.suppress;

import java.util.Locale;

/**
 * Groups feature vectors of historical alerts and anomalies. Implementations wrap a clustering
 * library; the rest of suppression sees only the labels.
 */
public interface AlertClusterer {
  /** Label of a point that belongs to no cluster. */
  int OUTLIER = -1;

  /** A short name, recorded in the model. */
  String name();

  /**
   * Cluster labels for {@code points} (already scaled): {@code 0..k-1}, or {@link #OUTLIER} for a
   * point that belongs to no cluster.
   */
  int[] fit(double[][] points);

  /** A clusterer by name: {@code kmeans}, {@code dbscan} or {@code hdbscan}, with defaults. */
  static AlertClusterer named(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "kmeans" -> new SmileClusterers.KMeansClusterer(0);
      case "dbscan" -> new SmileClusterers.DbscanClusterer(10, 1.0);
      case "hdbscan" -> new SmileClusterers.HdbscanClusterer(10, 20);
      default ->
          throw new IllegalArgumentException(
              "unknown clustering algorithm '" + name + "' (kmeans, dbscan or hdbscan)");
    };
  }
}
