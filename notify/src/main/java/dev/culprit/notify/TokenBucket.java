package dev.culprit.notify;

import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket: {@code burst} sends at once, then one every {@code 1/ratePerSecond} seconds. Used
 * by one delivery worker, so not thread-safe.
 */
final class TokenBucket {
  private final double ratePerSecond;
  private final int burst;
  private final Sleeper sleeper;
  private double tokens;
  private Instant last;

  TokenBucket(double ratePerSecond, int burst, Sleeper sleeper) {
    if (!(ratePerSecond > 0)) {
      throw new IllegalArgumentException("Invalid rate: " + ratePerSecond);
    }
    if (burst < 1) {
      throw new IllegalArgumentException("Invalid burst: " + burst);
    }
    this.ratePerSecond = ratePerSecond;
    this.burst = burst;
    this.sleeper = sleeper;
    this.tokens = burst;
    this.last = sleeper.now();
  }

  /** Takes one token, waiting until one is available. */
  void acquire() throws InterruptedException {
    refill();
    while (tokens < 1) {
      long waitNanos = (long) Math.ceil((1 - tokens) / ratePerSecond * 1e9);
      sleeper.sleep(Duration.ofNanos(Math.max(waitNanos, 1_000_000)));
      refill();
    }
    tokens -= 1;
  }

  private void refill() {
    Instant now = sleeper.now();
    double elapsed = Duration.between(last, now).toNanos() / 1e9;
    if (elapsed > 0) {
      tokens = Math.min(burst, tokens + elapsed * ratePerSecond);
      last = now;
    }
  }
}
