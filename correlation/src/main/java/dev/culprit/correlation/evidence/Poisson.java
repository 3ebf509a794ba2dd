package dev.culprit.correlation.evidence;

/**
 * Poisson tail probabilities in log space, turned into one-sided normal scores, for testing event
 * counts against an expected rate (a log template seen far more, or far less, than usual).
 */
final class Poisson {
  private static final double[] LN_FACTORIAL = new double[256];

  static {
    for (int i = 1; i < LN_FACTORIAL.length; i++) {
      LN_FACTORIAL[i] = LN_FACTORIAL[i - 1] + Math.log(i);
    }
  }

  private Poisson() {}

  /** The normal score of seeing at least {@code k} events when {@code lambda} are expected. */
  static double upperZ(long k, double lambda) {
    if (k <= lambda) {
      return 0;
    }
    double logP = logSum(k, lambda, true);
    return zFromLogP(logP);
  }

  /** The normal score of seeing at most {@code k} events when {@code lambda} are expected. */
  static double lowerZ(long k, double lambda) {
    if (k >= lambda) {
      return 0;
    }
    return zFromLogP(logSum(k, lambda, false));
  }

  private static double logSum(long k, double lambda, boolean upper) {
    double first = logPmf(k, lambda);
    double sum = 1;
    double logTerm = first;
    for (long i = 1; i < 100_000; i++) {
      long n = upper ? k + i : k - i;
      if (n < 0) {
        break;
      }
      logTerm = logPmf(n, lambda);
      double rel = Math.exp(logTerm - first);
      sum += rel;
      if (rel < 1e-12) {
        break;
      }
    }
    return Math.min(0, first + Math.log(sum));
  }

  static double logPmf(long n, double lambda) {
    return n * Math.log(lambda) - lambda - lnFactorial(n);
  }

  static double lnFactorial(long n) {
    if (n < LN_FACTORIAL.length) {
      return LN_FACTORIAL[(int) n];
    }
    double x = n;
    return x * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI * x) + 1 / (12 * x);
  }

  /**
   * The z with upper-tail probability {@code exp(logP)} (Abramowitz and Stegun 26.2.23, error under
   * 4.5e-4); zero for probabilities of one half or more.
   */
  static double zFromLogP(double logP) {
    if (logP >= Math.log(0.5)) {
      return 0;
    }
    double t = Math.sqrt(-2 * logP);
    return t
        - (2.515517 + 0.802853 * t + 0.010328 * t * t)
            / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t);
  }
}
