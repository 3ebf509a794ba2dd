package dev.culprit.sim;

import java.util.HexFormat;
import java.util.List;
import java.util.random.RandomGenerator;

/** Small random helpers over a seeded generator. */
final class Rand {
  private static final HexFormat HEX = HexFormat.of();

  private Rand() {}

  /** A value with mean about {@code mean} and multiplicative spread {@code sigma}. */
  static double logNormal(RandomGenerator rng, double mean, double sigma) {
    return mean * Math.exp(sigma * rng.nextGaussian() - sigma * sigma / 2);
  }

  /** {@code value} with relative gaussian noise of {@code relative}, never negative. */
  static double jitter(RandomGenerator rng, double value, double relative) {
    return Math.max(0, value * (1 + relative * rng.nextGaussian()));
  }

  static <T> T pick(RandomGenerator rng, List<T> items) {
    return items.get(rng.nextInt(items.size()));
  }

  static String traceId(RandomGenerator rng) {
    return HEX.toHexDigits(rng.nextLong()) + HEX.toHexDigits(rng.nextLong());
  }

  static String spanId(RandomGenerator rng) {
    return HEX.toHexDigits(rng.nextLong());
  }
}
