package dev.culprit.notify;

import java.time.Duration;

/**
 * Delivery settings.
 *
 * @param initialBackoff the wait after the first failure, doubled after each further one
 * @param maxBackoff the longest wait between attempts
 * @param maxAttempts attempts before giving up
 * @param maxTotal time from the first attempt after which no retry is started
 * @param ratePerSecond sustained sends per second
 * @param burst sends allowed at once
 * @param queueCapacity notifications queued at most
 * @param requestTimeout the HTTP request timeout
 * @param drainTimeout how long {@link Delivery#close()} keeps delivering
 */
public record DeliveryOptions(
    Duration initialBackoff,
    Duration maxBackoff,
    int maxAttempts,
    Duration maxTotal,
    double ratePerSecond,
    int burst,
    int queueCapacity,
    Duration requestTimeout,
    Duration drainTimeout) {
  public DeliveryOptions {
    if (!initialBackoff.isPositive() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "Invalid backoff: " + initialBackoff + " to " + maxBackoff);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("Invalid maxAttempts: " + maxAttempts);
    }
    if (!maxTotal.isPositive()) {
      throw new IllegalArgumentException("Invalid maxTotal: " + maxTotal);
    }
    if (!(ratePerSecond > 0) || burst < 1) {
      throw new IllegalArgumentException("Invalid rate: " + ratePerSecond + "/s burst " + burst);
    }
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("Invalid queueCapacity: " + queueCapacity);
    }
    if (!requestTimeout.isPositive() || drainTimeout.isNegative()) {
      throw new IllegalArgumentException(
          "Invalid timeouts: " + requestTimeout + ", " + drainTimeout);
    }
  }

  /** 1 s doubling to 5 min, 12 attempts within an hour, 1/s burst 5, 10 s requests. */
  public static DeliveryOptions defaults() {
    return new DeliveryOptions(
        Duration.ofSeconds(1),
        Duration.ofMinutes(5),
        12,
        Duration.ofHours(1),
        1,
        5,
        10_000,
        Duration.ofSeconds(10),
        Duration.ofSeconds(10));
  }

  public DeliveryOptions withRetries(Duration initial, Duration max, int attempts, Duration total) {
    return new DeliveryOptions(
        initial,
        max,
        attempts,
        total,
        ratePerSecond,
        burst,
        queueCapacity,
        requestTimeout,
        drainTimeout);
  }

  public DeliveryOptions withRate(double perSecond, int burstSize) {
    return new DeliveryOptions(
        initialBackoff,
        maxBackoff,
        maxAttempts,
        maxTotal,
        perSecond,
        burstSize,
        queueCapacity,
        requestTimeout,
        drainTimeout);
  }

  public DeliveryOptions withTimeouts(Duration request, Duration drain) {
    return new DeliveryOptions(
        initialBackoff,
        maxBackoff,
        maxAttempts,
        maxTotal,
        ratePerSecond,
        burst,
        queueCapacity,
        request,
        drain);
  }
}
