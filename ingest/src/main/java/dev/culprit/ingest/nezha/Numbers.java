package dev.culprit.ingest.nezha;

/** Strict number parsing for dataset fields; failures are {@link NumberFormatException}s. */
final class Numbers {

  private Numbers() {}

  /** A whole number, also written as a decimal with a zero fraction ({@code 12.0}). */
  static long parseLong(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      double d = Double.parseDouble(s);
      if (d != Math.rint(d) || Double.isInfinite(d)) {
        throw e;
      }
      return (long) d;
    }
  }

  /** Epoch millis of epoch seconds, possibly fractional. */
  static long secondsToMillis(String s) {
    double d = Double.parseDouble(s);
    if (!Double.isFinite(d)) {
      throw new NumberFormatException("Invalid epoch seconds: " + s);
    }
    return Math.round(d * 1000);
  }
}
