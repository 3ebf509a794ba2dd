package dev.culprit.correlation.suppress;

import dev.culprit.model.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A fitted model of which alerts and anomalies were noise: clusters of historical items in feature
 * space, each with how many items it holds and how many of them led nowhere. Saved as a versioned
 * JSON file; the pipeline reloads it when the file changes.
 *
 * @param format the file format version ({@link #FORMAT})
 * @param version this model's version (time of training and a content hash)
 * @param createdAt when it was trained (epoch millis)
 * @param algorithm the clustering algorithm
 * @param source what it was trained from, in words
 * @param features the feature names, in vector order ({@link AlertFeatures#names()})
 * @param mean per feature, subtracted before scaling
 * @param scale per feature, multiplied after centring (0 drops a feature that did not vary)
 * @param clusters the clusters
 * @param trainedOn the number of historical items
 * @param outliers how many of them fell in no cluster
 */
public record NoiseModel(
    int format,
    String version,
    long createdAt,
    String algorithm,
    String source,
    List<String> features,
    double[] mean,
    double[] scale,
    List<Cluster> clusters,
    int trainedOn,
    int outliers) {
  public static final int FORMAT = 1;

  public NoiseModel {
    Objects.requireNonNull(version, "version");
    features = List.copyOf(features);
    clusters = List.copyOf(clusters);
    if (mean.length != features.size() || scale.length != features.size()) {
      throw new IllegalArgumentException("mean and scale must have one value per feature");
    }
  }

  /**
   * One cluster of history.
   *
   * @param id cluster id
   * @param centroid the centre, in scaled space
   * @param radius the distance from the centre within which a new item belongs to it (the 95th
   *     percentile of its members' distances)
   * @param support how many historical items it holds
   * @param noise how many of them led nowhere
   * @param summary what its items typically are, in words
   */
  public record Cluster(
      int id, double[] centroid, double radius, int support, int noise, String summary) {
    /** The share of its items that led nowhere (written to the file for people to read). */
    public double noiseRate() {
      return support == 0 ? 0 : (double) noise / support;
    }
  }

  /** A new item's place in the model: its cluster and how far it is from that cluster's centre. */
  public record Assignment(Cluster cluster, double distance) {}

  /** {@code raw} features centred and scaled as the model was fitted. */
  public double[] scaled(double[] raw) {
    if (raw.length != mean.length) {
      throw new IllegalArgumentException(
          "expected " + mean.length + " features, got " + raw.length);
    }
    double[] x = new double[raw.length];
    for (int i = 0; i < raw.length; i++) {
      x[i] = (raw[i] - mean[i]) * scale[i];
    }
    return x;
  }

  /** The cluster {@code raw} falls in (the nearest whose radius reaches it), if any. */
  public Optional<Assignment> assign(double[] raw) {
    double[] x = scaled(raw);
    Cluster best = null;
    double bestDistance = Double.MAX_VALUE;
    for (Cluster c : clusters) {
      double d = distance(x, c.centroid());
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    if (best == null || bestDistance > best.radius()) {
      return Optional.empty();
    }
    return Optional.of(new Assignment(best, bestDistance));
  }

  static double distance(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - b[i];
      sum += d * d;
    }
    return Math.sqrt(sum);
  }

  /** Writes the model to {@code file} atomically, so a reloading pipeline never reads half. */
  public void write(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    try {
      Json.mapper().writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), this);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Reads a model file; a clear error for a file that is not one, or of another format. */
  public static NoiseModel read(Path file) throws IOException {
    NoiseModel m;
    try {
      m = Json.mapper().readValue(file.toFile(), NoiseModel.class);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new IOException(file + " is not a Culprit noise model: " + e.getOriginalMessage(), e);
    }
    if (m.format() != FORMAT) {
      throw new IOException(
          file + " has model format " + m.format() + "; this Culprit reads format " + FORMAT);
    }
    if (!m.features().equals(AlertFeatures.names())) {
      throw new IOException(
          file + " was trained on other features than this Culprit computes; train it again");
    }
    return m;
  }

  /** Like {@link #read}, for callers that cannot handle checked exceptions. */
  public static NoiseModel readUnchecked(Path file) {
    try {
      return read(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
