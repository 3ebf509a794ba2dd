package dev.culprit.correlation.suppress;

import dev.culprit.model.EvidenceFamily;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Fits a {@link NoiseModel} from labelled history. Plain Java; no Kafka. */
public final class NoiseModelTrainer {
  /** One-hot features count this much in distances: a different kind of signal is far away. */
  static final double CATEGORY_WEIGHT = 2.0;

  /** At most this many items are clustered; the rest are assigned to the clusters found. */
  static final int MAX_FITTED = 8_000;

  /** A cluster's radius never falls below this, so identical items still have room. */
  static final double MIN_RADIUS = 0.25;

  /**
   * One historical item.
   *
   * @param features its raw feature vector ({@link AlertFeatures#of})
   * @param noise whether it led nowhere (no incident, a false positive, a short or flapping one)
   * @param family its evidence family, for the cluster summaries
   * @param kind its entity kind label, for the cluster summaries
   */
  public record Sample(double[] features, boolean noise, EvidenceFamily family, String kind) {}

  private final AlertClusterer clusterer;

  public NoiseModelTrainer(AlertClusterer clusterer) {
    this.clusterer = clusterer;
  }

  /** Fits a model on {@code samples}; {@code source} says in words what they came from. */
  public NoiseModel fit(List<Sample> samples, String source, long now) {
    int dims = AlertFeatures.names().size();
    double[] mean = new double[dims];
    double[] scale = new double[dims];
    standardise(samples, mean, scale);
    double[][] all = new double[samples.size()][];
    for (int i = 0; i < samples.size(); i++) {
      all[i] = apply(samples.get(i).features(), mean, scale);
    }
    double[][] fitted = subsample(all);
    int[] labels = clusterer.fit(fitted);
    List<double[]> centroids = centroids(fitted, labels);
    List<List<Integer>> members = new ArrayList<>();
    for (int c = 0; c < centroids.size(); c++) {
      members.add(new ArrayList<>());
    }
    int[] nearest = new int[all.length];
    double[] nearestDistance = new double[all.length];
    for (int i = 0; i < all.length; i++) {
      nearest[i] = -1;
      nearestDistance[i] = Double.MAX_VALUE;
      for (int c = 0; c < centroids.size(); c++) {
        double d = NoiseModel.distance(all[i], centroids.get(c));
        if (d < nearestDistance[i]) {
          nearestDistance[i] = d;
          nearest[i] = c;
        }
      }
      if (nearest[i] >= 0) {
        members.get(nearest[i]).add(i);
      }
    }
    List<NoiseModel.Cluster> clusters = new ArrayList<>();
    for (int c = 0; c < centroids.size(); c++) {
      List<Integer> m = members.get(c);
      double[] d = m.stream().mapToDouble(i -> nearestDistance[i]).sorted().toArray();
      double radius = d.length == 0 ? MIN_RADIUS : Math.max(MIN_RADIUS, percentile(d, 0.95));
      int support = 0;
      int noise = 0;
      List<Sample> inside = new ArrayList<>();
      for (int i : m) {
        if (nearestDistance[i] <= radius) {
          support++;
          inside.add(samples.get(i));
          if (samples.get(i).noise()) {
            noise++;
          }
        }
      }
      if (support == 0) {
        continue;
      }
      clusters.add(
          new NoiseModel.Cluster(
              clusters.size(), centroids.get(c), radius, support, noise, summary(inside)));
    }
    int inClusters = clusters.stream().mapToInt(NoiseModel.Cluster::support).sum();
    int outliers = samples.size() - inClusters;
    return new NoiseModel(
        NoiseModel.FORMAT,
        version(now, clusters),
        now,
        clusterer.name(),
        source,
        AlertFeatures.names(),
        mean,
        scale,
        clusters,
        samples.size(),
        outliers);
  }

  private static void standardise(List<Sample> samples, double[] mean, double[] scale) {
    int dims = mean.length;
    int n = samples.size();
    for (int j = 0; j < dims; j++) {
      if (AlertFeatures.categorical(j)) {
        mean[j] = 0;
        scale[j] = CATEGORY_WEIGHT;
        continue;
      }
      double sum = 0;
      for (Sample s : samples) {
        sum += s.features()[j];
      }
      double m = n == 0 ? 0 : sum / n;
      double var = 0;
      for (Sample s : samples) {
        double d = s.features()[j] - m;
        var += d * d;
      }
      double sd = n < 2 ? 0 : Math.sqrt(var / (n - 1));
      mean[j] = m;
      // a feature that never varied in history says nothing about it: leave it out
      scale[j] = sd < 1e-9 ? 0 : 1 / sd;
    }
  }

  private static double[] apply(double[] raw, double[] mean, double[] scale) {
    double[] x = new double[raw.length];
    for (int i = 0; i < raw.length; i++) {
      x[i] = (raw[i] - mean[i]) * scale[i];
    }
    return x;
  }

  /** Every k-th item, so that at most {@link #MAX_FITTED} are clustered; deterministic. */
  private static double[][] subsample(double[][] all) {
    if (all.length <= MAX_FITTED) {
      return all;
    }
    double step = (double) all.length / MAX_FITTED;
    double[][] out = new double[MAX_FITTED][];
    for (int i = 0; i < MAX_FITTED; i++) {
      out[i] = all[(int) (i * step)];
    }
    return out;
  }

  /** The mean of each label's points, in label order; outliers form no cluster. */
  private static List<double[]> centroids(double[][] points, int[] labels) {
    Map<Integer, double[]> sums = new HashMap<>();
    Map<Integer, Integer> counts = new HashMap<>();
    for (int i = 0; i < points.length; i++) {
      if (labels[i] == AlertClusterer.OUTLIER) {
        continue;
      }
      double[] s = sums.computeIfAbsent(labels[i], k -> new double[points[0].length]);
      for (int j = 0; j < s.length; j++) {
        s[j] += points[i][j];
      }
      counts.merge(labels[i], 1, Integer::sum);
    }
    List<Integer> ids = new ArrayList<>(sums.keySet());
    ids.sort(Integer::compare);
    List<double[]> out = new ArrayList<>();
    for (int id : ids) {
      double[] s = sums.get(id);
      int n = counts.get(id);
      for (int j = 0; j < s.length; j++) {
        s[j] /= n;
      }
      out.add(s);
    }
    return out;
  }

  static double percentile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  /** What a cluster's items typically are: most common family and entity kind. */
  private static String summary(List<Sample> inside) {
    Map<String, Integer> families = new HashMap<>();
    Map<String, Integer> kinds = new HashMap<>();
    for (Sample s : inside) {
      families.merge(s.family().name().toLowerCase(Locale.ROOT).replace('_', ' '), 1, Integer::sum);
      kinds.merge(s.kind(), 1, Integer::sum);
    }
    return top(families) + " on " + top(kinds) + "s";
  }

  private static String top(Map<String, Integer> counts) {
    return counts.entrySet().stream()
        .max(
            Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
        .map(Map.Entry::getKey)
        .orElse("?");
  }

  private static String version(long now, List<NoiseModel.Cluster> clusters) {
    String time =
        DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .format(Instant.ofEpochMilli(now).atZone(ZoneOffset.UTC));
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (NoiseModel.Cluster c : clusters) {
        md.update(Arrays.toString(c.centroid()).getBytes(StandardCharsets.UTF_8));
        md.update(
            (c.support() + "/" + c.noise() + "/" + c.radius()).getBytes(StandardCharsets.UTF_8));
      }
      return time + "-" + HexFormat.of().formatHex(md.digest(), 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
