package dev.culprit.correlation.evidence;

import java.util.Arrays;

/** Median and median absolute deviation. */
final class RobustStats {
  private RobustStats() {}

  static double median(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("Invalid values: empty");
    }
    double[] v = values.clone();
    Arrays.sort(v);
    int mid = v.length / 2;
    return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  }

  /** The q-quantile of sorted values, by linear interpolation. */
  static double quantile(double[] sorted, double q) {
    if (sorted.length == 0) {
      throw new IllegalArgumentException("Invalid values: empty");
    }
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
  }

  static double mad(double[] values, double median) {
    double[] d = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      d[i] = Math.abs(values[i] - median);
    }
    return median(d);
  }
}
